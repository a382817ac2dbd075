#pragma once

#include <QString>

#include "ui/figure/figure_request.h"

namespace attnscope {

// Writes one matrix of the current state: a head's (or the mean's) scores, scaled or masked
// scores, or weights, by the file's extension in any letter case:
//  - .csv: UTF-8 with a byte-order mark (so spreadsheets read Chinese tokens), key tokens across
//    the first row and query tokens down the first column, values at float32 precision;
//  - .npy: float32, (Lq, Lk) for one head or the mean, (H, Lq, Lk) for all heads.
// The mean is of the weights only; all heads cannot go into one CSV. Atomic (saveAtomically).
// Returns an empty string on success, else a one-line message.
[[nodiscard]] QString exportMatrix(const AttentionResult& result, ScoreStage stage,
                                   const HeadChoice& heads, const QString& path);

// One of the trace's other matrices (X, Q, K, V, context, output): a head's L × d_k slice or,
// with HeadChoice::All, the whole L × d matrix, as CSV (dimension indices across the first row)
// or .npy (float32, 2-D). Same rules and messages as exportMatrix.
[[nodiscard]] QString exportTraceMatrix(const AttentionResult& result, TraceMatrix matrix,
                                        const HeadChoice& heads, const QString& path);

// Any one heatmap, e.g. a step-through panel, as .csv or .npy by the extension.
[[nodiscard]] QString exportHeatmap(const HeatmapData& data, const QString& path);
// The same CSV as text without the byte-order mark, for the clipboard.
QString heatmapCsvText(const HeatmapData& data);

// The whole trace into `folder`, the same files as `attnscope dump --text`: q, k, v, scores,
// scaled, masked, weights, context, output, x (and x_kv for cross-attention) as .npy, and
// tokens.json. Complete or not at all (publishFiles). Returns an empty string on success.
[[nodiscard]] QString exportTrace(const AttentionResult& result, const QString& folder);

}  // namespace attnscope
