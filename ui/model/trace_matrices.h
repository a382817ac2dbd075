#pragma once

#include <QString>
#include <QStringView>
#include <optional>

#include "ui/model/attention_result.h"
#include "ui/model/heatmap_data.h"

namespace attnscope {

// The trace's matrices other than the score stages, as the step-through shows them: the input X
// (step 1), the projections Q, K, V (steps 2–3), the heads' weighted sums, which concatenated
// are the context (step 8), and the output after W^O (step 9). Rows are tokens, columns
// dimensions; Q, K, V and the context are cut into heads of d_k columns.
enum class TraceMatrix { Input, Queries, Keys, Values, Context, Output };

// "x", "q", "k", "v", "context", "output": the names of `attnscope dump`'s files.
QString traceMatrixKey(TraceMatrix matrix);
std::optional<TraceMatrix> traceMatrixFromKey(QStringView key);
// Q, K, V and the context are cut into heads; X and the output are not.
bool splitIntoHeads(TraceMatrix matrix);

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

// One of the trace's token × dimension matrices as a heatmap: token labels down the side (query
// tokens, or key tokens for K and V), dimension indices 1 … n along the top. For a head, its
// d_k columns (Q₂, or head₂ = A₂V₂ for the context); for HeadChoice::All, every column (X and
// the output always). The values are the trace's, unchanged. HeadChoice::Mean is not defined
// here: callers refuse it first (traceMatrixProblem).
HeatmapData traceMatrixHeatmap(const AttentionResult& result, TraceMatrix matrix,
                               const HeadChoice& heads);

// Why `heads` cannot be drawn or exported for `matrix`, or an empty string.
[[nodiscard]] QString traceMatrixProblem(const AttentionResult& result, TraceMatrix matrix,
                                         const HeadChoice& heads);

}  // namespace attnscope
