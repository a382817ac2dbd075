#pragma once

#include <QString>
#include <optional>
#include <vector>

#include "core/attention.h"
#include "core/attention_engine.h"
#include "core/tokenizer.h"
#include "core/weights.h"
#include "ui/attention_parameters.h"

namespace attnscope {

// One computation's outcome, handed from the worker to the widgets by shared pointer.
struct AttentionResult {
  AttentionParameters parameters;  // what was computed
  std::vector<Token> queryTokens;
  std::vector<Token> keyTokens;    // equal to queryTokens for self-attention (plus any padding)
  Matrix queryEmbeddings;          // X before positional encoding
  Matrix queryPositions;           // the positional term (zero when off)
  Matrix keyValueInput;            // what the key/value projections see
  AttentionWeights weights;        // W_q, W_k, W_v, W_o with biases
  std::optional<AttentionTrace> trace;
  // Set when the parameters cannot be computed; the view keeps showing the last good result.
  QString error;
  // Query rows in which every key is blocked, so their weights are uniform (1/Lk).
  std::vector<int> fullyBlockedRows;

  bool ok() const { return trace.has_value(); }
};

// Tokenizes, embeds, builds weights and mask, and runs `engine` (kept by the caller so its
// workspace and packed weights are reused across recomputes). Never throws: problems with the
// input land in `error` as a user-facing sentence.
AttentionResult computeAttention(const AttentionParameters& parameters, AttentionEngine& engine);

}  // namespace attnscope
