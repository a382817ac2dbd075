#include "core/embedding.h"

#include <cmath>

#include "core/deterministic_random.h"
#include "core/limits.h"

namespace attnscope {

Vector tokenEmbedding(std::string_view text, std::uint64_t seed, int dModel) {
  requireModelWidth(dModel);
  SplitMix64 stream(streamKey("attnscope.embedding", seed, text));
  Vector embedding(dModel);
  for (int i = 0; i < dModel; ++i) embedding[i] = static_cast<float>(stream.nextNormal());
  return embedding;
}

Matrix embedTokens(std::span<const Token> tokens, std::uint64_t seed, int dModel) {
  requireSequenceLength(tokens.size());
  Matrix rows(static_cast<Eigen::Index>(tokens.size()), dModel);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    rows.row(static_cast<Eigen::Index>(i)) = tokenEmbedding(tokens[i].text, seed, dModel);
  }
  return rows;
}

Matrix sinusoidalEncoding(int length, int dModel) {
  requireModelWidth(dModel);
  Matrix encoding(length, dModel);
  for (int pos = 0; pos < length; ++pos) {
    for (int col = 0; col < dModel; ++col) {
      const int pairIndex = col / 2;
      const double angle = pos / std::pow(10000.0, 2.0 * pairIndex / dModel);
      encoding(pos, col) = static_cast<float>(col % 2 == 0 ? std::sin(angle) : std::cos(angle));
    }
  }
  return encoding;
}

Matrix modelInput(std::span<const Token> tokens, std::uint64_t seed, int dModel,
                  PositionalEncoding positional) {
  Matrix input = embedTokens(tokens, seed, dModel);
  if (positional == PositionalEncoding::Sinusoidal) {
    input += sinusoidalEncoding(static_cast<int>(input.rows()), dModel);
  }
  return input;
}

}  // namespace attnscope
