// Attention rollout (core/attention_rollout.h): a case worked by hand, the properties every
// rollout has (rows sum to 1, identity attention rolls out to the identity), and the trained
// encoder's two layers. The model test needs scripts/fetch-model's install; it skips only with
// ATTNSCOPE_SKIP_MODEL_TESTS=1.
#include "core/attention_rollout.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/lesson_run.h"
#include "tests/model_test_support.h"

namespace attnscope {
namespace {

HeadTensor headsFrom(const std::vector<Matrix>& heads) {
  HeadTensor tensor(heads.size(), std::size_t(heads.front().rows()),
                    std::size_t(heads.front().cols()));
  for (std::size_t h = 0; h < heads.size(); ++h) tensor.head(h) = heads[h];
  return tensor;
}

Matrix matrix2(float a, float b, float c, float d) {
  Matrix m(2, 2);
  m << a, b, c, d;
  return m;
}

void expectRowsSumToOne(const Matrix& rollout) {
  for (Eigen::Index i = 0; i < rollout.rows(); ++i) {
    EXPECT_NEAR(rollout.row(i).sum(), 1.0f, 1e-5f) << "row " << i;
    EXPECT_GE(rollout.row(i).minCoeff(), 0.0f) << "row " << i;
  }
}

TEST(AttentionRollout, TwoLayersOfTwoPiecesWorkedByHand) {
  // Layer 1: one head looks at piece 1, the other at piece 2; their mean is ½ everywhere, so
  // Â₁ = ½([½ ½; ½ ½] + I) = [¾ ¼; ¼ ¾]. Layer 2: one head, both pieces look at piece 1:
  // Â₂ = ½([1 0; 1 0] + I) = [1 0; ½ ½]. R = Â₂Â₁ = [¾ ¼; ½ ½]; the other order, Â₁Â₂, would
  // give [⅞ ⅛; ⅝ ⅜].
  const HeadTensor layer1 = headsFrom({matrix2(1, 0, 1, 0), matrix2(0, 1, 0, 1)});
  const HeadTensor layer2 = headsFrom({matrix2(1, 0, 1, 0)});
  const std::vector<const HeadTensor*> layers = {&layer1, &layer2};
  const Matrix rollout = attentionRollout(layers);
  ASSERT_EQ(rollout.rows(), 2);
  ASSERT_EQ(rollout.cols(), 2);
  EXPECT_FLOAT_EQ(rollout(0, 0), 0.75f);
  EXPECT_FLOAT_EQ(rollout(0, 1), 0.25f);
  EXPECT_FLOAT_EQ(rollout(1, 0), 0.5f);
  EXPECT_FLOAT_EQ(rollout(1, 1), 0.5f);
}

TEST(AttentionRollout, RowsSumToOneForRandomSoftmaxLayers) {
  std::mt19937 random(7);
  std::normal_distribution<float> score(0.0f, 2.0f);
  const std::size_t length = 9;
  std::vector<HeadTensor> tensors;
  for (int l = 0; l < 4; ++l) {
    HeadTensor weights(3, length, length);
    for (std::size_t h = 0; h < 3; ++h) {
      for (std::size_t i = 0; i < length; ++i) {
        float sum = 0.0f;
        for (std::size_t j = 0; j < length; ++j) sum += weights(h, i, j) = std::exp(score(random));
        for (std::size_t j = 0; j < length; ++j) weights(h, i, j) /= sum;
      }
    }
    tensors.push_back(std::move(weights));
  }
  std::vector<const HeadTensor*> layers;
  for (const HeadTensor& t : tensors) layers.push_back(&t);
  expectRowsSumToOne(attentionRollout(layers));
}

TEST(AttentionRollout, IdentityAttentionRollsOutToTheIdentity) {
  const Matrix identity = Matrix::Identity(5, 5);
  const HeadTensor layer = headsFrom({identity, identity, identity});
  const std::vector<const HeadTensor*> layers = {&layer, &layer, &layer};
  EXPECT_TRUE(attentionRollout(layers).isApprox(identity)) << attentionRollout(layers);
}

TEST(AttentionRollout, RefusesLayersThatDoNotChain) {
  EXPECT_THROW(attentionRollout(std::span<const HeadTensor* const>{}), Error);
  const HeadTensor two = headsFrom({matrix2(1, 0, 0, 1)});
  const HeadTensor three = headsFrom({Matrix::Identity(3, 3)});
  const std::vector<const HeadTensor*> mismatched = {&two, &three};
  EXPECT_THROW(attentionRollout(mismatched), Error);
  const HeadTensor wide(1, 2, 3);
  const std::vector<const HeadTensor*> notSquare = {&wide};
  EXPECT_THROW(attentionRollout(notSquare), Error);
}

TEST(AttentionRollout, TrainedEncoderRollsOutBothLayers) {
  ATTNSCOPE_REQUIRE_ENCODER();
  Lesson lesson;
  lesson.text = "The animal didn't cross the street because it was too tired.";
  lesson.model = {kDefaultEncoder, 1, {}};
  const EncoderLessonRun run = runEncoderLesson(lesson);
  const EncoderTrace& trace = *run.trace;
  ASSERT_EQ(trace.layers.size(), 2u);
  const Matrix rollout = attentionRollout(trace);
  const auto length = Eigen::Index(run.tokens.size());
  ASSERT_EQ(rollout.rows(), length);
  ASSERT_EQ(rollout.cols(), length);
  expectRowsSumToOne(rollout);
  // Neither layer alone: the rollout is not any one layer's mean of heads.
  for (const EncoderLayerTrace& layer : trace.layers) {
    const HeadTensor& weights = layer.attention.weights;
    Matrix mean = Matrix::Zero(length, length);
    for (std::size_t h = 0; h < weights.heads(); ++h) mean += weights.head(h);
    mean /= float(weights.heads());
    EXPECT_GT((rollout - mean).cwiseAbs().maxCoeff(), 0.05f);
  }
}

}  // namespace
}  // namespace attnscope
