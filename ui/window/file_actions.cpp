#include "ui/window/file_actions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include "core/error.h"
#include "core/lesson_run.h"
#include "core/lesson_weights.h"
#include "ui/figure/figure_export.h"
#include "ui/figure/matrix_export.h"
#include "ui/model/attention_document.h"
#include "ui/model/error_text.h"
#include "ui/model/examples.h"
#include "ui/model/session_state.h"
#include "ui/window/export_figure_dialog.h"
#include "ui/window/matrix_menu.h"

namespace attnscope {
namespace {

constexpr int kMaxRecentFiles = 8;

// Everything that can fail (reading the weights, checking them against d_model and h) comes
// before the state changes, so a lesson that cannot be shown leaves the window as it was.
// Returns the problem, or throws Error for damaged weights.
QString applySession(AttentionDocument* document, const Session& session, const QString& name) {
  Lesson parameters = session;
  loadWeights(parameters.weights);
  loadModel(parameters.model);  // once per model: copies of the lesson share it
  if (!parameters.weights.isSeeded()) {
    const int width = parameters.weights.loaded->weights.modelWidth();
    if (width != parameters.modelWidth) {
      return FileActions::tr("%1: the lesson says d_model %2, but its weights are %3 wide.")
          .arg(name)
          .arg(parameters.modelWidth)
          .arg(width);
    }
  }
  if (parameters.modelWidth % parameters.heads != 0) {
    return FileActions::tr("%1: %2 heads do not divide d_model %3, so the lesson cannot run.")
        .arg(name)
        .arg(parameters.heads)
        .arg(parameters.modelWidth);
  }
  document->reset(parameters);
  document->setView(viewFromSession(session.view));
  return {};
}

}  // namespace

FileActions::FileActions(AttentionDocument* document, QWidget* window,
                         std::function<void(QString)> report)
    : QObject(window), m_document(document), m_window(window), m_report(std::move(report)) {}

void FileActions::fillMenu(QMenu* menu) {
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
      try {
        const Session session = openExample(resource);
        const QString problem = applySession(m_document, session, title);
        m_report(problem);
        if (!problem.isEmpty()) return;
        m_path.clear();
        m_figureStep = session.view.step;
      } catch (const Error& error) {
        m_report(errorText(error));
      }
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
  m_exportFigure = menu->addAction(QString(), this, &FileActions::exportFigureInteractively);
  m_exportFigure->setShortcut(Qt::CTRL | Qt::Key_E);
  m_exportMatrix = menu->addAction(QString(), this, &FileActions::exportMatrixInteractively);
  m_exportMatrices = menu->addAction(QString(), this, &FileActions::exportMatricesInteractively);
  m_copyImage = menu->addAction(QString(), this, [this] {
    if (m_document->lastGoodResult()) copyFigure(currentFigureChoice());
  });
  m_copyImage->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
  m_copyCommand = menu->addAction(QString(), this,
                                  [this] { QApplication::clipboard()->setText(exportCommand()); });
  menu->addSeparator();
  rebuildRecentMenu();
  retranslate();
}

void FileActions::retranslate() {
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
  m_exportFigure->setText(tr("&Export figure (PNG, SVG, PDF)…"));
  m_exportMatrix->setText(tr("Export &matrix (CSV, .npy)…"));
  m_exportMatrices->setText(tr("Export the whole &trace (.npy)…"));
  m_copyImage->setText(tr("&Copy figure"));
  m_copyCommand->setText(tr("Copy as co&mmand"));
}

QString FileActions::openSession(const QString& path) {
  try {
    const Session session = readSession(QFile::encodeName(path).toStdString());
    const QString problem = applySession(m_document, session, QFileInfo(path).fileName());
    if (!problem.isEmpty()) return problem;
    m_figureStep = session.view.step;
  } catch (const Error& error) {
    return errorText(error);
  } catch (const std::bad_alloc&) {
    return tr("Not enough memory to open %1.").arg(path);
  }
  m_path = path;
  rememberRecent(path);
  return {};
}

QString FileActions::saveSession(const QString& path) {
  Session session;
  session.view.step = m_figureStep;
  try {
    storeInSession(m_document->parameters(), m_document->view(), session,
                   m_embedWeights && m_embedWeights->isChecked());
    writeSession(QFile::encodeName(path).toStdString(), session);
  } catch (const Error& error) {
    return errorText(error);
  }
  m_path = path;
  rememberRecent(path);
  return {};
}

QString FileActions::loadWeights(const QString& path) {
  try {
    emit weightsChosen(
        weightsFromFile(QFile::encodeName(QFileInfo(path).absoluteFilePath()).toStdString()));
  } catch (const Error& error) {
    return errorText(error);
  } catch (const std::bad_alloc&) {
    return tr("Not enough memory to read %1.").arg(path);
  }
  return {};
}

QString FileActions::exportCommand() const {
  const FigureChoice choice = currentFigureChoice();
  return figureCommand(m_document->parameters(), m_path, figureRequest(choice),
                       choice.path.isEmpty() ? QStringLiteral("figure.png") : choice.path);
}

FigureChoice FileActions::currentFigureChoice() const {
  FigureChoice choice = loadFigureChoice();
  const auto result = m_document->lastGoodResult();
  chooseCurrentView(choice, m_document->view(),
                    result ? result->heads() : m_document->parameters().heads,
                    m_stepThroughShown());
  return choice;
}

FigureRequest FileActions::figureRequest(const FigureChoice& choice) const {
  FigureRequest request =
      figureRequestFor(choice, m_document->lastGoodResult(), m_document->view());
  request.metadata.command = figureCommand(m_document->parameters(), m_path, request, choice.path);
  return request;
}

QString FileActions::exportFigure(const FigureChoice& choice) const {
  return attnscope::exportFigure(figureRequest(choice), choice.path);
}

QString FileActions::exportCurrentMatrix(const QString& path) const {
  const auto result = m_document->lastGoodResult();
  if (!result) return tr("there is no computed attention to export");
  const FigureChoice choice = currentFigureChoice();
  return choice.matrix ? exportTraceMatrix(*result, *choice.matrix, choice.heads, path)
                       : exportMatrix(*result, choice.stage, choice.heads, path);
}

void FileActions::showMatrixMenu(const HeatmapData& data, QPoint globalPosition) {
  matrixMenu(data, m_window, m_report)->popup(globalPosition);
}

void FileActions::rememberRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecentFiles) recent.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), recent);
  rebuildRecentMenu();
}

void FileActions::rebuildRecentMenu() {
  m_recent->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& path : recent) {
    m_recent
        ->addAction(QFileInfo(path).fileName(), this, [this, path] { m_report(openSession(path)); })
        ->setToolTip(path);
  }
  m_recent->setEnabled(!recent.isEmpty());
}

void FileActions::exportFigureInteractively() {
  const auto result = m_document->lastGoodResult();
  if (!result) return;
  const FigureChoice current = currentFigureChoice();
  if (const QString problem = figureProblem(figureRequest(current)); !problem.isEmpty()) {
    m_report(problem);  // e.g. a pooled result: no figure until the text is shorter
    return;
  }
  ExportFigureDialog dialog(current, result->heads(), m_window);
  connect(&dialog, &ExportFigureDialog::copyFigureRequested, this,
          [this](const FigureChoice& c) { copyFigure(c); });
  connect(&dialog, &ExportFigureDialog::copyCommandRequested, this, [this](const FigureChoice& c) {
    QApplication::clipboard()->setText(
        figureCommand(m_document->parameters(), m_path, figureRequest(c), c.path));
  });
  if (dialog.exec() != QDialog::Accepted) return;
  const FigureChoice choice = dialog.choice();
  const QString problem = exportFigure(choice);
  if (problem.isEmpty()) saveFigureChoice(choice);
  m_report(problem);
}

void FileActions::exportMatrixInteractively() {
  if (!m_document->lastGoodResult()) return;
  const QString path =
      QFileDialog::getSaveFileName(m_window, tr("Export matrix"), QStringLiteral("matrix.csv"),
                                   tr("CSV table (*.csv);;NumPy array (*.npy)"));
  if (!path.isEmpty()) m_report(exportCurrentMatrix(path));
}

void FileActions::exportMatricesInteractively() {
  const auto result = m_document->lastGoodResult();
  if (!result) return;
  const QString folder = QFileDialog::getExistingDirectory(m_window, tr("Export the whole trace"));
  if (!folder.isEmpty()) m_report(exportTrace(*result, folder));
}

void FileActions::copyFigure(const FigureChoice& choice) {
  const FigureRequest request = figureRequest(choice);
  const QImage image = renderFigureImage(request);
  if (image.isNull()) {
    m_report(figureProblem(request));
  } else {
    QApplication::clipboard()->setImage(image);
  }
}

QString FileActions::openState(const Session& session) {
  try {
    const QString problem = applySession(m_document, session, tr("The command line"));
    if (!problem.isEmpty()) return problem;
  } catch (const Error& error) {
    return errorText(error);
  }
  m_path.clear();
  m_figureStep = session.view.step;
  return {};
}

}  // namespace attnscope
