#pragma once

#include <optional>
#include <string>
#include <string_view>

// How a lesson is shown: the stages a figure can draw, the stops of the step-through, and the
// view a saved lesson restores. Plain values shared by the window, `export` and the lesson file.
namespace attnscope {

// The four matrices of scores a figure can show, in pipeline order (`attnscope export`'s --step).
enum class ScoreStage { Scores, Scaled, Masked, Weights };

// The stops of the window's step-through, in the order the formulas run; a lesson stores
// them by the key in quotes.
enum class StepThroughStop {
  Embeddings,    // "embeddings": X = embeddings + positional encoding
  Projections,   // "projections": Q = XW^Qᵀ + b, K, V
  SplitHeads,    // "split_heads": d_model columns cut into h blocks of d_k
  RawScores,     // "raw_scores": Q_i K_iᵀ
  Scaling,       // "scaling": ÷ √d_k
  Masking,       // "masking": blocked cells → −1e9
  Softmax,       // "softmax": each row becomes a distribution
  WeightedSum,   // "weighted_sum": weights · V_i
  ConcatOutput,  // "concat_output": Concat(head_1 … head_h) W^O
  // "around_attention": a trained encoder's layer only: the residual, the second layer norm and
  // the feed-forward network around its attention.
  AroundAttention,
};
// The stops of every lesson; a trained encoder's layer has one more, AroundAttention.
inline constexpr int kStepThroughStops = int(StepThroughStop::ConcatOutput) + 1;

// Their stable keys, in lesson files and on the command line (defined with the file format).
std::string_view sessionStepKey(ScoreStage step);  // "scores", "scaled", "masked", "weights"
std::string_view stepThroughStopKey(StepThroughStop stop);  // "embeddings" … "concat_output"

struct SessionView {
  std::string colorMap = "viridis";  // a colour map key; the window falls back on unknown ones
  bool automaticRange = false;
  bool averageOfHeads = false;
  bool rollout = false;    // a trained encoder's attention rollout over its layers, not its heads
  bool allLayers = false;  // a trained encoder's every layer × head at once (a model overview)
  std::optional<int> focusedHead;         // 0-based; none = the grid of heads
  ScoreStage step = ScoreStage::Weights;  // what `export --session` draws
  // The step-through: its stop, its head and the cell whose arithmetic is worked out. Optional
  // in the file (older lessons lack them); the window reads an absent index as the first.
  StepThroughStop stepThrough = StepThroughStop::Embeddings;
  std::optional<int> stepHead;       // 0-based, below heads
  std::optional<int> selectedQuery;  // 0-based query token
  std::optional<int> selectedKey;    // 0-based key token
  bool operator==(const SessionView&) const = default;
};

}  // namespace attnscope
