#include "core/embedding.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "core/deterministic_random.h"

namespace attnscope {
namespace {

std::uint32_t bits(float value) {
  std::uint32_t result;
  std::memcpy(&result, &value, sizeof result);
  return result;
}

// Saved lessons depend on these exact bits: if this test fails, embeddings changed for every
// user. Never update the numbers to make it pass; fix the change instead.
TEST(Embedding, PinnedValuesNeverChange) {
  const Vector cat = tokenEmbedding("cat", 0, 4);
  const Vector zhu = tokenEmbedding("注", 42, 3);
  EXPECT_EQ(bits(cat[0]), 0xbfbe4272u);
  EXPECT_EQ(bits(cat[1]), 0x3e708c72u);
  EXPECT_EQ(bits(cat[3]), 0x3fd1e46cu);
  EXPECT_EQ(bits(zhu[0]), 0x3df6ab81u);
  EXPECT_EQ(bits(zhu[2]), 0x3f023ebcu);
  SplitMix64 stream(streamKey("attnscope.embedding", 7, "x"));
  EXPECT_EQ(stream.next(), 0x0ab70d863be881abULL);
}

TEST(Embedding, SameTextAndSeedGiveSameVectorAndPrefixesAgree) {
  EXPECT_TRUE(tokenEmbedding("mat", 3, 16) == tokenEmbedding("mat", 3, 16));
  EXPECT_TRUE(tokenEmbedding("mat", 3, 64).head(16) == tokenEmbedding("mat", 3, 16));
  EXPECT_FALSE(tokenEmbedding("mat", 3, 16) == tokenEmbedding("mat", 4, 16));
  EXPECT_FALSE(tokenEmbedding("mat", 3, 16) == tokenEmbedding("Mat", 3, 16));
}

TEST(Embedding, EntriesAreStandardNormal) {
  // 200 000 draws of the stream embeddings use: the sample mean and variance are within a few
  // standard errors of 0 and 1.
  SplitMix64 stream(streamKey("attnscope.embedding", 1, "statistics"));
  Vector values(200000);
  for (float& value : values) value = static_cast<float>(stream.nextNormal());
  const double mean = values.cast<double>().mean();
  const double variance = (values.cast<double>().array() - mean).square().mean();
  EXPECT_NEAR(mean, 0.0, 0.01);
  EXPECT_NEAR(variance, 1.0, 0.01);
  const double beyondTwo = (values.array().abs() > 2.0f).cast<double>().mean();
  EXPECT_NEAR(beyondTwo, 0.0455, 0.003);  // P(|z| > 2) for a standard normal
}

TEST(Embedding, PortableLogAgreesWithTheLibrary) {
  for (double x : {1e-300, 1e-10, 0.001, 0.3, 0.5, 0.70710678, 0.9999999, 1.0, 2.5, 1e10}) {
    EXPECT_NEAR(portableLog(x), std::log(x), 4e-16 * std::max(1.0, std::abs(std::log(x)))) << x;
  }
}

TEST(PositionalEncoding, MatchesTheTransformerPaper) {
  const Matrix pe = sinusoidalEncoding(50, 6);
  EXPECT_FLOAT_EQ(pe(0, 0), 0.0f);
  EXPECT_FLOAT_EQ(pe(0, 1), 1.0f);
  EXPECT_FLOAT_EQ(pe(3, 0), std::sin(3.0f));
  EXPECT_FLOAT_EQ(pe(3, 1), std::cos(3.0f));
  EXPECT_FLOAT_EQ(pe(49, 2), float(std::sin(49.0 / std::pow(10000.0, 2.0 / 6))));
  EXPECT_FLOAT_EQ(pe(49, 5), float(std::cos(49.0 / std::pow(10000.0, 4.0 / 6))));
}

TEST(ModelInput, AddsPositionsToEmbeddingsOnlyWhenAsked) {
  const std::vector<Token> tokens = {{"the", 0, 3}, {"the", 4, 7}};
  const Matrix plain = modelInput(tokens, 5, 8, PositionalEncoding::None);
  const Matrix positioned = modelInput(tokens, 5, 8, PositionalEncoding::Sinusoidal);
  EXPECT_TRUE(plain.row(0) == plain.row(1));  // same word, same embedding
  EXPECT_FALSE(positioned.row(0) == positioned.row(1));
  EXPECT_TRUE(positioned.isApprox(plain + sinusoidalEncoding(2, 8)));
}

}  // namespace
}  // namespace attnscope
