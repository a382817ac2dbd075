// The window's views that exist only for the trained encoder: the attention rollout over its
// layers in the heads view. Needs the model scripts/fetch-model installs; skips only with
// ATTNSCOPE_SKIP_MODEL_TESTS=1.
#include <QCheckBox>
#include <cstdlib>
#include <filesystem>

#include "core/attention_rollout.h"
#include "core/lesson_run.h"
#include "tests/ui/window_test_support.h"
#include "ui/model/head_maps.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"

namespace attnscope {
namespace {

class EncoderViews : public testing::WindowTest {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(encoderFolder(kDefaultEncoder) / "model.json")) {
      const char* skip = std::getenv("ATTNSCOPE_SKIP_MODEL_TESTS");
      if (skip != nullptr && std::string(skip) == "1") GTEST_SKIP() << "model not installed";
      FAIL() << "the pretrained encoder is not installed; run scripts/fetch-model";
    }
    WindowTest::SetUp();
  }

  void openEncoderLesson(const std::string& text, int layer = 1) {
    Lesson lesson = document()->parameters();
    lesson.text = text;
    lesson.model = {kDefaultEncoder, layer, {}};
    document()->reset(lesson);
    settle();
  }

  QList<HeatmapPlot*> tiles() const { return m_window->headsView()->tiles(); }
};

TEST_F(EncoderViews, RolloutIsOneMapOfEveryLayerChosenInTheViewGroup) {
  openEncoderLesson("The animal didn't cross the street because it was too tired.");
  QCheckBox* rollout = m_window->controls()->rolloutBox();
  EXPECT_FALSE(rollout->isHidden());
  EXPECT_EQ(tiles().size(), 4);

  rollout->click();
  QCoreApplication::processEvents();
  EXPECT_TRUE(document()->view().rollout);
  ASSERT_EQ(tiles().size(), 1);
  const HeatmapData& map = tiles().front()->heatmap();
  EXPECT_EQ(map.title,
            QStringLiteral("attention rollout: layers 1–2, (A+I)/2 averaged over heads"));
  const std::shared_ptr<const AttentionResult> result = document()->result();
  const Matrix expected = attentionRollout(*result->encoder->trace);
  ASSERT_EQ(map.rows, int(result->queryTokens.size()));
  ASSERT_EQ(map.cols, map.rows);
  for (int i = 0; i < map.rows; ++i) {
    double rowSum = 0.0;
    for (int j = 0; j < map.cols; ++j) {
      const float value = map.values[std::size_t(i * map.cols + j)];
      EXPECT_EQ(value, expected(i, j));
      rowSum += value;
    }
    EXPECT_NEAR(rowSum, 1.0, 1e-5) << "row " << i;
  }
  // Not the shown layer's mean of heads, which the average would draw.
  EXPECT_NE(map.values, averageHeatmap(*result).values);
  EXPECT_FALSE(m_window->headsView()->showsLargeHead());

  rollout->click();
  QCoreApplication::processEvents();
  EXPECT_EQ(tiles().size(), 4);
}

TEST_F(EncoderViews, SandboxLessonsOfferNoRollout) {
  openEncoderLesson("The cat sat.");
  m_window->controls()->rolloutBox()->click();
  QCoreApplication::processEvents();
  ASSERT_EQ(tiles().size(), 1);

  Lesson sandbox = document()->parameters();
  sandbox.model = {};
  sandbox.heads = 8;
  document()->reset(sandbox);
  settle();
  EXPECT_TRUE(m_window->controls()->rolloutBox()->isHidden());
  EXPECT_EQ(tiles().size(), 8) << "the sandbox's heads, whatever the view setting says";
}

}  // namespace
}  // namespace attnscope
