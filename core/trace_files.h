#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/attention.h"
#include "core/lesson_run.h"
#include "core/publish_files.h"
#include "core/tokenizer.h"

namespace attnscope {

// The trace as the files `attnscope dump` writes, all float32 C-order .npy: q, k, v, scores,
// scaled, masked, weights (heads first), context and output. The files are written straight
// from `trace`, piece by piece (scaled and masked derived on the way), so dump needs no memory
// beyond the trace: `trace` must outlive the files.
// `folder`, when given, goes in front of each name ("layer1/q.npy").
std::vector<OutputFile> traceFiles(const AttentionTrace& trace, const std::string& folder = "");

// A float32 .npy file for a matrix (rows × cols), or a vector (size,).
OutputFile matrixFile(std::string name, const Matrix& matrix);
OutputFile vectorFile(std::string name, const Vector& vector);

// tokens.json: {"format": "attnscope-tokens", "version": 1, "query": [{"text", "begin", "end"}…],
// "key_value": […] only for a separate key/value sequence}; begin and end are byte offsets.
OutputFile tokensFile(std::span<const Token> query, std::optional<std::span<const Token>> keyValue);
// tokens.json of an encoder: each "query" entry also has the vocabulary "id", the "piece" ("▁"
// kept) and "read" (false past the model's maximum length; every piece is listed).
OutputFile tokensFile(std::span<const LessonPiece> pieces);

}  // namespace attnscope
