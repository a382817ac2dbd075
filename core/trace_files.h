#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/attention.h"
#include "core/publish_files.h"
#include "core/tokenizer.h"

namespace attnscope {

// The trace as the files `attnscope dump` writes, all float32 C-order .npy: q, k, v, scores,
// scaled, masked, weights (heads first), context and output. The files are written straight
// from `trace`, piece by piece (scaled and masked derived on the way), so dump needs no memory
// beyond the trace: `trace` must outlive the files.
std::vector<OutputFile> traceFiles(const AttentionTrace& trace);

// A float32 .npy file for a matrix (rows × cols).
OutputFile matrixFile(std::string name, const Matrix& matrix);

// tokens.json: {"format": "attnscope-tokens", "version": 1, "query": [{"text", "begin", "end"}…],
// "key_value": […] only for a separate key/value sequence}; begin and end are byte offsets.
OutputFile tokensFile(std::span<const Token> query, std::optional<std::span<const Token>> keyValue);

}  // namespace attnscope
