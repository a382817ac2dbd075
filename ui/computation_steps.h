#pragma once

#include <QString>
#include <vector>

#include "ui/attention_result.h"
#include "ui/color_map.h"
#include "ui/heatmap_plot.h"

namespace attnscope {

// The nine stops of the step-through, in the order the seed document's formulas run.
enum class Step {
  Embeddings,    // X = embeddings + positional encoding
  Projections,   // Q = XW^Qᵀ + b, K, V
  SplitHeads,    // d_model columns cut into h blocks of d_k
  RawScores,     // Q_i K_iᵀ
  Scaling,       // ÷ √d_k
  Masking,       // blocked cells → −1e9
  Softmax,       // each row becomes a distribution
  WeightedSum,   // weights · V_i
  ConcatOutput,  // Concat(head_1 … head_h) W^O
};
inline constexpr int kStepCount = 9;

// One matrix of a step, ready to draw.
struct StepPanel {
  HeatmapData data;
  bool signedValues = true;  // diverging colours around 0; false: sequential 0..1 (weights)
  int columnGroup = 0;       // > 0: columns come in groups of this width (one per head)
};

struct StepContent {
  QString title;        // "4. Raw scores"
  QString formula;      // with the current shapes: "S₂ = Q₂K₂ᵀ ∈ ℝ^(6×6)"
  QString explanation;  // what just happened and why
  std::vector<StepPanel> panels;
};

QString stepTitle(Step step);
// The content of `step` for one head (0-based). Values are the engine's trace, unchanged.
StepContent stepContent(const AttentionResult& result, Step step, int head);

}  // namespace attnscope
