#pragma once

#include <QSize>
#include <QString>
#include <memory>
#include <optional>

#include "core/lesson.h"
#include "core/lesson_view.h"
#include "ui/figure/figure_request.h"
#include "ui/model/color_map.h"
#include "ui/model/computation_steps.h"

namespace attnscope {

// What File ▸ Export figure draws and where: the export dialog fills one, tests fill one, and
// figureRequestFor turns it into the request every export path draws.
struct FigureChoice {
  ScoreStage stage = ScoreStage::Weights;
  std::optional<TraceMatrix> matrix;  // set: this matrix instead of a score stage
  HeadChoice heads;
  std::optional<LinesFigure> lines;  // set: the head's lines instead of its matrix
  FigureStyle style = FigureStyle::Paper;
  // nullopt: as the window shows it (the view's map for weights, diverging for signed values).
  std::optional<ColorMapName> colorMap;
  QSize size{1200, 900};
  int dpi = 96;       // PNG only
  bool crop = false;  // drop the empty borders (FigureRequest::crop)
  QString path;       // .png, .svg or .pdf
  bool operator==(const FigureChoice&) const = default;
};

// Sets what `choice` draws to what the window shows: in the heads tab the grid, the open head
// or the mean of the weights; in the step-through its step and head (chooseStep).
void chooseCurrentView(FigureChoice& choice, const SessionView& view, int heads,
                       bool stepThroughShown);
// Steps 4–7 draw their score stage; the others their main matrix: X; Q; the head's Q; the head's
// weighted sum A·V; the output.
void chooseStep(FigureChoice& choice, StepThroughStop step, int head);

// The request drawn for `choice` from `result`, with its metadata; `view` resolves the automatic
// colour map. The command line is left for the caller, who knows the lesson file.
FigureRequest figureRequestFor(const FigureChoice& choice,
                               std::shared_ptr<const AttentionResult> result,
                               const SessionView& view);

// The `attnscope export` line that redraws `request` into `out`. States with no flags of their
// own (key padding, a custom mask, scaling off) take them from the lesson at `sessionPath`.
QString figureCommand(const Lesson& parameters, const QString& sessionPath,
                      const FigureRequest& request, const QString& out);

// The look and file last exported (style, colour map, size, dpi, path), kept in QSettings; what
// to draw always follows the view.
FigureChoice loadFigureChoice();
void saveFigureChoice(const FigureChoice& choice);

}  // namespace attnscope
