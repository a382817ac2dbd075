// The window's worker on an encoder lesson (issue 13): computeAttention fills the result with
// the chosen layer through runEncoderLesson, and Copy as command names --model and --layer.
// Needs the model scripts/fetch-model installs; skips only with ATTNSCOPE_SKIP_MODEL_TESTS=1.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/encoder.h"
#include "tests/model_test_support.h"
#include "ui/figure/figure_choice.h"
#include "ui/model/attention_result.h"

namespace attnscope {
namespace {

class EncoderResult : public ::testing::Test {
 protected:
  void SetUp() override { ATTNSCOPE_REQUIRE_ENCODER(); }
};

TEST_F(EncoderResult, TheWorkerShowsTheChosenLayerOverThePiecesRead) {
  Lesson lesson;
  lesson.text = "The cat sat on the mat.";
  lesson.model = {"use-lite", 2, {}};
  AttentionEngine engine;
  EncoderRunner runner;
  const AttentionResult result = computeAttention(lesson, engine, &runner);
  ASSERT_TRUE(result.ok()) << result.error.toStdString();
  ASSERT_TRUE(result.encoder.has_value());
  EXPECT_EQ(result.queryTokens.front().text, "▁The");
  EXPECT_EQ(result.queryTokens, result.keyTokens);
  EXPECT_EQ(result.heads(), 4);
  const AttentionTrace& layer2 = result.encoder->trace->layers[1].attention;
  EXPECT_TRUE(std::ranges::equal(result.trace->weights.values(), layer2.weights.values()));
  EXPECT_EQ(result.keyValueInput, result.encoder->trace->layers[1].x);
  EXPECT_EQ(result.weights.modelWidth(), 512);

  lesson.model.layer = 3;
  const AttentionResult missing = computeAttention(lesson, engine, &runner);
  EXPECT_FALSE(missing.computed());
  EXPECT_TRUE(missing.error.contains(QStringLiteral("layer 3"))) << missing.error.toStdString();
}

TEST_F(EncoderResult, CopyAsCommandNamesTheModelAndLayer) {
  Lesson lesson;
  lesson.text = "The cat sat.";
  lesson.model = {"use-lite", 2, {}};
  FigureRequest request;
  const QString command = figureCommand(lesson, QString(), request, QStringLiteral("f.png"));
  EXPECT_TRUE(command.startsWith(
      QStringLiteral("attnscope export --model use-lite --layer 2 --text 'The cat sat.'")))
      << command.toStdString();
  EXPECT_FALSE(command.contains(QStringLiteral("--heads"))) << command.toStdString();
}

}  // namespace
}  // namespace attnscope
