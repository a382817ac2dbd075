#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/matrix.h"
#include "core/tokenizer.h"

// The model's input: deterministic token embeddings from a seed, and the optional sinusoidal
// positional encoding added to them.
namespace attnscope {

enum class PositionalEncoding { None, Sinusoidal };

// The embedding of one token: d_model entries ~N(0, 1) from the stream
// streamKey("attnscope.embedding", seed, text), drawn in order by SplitMix64::nextNormal and
// rounded to float32. A longer d_model extends the same vector, so the first entries stay.
Vector tokenEmbedding(std::string_view text, std::uint64_t seed, int dModel);

// Rows are the tokens' embeddings, in order.
Matrix embedTokens(std::span<const Token> tokens, std::uint64_t seed, int dModel);

// Vaswani et al. 2017, section 3.5: PE(pos, 2i) = sin(pos / 10000^(2i/d)),
// PE(pos, 2i+1) = cos(pos / 10000^(2i/d)); computed in double, stored as float32.
Matrix sinusoidalEncoding(int length, int dModel);

// What the projections see: embeddings plus, if chosen, the positional encoding.
Matrix modelInput(std::span<const Token> tokens, std::uint64_t seed, int dModel,
                  PositionalEncoding positional);

}  // namespace attnscope
