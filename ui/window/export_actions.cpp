#include "ui/window/export_actions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>

#include "ui/figure/figure_export.h"
#include "ui/figure/matrix_export.h"
#include "ui/model/attention_document.h"
#include "ui/window/export_figure_dialog.h"
#include "ui/window/matrix_menu.h"

namespace attnscope {

ExportActions::ExportActions(AttentionDocument* document, QWidget* window,
                             std::function<void(QString)> report, WrittenNotice written,
                             std::function<QString()> lessonPath)
    : QObject(window),
      m_document(document),
      m_window(window),
      m_report(std::move(report)),
      m_written(std::move(written)),
      m_lessonPath(std::move(lessonPath)) {}

void ExportActions::fillMenu(QMenu* menu) {
  m_exportFigure = menu->addAction(QString(), this, &ExportActions::exportFigureInteractively);
  m_exportFigure->setShortcut(Qt::CTRL | Qt::Key_E);
  m_exportMatrix = menu->addAction(QString(), this, &ExportActions::exportMatrixInteractively);
  m_exportMatrices = menu->addAction(QString(), this, &ExportActions::exportMatricesInteractively);
  m_copyImage = menu->addAction(QString(), this, [this] {
    if (m_document->lastGoodResult()) copyFigure(currentFigureChoice());
  });
  m_copyImage->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
  m_copyCommand = menu->addAction(QString(), this,
                                  [this] { QApplication::clipboard()->setText(exportCommand()); });
  menu->addSeparator();
  retranslate();
}

void ExportActions::retranslate() {
  m_exportFigure->setText(tr("&Export figure (PNG, SVG, PDF)…"));
  m_exportMatrix->setText(tr("Export &matrix (CSV, .npy)…"));
  m_exportMatrices->setText(tr("Export the whole &trace (.npy)…"));
  m_copyImage->setText(tr("&Copy figure"));
  m_copyCommand->setText(tr("Copy as co&mmand"));
}

QString ExportActions::exportCommand() const {
  const FigureChoice choice = currentFigureChoice();
  return figureCommand(m_document->parameters(), m_lessonPath(), figureRequest(choice),
                       choice.path.isEmpty() ? QStringLiteral("figure.png") : choice.path);
}

FigureChoice ExportActions::currentFigureChoice() const {
  FigureChoice choice = loadFigureChoice();
  const auto result = m_document->lastGoodResult();
  chooseCurrentView(choice, m_document->view(),
                    result ? result->heads() : m_document->parameters().heads,
                    m_stepThroughShown());
  if (!m_stepThroughShown()) choice.lines = m_linesShown();
  return choice;
}

FigureRequest ExportActions::figureRequest(const FigureChoice& choice) const {
  FigureRequest request =
      figureRequestFor(choice, m_document->lastGoodResult(), m_document->view());
  request.metadata.command =
      figureCommand(m_document->parameters(), m_lessonPath(), request, choice.path);
  return request;
}

QString ExportActions::exportFigure(const FigureChoice& choice) const {
  return confirmed(attnscope::exportFigure(figureRequest(choice), choice.path), choice.path);
}

QString ExportActions::exportCurrentMatrix(const QString& path) const {
  const auto result = m_document->lastGoodResult();
  if (!result) return tr("there is no computed attention to export");
  const FigureChoice choice = currentFigureChoice();
  return confirmed(choice.matrix ? exportTraceMatrix(*result, *choice.matrix, choice.heads, path)
                                 : exportMatrix(*result, choice.stage, choice.heads, path),
                   path);
}

QString ExportActions::confirmed(const QString& problem, const QString& path) const {
  if (!problem.isEmpty()) return problem;
  const QFileInfo written(path);
  if (written.isDir()) {
    m_written(tr("Exported the whole trace to “%1”").arg(written.fileName()),
              written.absoluteFilePath());
  } else {
    m_written(tr("Exported “%1”").arg(written.fileName()), written.absolutePath());
  }
  return {};
}

void ExportActions::showMatrixMenu(const HeatmapData& data, QPoint globalPosition) {
  matrixMenu(data, m_window, m_report, m_written)->popup(globalPosition);
}

void ExportActions::exportFigureInteractively() {
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
  dialog.setPreviewRenderer([this](const FigureChoice& c) { return previewFigure(c); });
  connect(&dialog, &ExportFigureDialog::copyCommandRequested, this, [this](const FigureChoice& c) {
    QApplication::clipboard()->setText(
        figureCommand(m_document->parameters(), m_lessonPath(), figureRequest(c), c.path));
  });
  if (dialog.exec() != QDialog::Accepted) return;
  const FigureChoice choice = dialog.choice();
  const QString problem = exportFigure(choice);
  if (problem.isEmpty()) saveFigureChoice(choice);
  m_report(problem);
}

void ExportActions::exportMatrixInteractively() {
  if (!m_document->lastGoodResult()) return;
  const QString path =
      QFileDialog::getSaveFileName(m_window, tr("Export matrix"), QStringLiteral("matrix.csv"),
                                   tr("CSV table (*.csv);;NumPy array (*.npy)"));
  if (!path.isEmpty()) m_report(exportCurrentMatrix(path));
}

void ExportActions::exportMatricesInteractively() {
  const auto result = m_document->lastGoodResult();
  if (!result) return;
  const QString folder = QFileDialog::getExistingDirectory(m_window, tr("Export the whole trace"));
  if (!folder.isEmpty()) m_report(confirmed(exportTrace(*result, folder), folder));
}

QImage ExportActions::previewFigure(const FigureChoice& choice) const {
  FigureRequest request = figureRequest(choice);
  // SVG and PDF pages are laid out at 96 dpi whatever the PNG resolution says.
  if (figureFormatFor(choice.path).value_or(FigureFormat::Png) != FigureFormat::Png)
    request.dpi = 96;
  return renderFigurePreview(request, ExportFigureDialog::kPreviewBox);
}

void ExportActions::copyFigure(const FigureChoice& choice) {
  const FigureRequest request = figureRequest(choice);
  const QImage image = renderFigureImage(request);
  if (image.isNull()) {
    m_report(figureProblem(request));
  } else {
    QApplication::clipboard()->setImage(image);
  }
}

}  // namespace attnscope
