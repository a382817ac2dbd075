#pragma once

#include <QSize>
#include <QString>
#include <memory>
#include <optional>

#include "ui/model/attention_lines.h"
#include "ui/model/attention_result.h"
#include "ui/model/color_map.h"
#include "ui/model/head_maps.h"
#include "ui/model/trace_matrices.h"

namespace attnscope {

enum class FigureStyle {
  Paper,      // white background, compact print-sized text
  Slide,      // the same with large text, to be read from the back of a room
  Grayscale,  // paper with the grayscale map, for black-and-white printers
};

// What made a figure, written into its file (PNG text chunks, SVG title and description, PDF
// document information and XMP) so a figure found later can be reproduced.
struct FigureMetadata {
  QString text;          // the query sentence
  QString keyValueText;  // cross-attention only
  QString parameters;    // lessonSummary(): "d_model=64 heads=8 seed=0 …"
  QString seed;          // decimal
  QString command;       // the `attnscope export` line that reproduces the figure, if known
};

// A head's weights drawn as lines from each query to each key (BertViz's head view).
struct LinesFigure {
  std::optional<int> query;  // 0-based: its lines strong, the others faint; none: all alike
  TokenWindow window;        // the tokens drawn; empty: defaultTokenWindow's
  bool operator==(const LinesFigure&) const = default;
};

struct FigureRequest {
  std::shared_ptr<const AttentionResult> result;  // must hold a trace
  ScoreStage stage = ScoreStage::Weights;
  // Set: the figure draws this matrix instead of a score stage (one head's slice, or with All the
  // whole matrix, its heads marked off), with dimension indices along the top.
  std::optional<TraceMatrix> matrix;
  HeadChoice heads;
  // Set: one head's (or the mean's) weights as lines instead of a heatmap; stage stays Weights.
  std::optional<LinesFigure> lines;
  // Default: Viridis for weights; Diverging for scores, scaled and masked scores and the trace's
  // other matrices, whose colour range is symmetric about zero. The Grayscale style always uses the
  // Grayscale map.
  std::optional<ColorMapName> colorMap;
  FigureStyle style = FigureStyle::Paper;
  QSize size{1200, 900};  // pixels; SVG and PDF pages take this size at 96 dpi
  int dpi = 96;           // PNG only: physical size = size / dpi, and text is set in points
  // Cut the page down to what is drawn on it, with a small margin: the figure is laid out at
  // `size`, then its empty borders are dropped, so it fills a slide or a column when scaled.
  bool crop = false;
  QString title;        // empty: from the stage and the heads, e.g. "Attention weights · head 3"
  QString weightsName;  // the weights file's name when they were loaded, for the subtitle
  FigureMetadata metadata;
};

// Stable keys for the command line and settings ("paper", "slide", "grayscale"; "scores",
// "scaled", "masked", "weights"); the FromKey functions ignore case.
QString figureStyleKey(FigureStyle style);
std::optional<FigureStyle> figureStyleFromKey(QStringView key);
QString scoreStageKey(ScoreStage stage);
std::optional<ScoreStage> scoreStageFromKey(QStringView key);
// The --step key of a request: its matrix's key, or its stage's.
QString figureStepKey(const FigureRequest& request);
// "all", "mean" or the 1-based head number.
QString headChoiceKey(const HeadChoice& heads);

// The map a request draws with, after its default and its style are applied.
ColorMapName effectiveColorMap(const FigureRequest& request);

}  // namespace attnscope
