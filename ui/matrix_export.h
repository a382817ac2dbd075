#pragma once

#include <QString>

#include "ui/figure_request.h"

namespace attnscope {

// Writes one matrix of the current state: a head's (or the mean's) scores, scaled or masked
// scores, or weights, by the file's extension in any letter case:
//  - .csv: UTF-8 with a byte-order mark (so spreadsheets read Chinese tokens), key tokens across
//    the first row and query tokens down the first column, values at float32 precision;
//  - .npy: float32, (Lq, Lk) for one head or the mean, (H, Lq, Lk) for all heads.
// The mean is of the weights only; all heads cannot go into one CSV. Atomic (QSaveFile).
// Returns an empty string on success, else a one-line message.
QString exportMatrix(const AttentionResult& result, ScoreStage stage, const HeadChoice& heads,
                     const QString& path);

// The whole trace into `folder`, the same files as `attnscope dump --text`: q, k, v, scores,
// scaled, masked, weights, context, output, x (and x_kv for cross-attention) as .npy, and
// tokens.json. Complete or not at all (publishFiles). Returns an empty string on success.
QString exportTrace(const AttentionResult& result, const QString& folder);

}  // namespace attnscope
