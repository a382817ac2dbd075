#include "ui/file_actions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include "core/error.h"
#include "ui/attention_document.h"
#include "ui/examples.h"
#include "ui/export_figure_dialog.h"
#include "ui/figure_export.h"
#include "ui/matrix_export.h"
#include "ui/matrix_menu.h"
#include "ui/session_state.h"

namespace attnscope {
namespace {

constexpr int kMaxRecentFiles = 8;

// The window can only run seeded weights for now: a session that names a weights file is
// refused rather than shown with different numbers.
QString applySession(AttentionDocument* document, const Session& session) {
  if (session.weights.source != SessionWeights::Source::Seed) {
    return FileActions::tr("This lesson uses weights from a file; the window runs seeded weights "
                           "only. Use `attnscope export --session` for it.");
  }
  document->reset(parametersFromSession(session));
  document->setView(viewFromSession(session.view));
  return {};
}

}  // namespace

FileActions::FileActions(AttentionDocument* document, QWidget* window,
                         std::function<void(QString)> report)
    : QObject(window), m_document(document), m_window(window), m_report(std::move(report)) {}

void FileActions::fillMenu(QMenu* menu) {
  m_open = menu->addAction(QString(), this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open lesson"), QFileInfo(m_path).absolutePath(),
        tr("AttnScope lessons (*.attnscope)"));
    if (!path.isEmpty()) m_report(openSession(path));
  });
  m_open->setShortcut(QKeySequence::Open);
  m_examples = menu->addMenu(QString());
  for (const ExampleSession& example : exampleSessions()) {
    const QString resource = example.resourcePath;
    m_examples->addAction(example.title, this, [this, resource] {
      try {
        m_report(applySession(m_document, openExample(resource)));
        m_path.clear();
      } catch (const Error& error) {
        m_report(QString::fromStdString(error.what()));
      }
    });
  }
  m_recent = menu->addMenu(QString());
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
  menu->addSeparator();
  m_exportFigure = menu->addAction(QString(), this, &FileActions::exportFigureInteractively);
  m_exportFigure->setShortcut(Qt::CTRL | Qt::Key_E);
  m_exportMatrix = menu->addAction(QString(), this, &FileActions::exportMatrixInteractively);
  m_exportMatrices = menu->addAction(QString(), this, &FileActions::exportMatricesInteractively);
  m_copyImage = menu->addAction(QString(), this, [this] {
    if (!m_document->lastGoodResult()) return;
    QApplication::clipboard()->setImage(renderFigureImage(figureRequest(currentFigureChoice())));
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
  m_exportFigure->setText(tr("&Export figure (PNG, SVG, PDF)…"));
  m_exportMatrix->setText(tr("Export &matrix (CSV, .npy)…"));
  m_exportMatrices->setText(tr("Export the whole &trace (.npy)…"));
  m_copyImage->setText(tr("&Copy figure"));
  m_copyCommand->setText(tr("Copy as co&mmand"));
}

QString FileActions::openSession(const QString& path) {
  try {
    const QString problem = applySession(m_document, readSession(path.toStdString()));
    if (!problem.isEmpty()) return problem;
  } catch (const Error& error) {
    return QString::fromStdString(error.what());
  }
  m_path = path;
  rememberRecent(path);
  return {};
}

QString FileActions::saveSession(const QString& path) {
  Session session;
  storeInSession(m_document->parameters(), m_document->view(), session);
  try {
    writeSession(path.toStdString(), session);
  } catch (const Error& error) {
    return QString::fromStdString(error.what());
  }
  m_path = path;
  rememberRecent(path);
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
                    result ? result->trace->heads : m_document->parameters().heads,
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
    m_recent->addAction(QFileInfo(path).fileName(), this,
                        [this, path] { m_report(openSession(path)); })
        ->setToolTip(path);
  }
  m_recent->setEnabled(!recent.isEmpty());
}

void FileActions::exportFigureInteractively() {
  const auto result = m_document->lastGoodResult();
  if (!result) return;
  ExportFigureDialog dialog(currentFigureChoice(), result->trace->heads, m_window);
  connect(&dialog, &ExportFigureDialog::copyFigureRequested, this, [this](const FigureChoice& c) {
    QApplication::clipboard()->setImage(renderFigureImage(figureRequest(c)));
  });
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

QString FileActions::openState(const Session& session) {
  m_path.clear();
  return applySession(m_document, session);
}

}  // namespace attnscope
