// Loaded weights of 1e20 overflow the scores: the window gets the engine's sentence as its
// error line (shown above the heads) instead of a map of NaN, and can compute again after it
// (issue 20, point 10).
#include <gtest/gtest.h>

#include "ui/attention_result.h"

namespace attnscope {
namespace {

Lesson withWeights(float value) {
  AttentionWeights weights = randomWeights(8, 1);
  weights.query.weight.setConstant(value);
  weights.key.weight.setConstant(value);
  Lesson parameters;
  parameters.text = "The cat sat";
  parameters.modelWidth = 8;
  parameters.heads = 2;
  parameters.weights.source = LessonWeights::Source::File;
  parameters.weights.path = "/huge.safetensors";
  parameters.weights.loaded = std::make_shared<const LoadedWeights>(LoadedWeights{weights, {}});
  return parameters;
}

TEST(OverflowInWindow, ErrorLineNamesTheStageAndTheNextComputationWorks) {
  AttentionEngine engine;
  const AttentionResult overflowing = computeAttention(withWeights(1e20f), engine);
  EXPECT_FALSE(overflowing.computed());
  EXPECT_TRUE(overflowing.error.startsWith(QStringLiteral("the scores overflow float32 at head 1")))
      << overflowing.error.toStdString();
  const AttentionResult ordinary = computeAttention(withWeights(0.1f), engine);
  EXPECT_TRUE(ordinary.ok()) << ordinary.error.toStdString();
}

}  // namespace
}  // namespace attnscope
