#pragma once

#include <QSize>
#include <QString>
#include <memory>
#include <optional>

#include "ui/attention_result.h"
#include "ui/color_map.h"
#include "ui/head_maps.h"

namespace attnscope {

enum class FigureStyle {
  Paper,      // white background, compact print-sized text
  Slide,      // the same with large text, to be read from the back of a room
  Grayscale,  // paper with the grayscale map, for black-and-white printers
};

// The trace's matrices other than the score stages, as the step-through shows them: the input X
// (step 1), the projections Q, K, V (steps 2–3), the heads' weighted sums, which concatenated
// are the context (step 8), and the output after W^O (step 9). Rows are tokens, columns
// dimensions; Q, K, V and the context are cut into heads of d_k columns.
enum class TraceMatrix { Input, Queries, Keys, Values, Context, Output };

// Which heads a figure or a matrix export shows.
struct HeadChoice {
  enum class Kind { All, Mean, One };
  Kind kind = Kind::All;
  int head = 0;  // One: 0-based (the figure says head + 1, as the formula counts)

  static HeadChoice all() { return {}; }
  static HeadChoice mean() { return {Kind::Mean, 0}; }
  static HeadChoice one(int head) { return {Kind::One, head}; }
  bool operator==(const HeadChoice&) const = default;
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

struct FigureRequest {
  std::shared_ptr<const AttentionResult> result;  // must hold a trace
  ScoreStage stage = ScoreStage::Weights;
  // Set: the figure draws this matrix instead of a score stage (one head's slice, or with All the
  // whole matrix, its heads marked off), with dimension indices along the top.
  std::optional<TraceMatrix> matrix;
  HeadChoice heads;
  // Default: Viridis for weights; Diverging for scores, scaled and masked scores and the trace's
  // other matrices, whose colour range is symmetric about zero. The Grayscale style always uses the
  // Grayscale map.
  std::optional<ColorMapName> colorMap;
  FigureStyle style = FigureStyle::Paper;
  QSize size{1200, 900};  // pixels; SVG and PDF pages take this size at 96 dpi
  int dpi = 96;           // PNG only: physical size = size / dpi, and text is set in points
  QString title;          // empty: from the stage and the heads, e.g. "Attention weights · head 3"
  QString weightsName;    // the weights file's name when they were loaded, for the subtitle
  FigureMetadata metadata;
};

// Stable keys for the command line and settings ("paper", "slide", "grayscale"; "scores",
// "scaled", "masked", "weights"); the FromKey functions ignore case.
QString figureStyleKey(FigureStyle style);
std::optional<FigureStyle> figureStyleFromKey(QStringView key);
QString scoreStageKey(ScoreStage stage);
std::optional<ScoreStage> scoreStageFromKey(QStringView key);
// "x", "q", "k", "v", "context", "output": the names of `attnscope dump`'s files.
QString traceMatrixKey(TraceMatrix matrix);
std::optional<TraceMatrix> traceMatrixFromKey(QStringView key);
// Q, K, V and the context are cut into heads; X and the output are not.
bool splitIntoHeads(TraceMatrix matrix);
// The --step key of a request: its matrix's key, or its stage's.
QString figureStepKey(const FigureRequest& request);
// "all", "mean" or the 1-based head number.
QString headChoiceKey(const HeadChoice& heads);

// The map a request draws with, after its default and its style are applied.
ColorMapName effectiveColorMap(const FigureRequest& request);

}  // namespace attnscope
