#include "core/weights.h"

#include <gtest/gtest.h>

#include <cstring>

namespace attnscope {
namespace {

TEST(RandomWeights, FollowNnLinearDefaultRange) {
  const AttentionWeights weights = randomWeights(64, 0);
  const float bound = 1.0f / 8.0f;
  for (const Projection* projection : weights.projections()) {
    EXPECT_EQ(projection->weight.rows(), 64);
    EXPECT_EQ(projection->weight.cols(), 64);
    EXPECT_LE(projection->weight.cwiseAbs().maxCoeff(), bound);
    EXPECT_LE(projection->bias.cwiseAbs().maxCoeff(), bound);
    // Uniform on (−b, b): mean 0, and the extremes come close to the bound.
    EXPECT_NEAR(projection->weight.mean(), 0.0f, 0.01f);
    EXPECT_GT(projection->weight.maxCoeff(), 0.99f * bound);
  }
  EXPECT_FALSE(weights.query.weight == weights.key.weight);
}

TEST(RandomWeights, DependOnlyOnSeedAndWidth) {
  EXPECT_TRUE(randomWeights(16, 9).value.weight == randomWeights(16, 9).value.weight);
  EXPECT_FALSE(randomWeights(16, 9).value.weight == randomWeights(16, 10).value.weight);
  float pinned = randomWeights(8, 0).query.weight(0, 0);
  std::uint32_t pinnedBits;
  std::memcpy(&pinnedBits, &pinned, sizeof pinned);
  EXPECT_EQ(pinnedBits, 0xbe83b72du);  // saved lessons rely on these bits
}

TEST(RandomWeights, EmbeddingsAndWeightsUseSeparateStreams) {
  // Same seed, same length of draws: a shared stream would make these equal.
  const AttentionWeights weights = randomWeights(4, 1);
  EXPECT_NE(weights.query.weight(0, 0), weights.key.weight(0, 0));
}

}  // namespace
}  // namespace attnscope
