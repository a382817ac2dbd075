#include "ui/window/lesson_actions.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include "core/error.h"
#include "core/lesson_run.h"
#include "ui/model/attention_document.h"
#include "ui/model/error_text.h"
#include "ui/model/examples.h"
#include "ui/model/session_state.h"

namespace attnscope {
namespace {

constexpr int kMaxRecentFiles = 8;

// Everything that can fail (reading the weights, checking them against d_model and h) comes
// before the state changes, so a lesson that cannot be shown leaves the window as it was.
// Throws Error saying why the lesson cannot be shown.
void applySession(AttentionDocument* document, const Session& session, const QString& name) {
  const auto refuse = [](const QString& problem) {
    throw Error(ErrorKind::InvalidData, problem.toStdString());
  };
  Lesson parameters = session;
  loadWeights(parameters.weights);
  loadModel(parameters.model);  // once per model: copies of the lesson share it
  if (!parameters.weights.isSeeded()) {
    const int width = parameters.weights.loaded->weights.modelWidth();
    if (width != parameters.modelWidth) {
      refuse(LessonActions::tr("%1: the lesson says d_model %2, but its weights are %3 wide.")
                 .arg(name)
                 .arg(parameters.modelWidth)
                 .arg(width));
    }
  }
  if (parameters.modelWidth % parameters.heads != 0) {
    refuse(LessonActions::tr("%1: %2 heads do not divide d_model %3, so the lesson cannot run.")
               .arg(name)
               .arg(parameters.heads)
               .arg(parameters.modelWidth));
  }
  document->reset(parameters);
  document->setView(session.view);
}

}  // namespace

LessonActions::LessonActions(AttentionDocument* document, QWidget* window,
                             std::function<void(QString)> report)
    : QObject(window), m_document(document), m_window(window), m_report(std::move(report)) {}

void LessonActions::fillMenu(QMenu* menu) {
  m_open = menu->addAction(QString(), this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open lesson"), QFileInfo(m_path).absolutePath(),
                                     tr("AttnScope lessons (*.attnscope)"));
    if (!path.isEmpty()) m_report(openSession(path));
  });
  m_open->setShortcut(QKeySequence::Open);
  m_examples = menu->addMenu(QString());
  for (const ExampleSession& example : exampleSessions()) {
    const QString resource = example.resourcePath;
    const QString title = example.title;
    m_examples->addAction(title, this, [this, resource, title] {
      m_report(problemFrom([&] {
        const Session session = openExample(resource);
        applySession(m_document, session, title);
        m_path.clear();
      }));
    });
  }
  m_recent = menu->addMenu(QString());
  menu->addSeparator();
  m_loadWeights = menu->addAction(QString(), this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Load weights"), QFileInfo(m_path).absolutePath(),
                                     tr("Attention weights (*.safetensors)"));
    if (!path.isEmpty()) m_report(loadWeights(path));
  });
  m_randomWeights = menu->addAction(QString(), this, [this] { emit weightsChosen({}); });
  const auto enableRandom = [this](const Lesson& p) {
    m_randomWeights->setEnabled(!p.weights.isSeeded());
  };
  enableRandom(m_document->parameters());
  connect(m_document, &AttentionDocument::parametersChanged, this, enableRandom);
  menu->addSeparator();
  m_save = menu->addAction(QString(), this, [this] {
    if (m_path.isEmpty()) {
      m_saveAs->trigger();
    } else {
      m_report(saveSession(m_path));
    }
  });
  m_save->setShortcut(QKeySequence::Save);
  m_saveAs = menu->addAction(QString(), this, [this] {
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save lesson"), m_path,
                                                tr("AttnScope lessons (*.attnscope)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".attnscope"), Qt::CaseInsensitive)) {
      path += QStringLiteral(".attnscope");
    }
    m_report(saveSession(path));
  });
  m_saveAs->setShortcut(QKeySequence::SaveAs);
  m_embedWeights = menu->addAction(QString());
  m_embedWeights->setCheckable(true);
  menu->addSeparator();
  rebuildRecentMenu();
  retranslate();
}

void LessonActions::retranslate() {
  m_open->setText(tr("&Open lesson…"));
  m_examples->setTitle(tr("E&xamples"));
  m_recent->setTitle(tr("Open &recent"));
  m_save->setText(tr("&Save lesson"));
  m_saveAs->setText(tr("Save lesson &as…"));
  m_loadWeights->setText(tr("Load &weights (.safetensors)…"));
  m_randomWeights->setText(tr("Use ra&ndom weights (from the seed)"));
  m_embedWeights->setText(tr("Embed weights in the lesson"));
  m_embedWeights->setToolTip(
      tr("Save loaded weights inside the lesson file, so that it travels "
         "as one file"));
}

QString LessonActions::openSession(const QString& path) {
  return problemFrom([&] {
    const Session session = readSession(QFile::encodeName(path).toStdString());
    applySession(m_document, session, QFileInfo(path).fileName());
    m_path = path;
    rememberRecent(path);
  });
}

QString LessonActions::saveSession(const QString& path) {
  return problemFrom([&] {
    writeSession(QFile::encodeName(path).toStdString(),
                 sessionOf(m_document->parameters(), m_document->view(),
                           m_embedWeights && m_embedWeights->isChecked()));
    m_path = path;
    rememberRecent(path);
  });
}

QString LessonActions::loadWeights(const QString& path) {
  return problemFrom([&] {
    emit weightsChosen(
        weightsFromFile(QFile::encodeName(QFileInfo(path).absoluteFilePath()).toStdString()));
  });
}

void LessonActions::rememberRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecentFiles) recent.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), recent);
  rebuildRecentMenu();
}

void LessonActions::rebuildRecentMenu() {
  m_recent->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& path : recent) {
    m_recent
        ->addAction(QFileInfo(path).fileName(), this, [this, path] { m_report(openSession(path)); })
        ->setToolTip(path);
  }
  m_recent->setEnabled(!recent.isEmpty());
}

QString LessonActions::openState(const Session& session) {
  return problemFrom([&] {
    applySession(m_document, session, tr("The command line"));
    m_path.clear();
  });
}

}  // namespace attnscope
