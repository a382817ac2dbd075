#include "core/weights.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>

#include "core/error.h"
#include "core/safetensors.h"
#include "tests/safetensors_builder.h"

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

SafetensorsFile parsed(const testing::SafetensorsBuilder& builder) {
  return SafetensorsFile::parse(builder.bytes(), "w.safetensors");
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidData) << error.what();
    return error.what();
  }
  ADD_FAILURE() << "no Error thrown";
  return {};
}

void expectSameWeights(const AttentionWeights& a, const AttentionWeights& b) {
  for (std::size_t i = 0; i < kProjectionNames.size(); ++i) {
    SCOPED_TRACE(kProjectionNames[i]);
    EXPECT_TRUE(a.projections()[i]->weight == b.projections()[i]->weight);
    EXPECT_TRUE(a.projections()[i]->bias == b.projections()[i]->bias);
  }
}

TEST(WeightsLayout, DetectedFromTheKeys) {
  const AttentionWeights weights = randomWeights(8, 3);
  EXPECT_EQ(detectWeightsLayout(parsed(testing::referenceStateDict(weights)), "w"),
            WeightsLayout::Reference);
  EXPECT_EQ(detectWeightsLayout(parsed(testing::multiheadStateDict(weights)), "w"),
            WeightsLayout::Multihead);
}

TEST(WeightsLayout, NeitherListsTheExpectedKeys) {
  testing::SafetensorsBuilder builder;
  builder.add("encoder.self_attn.in_proj_weight", Matrix::Zero(12, 4));
  const std::string message =
      errorOf([&] { detectWeightsLayout(parsed(builder), "w.safetensors"); });
  for (const char* key :
       {"w.safetensors", "W_q.weight", "W_o.bias", "in_proj_weight", "in_proj_bias",
        "out_proj.weight", "out_proj.bias", "encoder.self_attn.in_proj_weight", "whole model"}) {
    EXPECT_NE(message.find(key), std::string::npos) << key << " in: " << message;
  }
}

TEST(WeightsLayout, BothLayoutsInOneFileIsAnError) {
  const AttentionWeights weights = randomWeights(4, 0);
  testing::SafetensorsBuilder builder = testing::referenceStateDict(weights);
  builder.add("in_proj_weight", Matrix::Zero(12, 4));
  EXPECT_NE(errorOf([&] { detectWeightsLayout(parsed(builder), "w"); }).find("both"),
            std::string::npos);
}

TEST(WeightsLayout, SeparateKeyValueProjectionsAreNamed) {
  testing::SafetensorsBuilder builder;
  builder.add("q_proj_weight", Matrix::Zero(4, 4));
  EXPECT_NE(errorOf([&] { detectWeightsLayout(parsed(builder), "w"); }).find("kdim"),
            std::string::npos);
}

TEST(MultiheadWeights, InProjectionRowsSplitIntoQueryKeyValue) {
  const AttentionWeights weights = randomWeights(12, 5);
  const AttentionWeights loaded =
      weightsFromSafetensors(parsed(testing::multiheadStateDict(weights)), "w");
  expectSameWeights(loaded, weights);
  // The same numbers in the reference layout load to the same weights.
  expectSameWeights(weightsFromSafetensors(parsed(testing::referenceStateDict(weights)), "w"),
                    weights);
}

TEST(MultiheadWeights, WithoutBiasesTheBiasesAreZero) {
  const AttentionWeights weights = randomWeights(8, 1);
  testing::SafetensorsBuilder builder = testing::multiheadStateDict(weights);
  builder.remove("in_proj_bias").remove("out_proj.bias");
  const AttentionWeights loaded = weightsFromSafetensors(parsed(builder), "w");
  EXPECT_TRUE(loaded.key.weight == weights.key.weight);
  for (const Projection* projection : loaded.projections()) {
    EXPECT_TRUE(projection->bias.isZero(0.0f));
    EXPECT_EQ(projection->bias.size(), 8);
  }
}

TEST(MultiheadWeights, DamageIsAnErrorNamingTheTensor) {
  const AttentionWeights weights = randomWeights(8, 1);
  testing::SafetensorsBuilder oneBias = testing::multiheadStateDict(weights);
  oneBias.remove("out_proj.bias");
  EXPECT_NE(errorOf([&] { weightsFromSafetensors(parsed(oneBias), "w"); }).find("out_proj.bias"),
            std::string::npos);

  testing::SafetensorsBuilder wrongShape = testing::multiheadStateDict(weights);
  wrongShape.add("in_proj_weight", Matrix::Zero(16, 8));
  const std::string shapeMessage =
      errorOf([&] { weightsFromSafetensors(parsed(wrongShape), "w"); });
  EXPECT_NE(shapeMessage.find("(24, 8)"), std::string::npos) << shapeMessage;

  testing::SafetensorsBuilder noOutput = testing::multiheadStateDict(weights);
  noOutput.remove("out_proj.weight");
  EXPECT_NE(errorOf([&] { weightsFromSafetensors(parsed(noOutput), "w"); }).find("out_proj.weight"),
            std::string::npos);

  testing::SafetensorsBuilder biasKv = testing::multiheadStateDict(weights);
  biasKv.add("bias_k", Matrix::Zero(1, 8));
  EXPECT_NE(errorOf([&] { weightsFromSafetensors(parsed(biasKv), "w"); }).find("add_bias_kv"),
            std::string::npos);

  Matrix poisoned = Matrix::Zero(24, 8);
  poisoned(20, 3) = std::numeric_limits<float>::quiet_NaN();
  testing::SafetensorsBuilder nonFinite = testing::multiheadStateDict(weights);
  nonFinite.add("in_proj_weight", poisoned);
  EXPECT_NE(errorOf([&] { weightsFromSafetensors(parsed(nonFinite), "w"); }).find("W_v"),
            std::string::npos);
}

TEST(MultiheadWeights, ForcedLayoutMustMatchTheFile) {
  const AttentionWeights weights = randomWeights(4, 2);
  EXPECT_NE(errorOf([&] {
              weightsFromSafetensors(parsed(testing::referenceStateDict(weights)), "w",
                                     WeightsLayout::Multihead);
            }).find("in_proj_weight"),
            std::string::npos);
}

}  // namespace
}  // namespace attnscope
