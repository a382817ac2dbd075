#pragma once

#include <string>
#include <vector>

#include "core/attention.h"
#include "core/lesson.h"
#include "core/tokenizer.h"

// The one path from a sandbox lesson to the engine: the window's worker, `dump --text`, `export`
// and the `attnscope --text` window all build their inputs here (an encoder lesson runs through
// core/lesson_run.h instead).
namespace attnscope {

struct LessonInputs {
  std::vector<Token> queryTokens;
  std::vector<Token> keyTokens;  // the key/value tokens, with the [PAD]s of key padding
  Matrix queryEmbeddings;        // X of the queries before positional encoding, Lq × d_model
  Matrix queryPositions;         // the positional term added to them (zero when off)
  Matrix query;                  // queryEmbeddings + queryPositions
  Matrix keyValue;               // the same for the keys and values, Lk × d_model
  MaskSpec mask;
  AttentionWeights weights;
  int heads = 0;
};

// Tokenizes, embeds and builds the mask and the projections (core/lesson_weights.h
// projectionsOf: File weights must be loaded):
//  - cross-attention takes keys and values from keyValueText, else from text;
//  - key padding appends kPaddingToken to the keys up to paddedLength and blocks them; in
//    self-attention the padded sequence is also the queries;
//  - a custom mask blocks its cells (cells outside the sequences are ignored, as the window
//    keeps them while the sentence is edited).
// Throws Error(InvalidData) when a text has no tokens or the weights' width is not the lesson's
// d_model, Error(LimitExceeded) when a length exceeds its limit.
LessonInputs lessonInputs(const Lesson& lesson);

// Whether the text has at least one token (the window's hint before anything is typed).
bool hasTokens(const std::string& text);

// One line for figure metadata and messages:
// "d_model=64 heads=8 seed=0 positional=sinusoidal scaled=yes mask=causal weights=seed", or for
// a pretrained encoder "model=use-lite layer=2".
std::string lessonSummary(const Lesson& lesson);

}  // namespace attnscope
