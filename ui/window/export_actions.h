#pragma once

#include <QImage>
#include <QObject>
#include <QPoint>
#include <QString>
#include <functional>

#include "ui/figure/figure_choice.h"
#include "ui/window/written_notice.h"

class QAction;
class QMenu;
class QWidget;

namespace attnscope {

class AttentionDocument;
struct HeatmapData;

// File ▸ Export and Copy, and the right-click menu of a matrix: everything that takes the
// current view out of the window as a figure, a matrix, the whole trace or a command line.
// Problems are reported through `report`, each file written through `written` (the status bar);
// nothing is written half.
class ExportActions : public QObject {
  Q_OBJECT

 public:
  // `lessonPath` gives the lesson file the state came from (empty when unsaved), which the
  // `attnscope export` command names.
  ExportActions(AttentionDocument* document, QWidget* window, std::function<void(QString)> report,
                WrittenNotice written, std::function<QString()> lessonPath);
  void fillMenu(QMenu* menu);
  void retranslate();

  // The `attnscope export` line that redraws the current view's figure (currentFigureChoice).
  QString exportCommand() const;
  // The current view at the last exported look and file: what Copy figure and Copy as command
  // draw, and where the export dialog starts.
  FigureChoice currentFigureChoice() const;
  // The figure `choice` asks for from the current result, with the command that redraws it.
  FigureRequest figureRequest(const FigureChoice& choice) const;
  // The export dialog's preview of `choice`, as the file will look.
  QImage previewFigure(const FigureChoice& choice) const;
  // Writes it to choice.path, as the export dialog does; an empty string or the problem. These
  // writers confirm a written file through `written`.
  [[nodiscard]] QString exportFigure(const FigureChoice& choice) const;
  // The matrix on screen (the step-through's step and head, or the heads view's weights) as
  // .csv or .npy; an empty string or the problem.
  [[nodiscard]] QString exportCurrentMatrix(const QString& path) const;
  // Which tab shows decides what "the current view" is.
  void setStepThroughShown(std::function<bool()> shown) { m_stepThroughShown = std::move(shown); }
  // The lines the heads view shows instead of a matrix, if it does: what the current view draws.
  void setLinesShown(std::function<std::optional<LinesFigure>()> shown) {
    m_linesShown = std::move(shown);
  }
  // The right-click menu of a matrix on screen.
  void showMatrixMenu(const HeatmapData& data, QPoint globalPosition);

 private:
  void exportFigureInteractively();
  // Puts the figure on the clipboard, or reports why there is none.
  void copyFigure(const FigureChoice& choice);
  void exportMatricesInteractively();
  void exportMatrixInteractively();
  // Tells `written` about a file (or, for the trace, a folder) written, or passes the problem on.
  QString confirmed(const QString& problem, const QString& path) const;

  AttentionDocument* m_document;
  QWidget* m_window;
  std::function<void(QString)> m_report;
  WrittenNotice m_written;
  std::function<QString()> m_lessonPath;
  std::function<bool()> m_stepThroughShown = [] { return false; };
  std::function<std::optional<LinesFigure>()> m_linesShown = [] {
    return std::optional<LinesFigure>();
  };
  QAction *m_exportFigure = nullptr, *m_exportMatrices = nullptr, *m_exportMatrix = nullptr,
          *m_copyImage = nullptr, *m_copyCommand = nullptr;
};

}  // namespace attnscope
