#include "ui/window/lesson_actions.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
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
// Returns the lesson ready to run; throws Error saying why it cannot be shown.
Lesson runnableLesson(const Session& session, const QString& name) {
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
  return parameters;
}

}  // namespace

LessonActions::LessonActions(AttentionDocument* document, QWidget* window,
                             std::function<void(QString)> report, WrittenNotice written)
    : QObject(window),
      m_document(document),
      m_window(window),
      m_report(std::move(report)),
      m_written(std::move(written)),
      m_askAboutUnsavedChanges(
          [this](const QString& name) { return askAboutUnsavedChanges(name); }) {}

void LessonActions::fillMenu(QMenu* menu) {
  m_new = menu->addAction(QString(), this, [this] {
    if (!maySetAside()) return;
    const Lesson lesson = AttentionDocument::newLesson();
    m_document->replace(lesson, AttentionDocument::newView(), {QString(), QString(), lesson},
                        tr("New lesson"));
  });
  m_new->setShortcut(QKeySequence::New);
  m_open = menu->addAction(QString(), this, [this] {
    if (!maySetAside()) return;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open lesson"),
                                                      QFileInfo(currentPath()).absolutePath(),
                                                      tr("AttnScope lessons (*.attnscope)"));
    if (!path.isEmpty()) m_report(openSession(path));
  });
  m_open->setShortcut(QKeySequence::Open);
  m_examples = menu->addMenu(QString());
  for (const ExampleSession& example : exampleSessions()) {
    const QString resource = example.resourcePath;
    const QString title = example.title;
    m_examples->addAction(title, this, [this, resource, title] {
      if (!maySetAside()) return;
      m_report(problemFrom([&] {
        const Session session = openExample(resource);
        const Lesson lesson = runnableLesson(session, title);
        // An example has no file: saving it asks for one.
        m_document->replace(lesson, session.view, {QString(), title, lesson},
                            tr("Open the example “%1”").arg(title));
      }));
    });
  }
  m_recent = menu->addMenu(QString());
  menu->addSeparator();
  m_loadWeights = menu->addAction(QString(), this, [this] {
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Load weights"),
                                                      QFileInfo(currentPath()).absolutePath(),
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
  m_save = menu->addAction(QString(), this, &LessonActions::save);
  m_save->setShortcut(QKeySequence::Save);
  m_saveAs = menu->addAction(QString(), this, &LessonActions::saveAs);
  m_saveAs->setShortcut(QKeySequence::SaveAs);
  m_embedWeights = menu->addAction(QString());
  m_embedWeights->setCheckable(true);
  menu->addSeparator();
  rebuildRecentMenu();
  retranslate();
}

bool LessonActions::save() {
  if (currentPath().isEmpty()) return saveAs();
  const QString problem = saveSession(currentPath());
  m_report(problem);
  return problem.isEmpty();
}

bool LessonActions::saveAs() {
  // A lesson without a file is offered its name (an example's title) as the file name.
  const QString suggested = !currentPath().isEmpty() ? currentPath()
                            : m_document->origin().name.isEmpty()
                                ? QString()
                                : m_document->origin().name + QStringLiteral(".attnscope");
  QString path = QFileDialog::getSaveFileName(m_window, tr("Save lesson"), suggested,
                                              tr("AttnScope lessons (*.attnscope)"));
  if (path.isEmpty()) return false;
  if (!path.endsWith(QLatin1String(".attnscope"), Qt::CaseInsensitive)) {
    path += QStringLiteral(".attnscope");
  }
  const QString problem = saveSession(path);
  m_report(problem);
  return problem.isEmpty();
}

QString LessonActions::lessonName() const {
  const QString& name = m_document->origin().name;
  return name.isEmpty() ? tr("Untitled lesson") : name;
}

QString LessonActions::currentPath() const { return m_document->origin().path; }

void LessonActions::setUnsavedChangesQuestion(UnsavedChangesQuestion question) {
  m_askAboutUnsavedChanges = std::move(question);
}

bool LessonActions::maySetAside() {
  if (!m_document->isModified()) return true;
  switch (m_askAboutUnsavedChanges(lessonName())) {
    case UnsavedChoice::Save:
      return save();
    case UnsavedChoice::Discard:
      return true;
    case UnsavedChoice::Cancel:
      return false;
  }
  return false;
}

LessonActions::UnsavedChoice LessonActions::askAboutUnsavedChanges(
    const QString& lessonName) const {
  QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                  tr("“%1” has changes that are not saved.").arg(lessonName),
                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
  box.setInformativeText(tr("Save them before going on?"));
  box.setDefaultButton(QMessageBox::Save);
  // The window's own words, so the buttons speak its language whether or not Qt's are installed.
  box.button(QMessageBox::Save)->setText(tr("&Save"));
  box.button(QMessageBox::Discard)->setText(tr("&Discard"));
  box.button(QMessageBox::Cancel)->setText(tr("Cancel"));
  switch (box.exec()) {
    case QMessageBox::Save:
      return UnsavedChoice::Save;
    case QMessageBox::Discard:
      return UnsavedChoice::Discard;
    default:
      return UnsavedChoice::Cancel;
  }
}

void LessonActions::retranslate() {
  m_new->setText(tr("&New lesson"));
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
    const QString name = QFileInfo(path).fileName();
    const Session session = readSession(QFile::encodeName(path).toStdString());
    const Lesson lesson = runnableLesson(session, name);
    m_document->replace(lesson, session.view, {path, name, lesson}, tr("Open %1").arg(name));
    rememberRecent(path);
  });
}

QString LessonActions::saveSession(const QString& path) {
  return problemFrom([&] {
    writeSession(QFile::encodeName(path).toStdString(),
                 sessionOf(m_document->parameters(), m_document->view(),
                           m_embedWeights && m_embedWeights->isChecked()));
    m_document->markSaved(path);
    rememberRecent(path);
    const QFileInfo file(path);
    m_written(tr("Saved “%1”").arg(file.fileName()), file.absolutePath());
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
        ->addAction(QFileInfo(path).fileName(), this,
                    [this, path] {
                      if (maySetAside()) m_report(openSession(path));
                    })
        ->setToolTip(path);
  }
  m_recent->setEnabled(!recent.isEmpty());
}

QString LessonActions::openState(const Session& session) {
  return problemFrom([&] {
    m_document->reset(runnableLesson(session, tr("The command line")));
    m_document->setView(session.view);
  });
}

}  // namespace attnscope
