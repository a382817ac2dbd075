#pragma once

#include "ui/figure_request.h"
#include "ui/heatmap_plot.h"

namespace attnscope {

// One of the trace's token × dimension matrices as a heatmap: token labels down the side (query
// tokens, or key tokens for K and V), dimension indices 1 … n along the top. For a head, its
// d_k columns (Q₂, or head₂ = A₂V₂ for the context); for HeadChoice::All, every column (X and
// the output always). The values are the trace's, unchanged. HeadChoice::Mean is not defined
// here: callers refuse it first (traceMatrixProblem).
HeatmapData traceMatrixHeatmap(const AttentionResult& result, TraceMatrix matrix,
                               const HeadChoice& heads);

// Why `heads` cannot be drawn or exported for `matrix`, or an empty string.
QString traceMatrixProblem(const AttentionResult& result, TraceMatrix matrix,
                           const HeadChoice& heads);

}  // namespace attnscope
