#pragma once

#include <vector>

#include "core/attention.h"
#include "core/session_file.h"
#include "core/tokenizer.h"

namespace attnscope {

// What one forward pass needs, built from a session as the window builds it from its state.
struct SessionInputs {
  std::vector<Token> queryTokens;
  std::vector<Token> keyTokens;  // the key/value tokens, with the [PAD]s of key padding
  Matrix query;                  // embeddings plus positional encoding, Lq × d_model
  Matrix keyValue;               // the same for the keys and values, Lk × d_model
  MaskSpec mask;
  AttentionWeights weights;
  int heads = 0;
};

// The session's weights: from its seed, its .safetensors file (in the stated layout) or the
// embedded bytes. Throws Error naming the file.
AttentionWeights sessionWeights(const Session& session);

// Tokenizes, embeds and builds the mask:
//  - cross-attention takes keys and values from keyValueText, else from text;
//  - key padding appends "[PAD]" tokens to the keys up to paddedLength and blocks them; in
//    self-attention the padded sequence is also the queries;
//  - a custom mask blocks its cells (cells outside the sequences are ignored, as the window
//    keeps them while the sentence is edited).
// Throws Error when a text has no tokens, a length exceeds its limit, or the weights' width is
// not the session's d_model.
SessionInputs sessionInputs(const Session& session, AttentionWeights weights);

// One line for figure metadata and messages:
// "d_model=64 heads=8 seed=0 positional=sinusoidal scaled=yes mask=causal weights=seed".
std::string sessionSummary(const Session& session);

}  // namespace attnscope
