// The window's views that exist only for the trained encoder: the attention rollout over its
// layers in the heads view, and the pieces past its maximum length greyed among the chips. Needs
// the model scripts/fetch-model installs; skips only with ATTNSCOPE_SKIP_MODEL_TESTS=1.
#include <QCheckBox>
#include <QLabel>
#include <cstdlib>
#include <filesystem>

#include "core/attention_rollout.h"
#include "core/lesson_run.h"
#include "tests/model_test_support.h"
#include "tests/ui/window_test_support.h"
#include "ui/model/head_maps.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/sentence_input.h"
#include "ui/window/token_chips.h"

namespace attnscope {
namespace {

class EncoderViews : public testing::WindowTest {
 protected:
  void SetUp() override {
    ATTNSCOPE_REQUIRE_ENCODER();
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

// The model overview: every layer's heads at once, a row per layer, each the trace's own weights;
// a click makes that layer the lesson's and opens the head large.
TEST_F(EncoderViews, EveryLayersHeadsShowAtOnceAndAClickOpensOne) {
  openEncoderLesson("The animal didn't cross the street because it was too tired.");
  QCheckBox* allLayers = m_window->controls()->allLayersBox();
  ASSERT_FALSE(allLayers->isHidden());
  allLayers->click();
  QCoreApplication::processEvents();
  EXPECT_TRUE(document()->view().allLayers);
  const std::shared_ptr<const AttentionResult> result = document()->result();
  const auto& layers = result->encoder->trace->layers;
  ASSERT_EQ(tiles().size(), qsizetype(layers.size() * 4));
  for (int layer = 0; layer < int(layers.size()); ++layer) {
    for (int head = 0; head < 4; ++head) {
      const HeatmapData& map = tiles()[layer * 4 + head]->heatmap();
      EXPECT_EQ(map.title, QStringLiteral("layer %1 · head %2").arg(layer + 1).arg(head + 1));
      const auto weights = layers[std::size_t(layer)].attention.weights.head(std::size_t(head));
      ASSERT_EQ(map.values.size(), std::size_t(weights.size()));
      EXPECT_TRUE(std::equal(map.values.begin(), map.values.end(), weights.data()))
          << map.title.toStdString();
    }
  }
  // Layer 2, head 3 (tile 6): the lesson's layer becomes 2 and that head opens large.
  HeatmapPlot* tile = tiles()[6];
  QTest::mouseClick(tile, Qt::LeftButton, Qt::NoModifier, tile->rect().center());
  settle();
  EXPECT_EQ(document()->parameters().model.layer, 2);
  EXPECT_EQ(document()->view().focusedHead, 2);
  EXPECT_FALSE(document()->view().allLayers);
  EXPECT_TRUE(m_window->headsView()->showsLargeHead());
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

TEST_F(EncoderViews, ChipsShowEveryPieceAndGreyThosePastTheModelsLimit) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "The cat sat on the mat. ";
  openEncoderLesson(text);
  const std::shared_ptr<const AttentionResult> result = document()->result();
  ASSERT_TRUE(result->ok()) << result->error.toStdString();
  const std::vector<LessonPiece>& pieces = result->encoder->pieces;
  ASSERT_GT(pieces.size(), 128u);
  ASSERT_EQ(result->queryTokens.size(), 128u) << "the model reads the first 128 pieces";

  const TokenChips* chips = m_window->sentenceInput()->queryChips();
  ASSERT_EQ(chips->tokens().size(), qsizetype(pieces.size()));
  EXPECT_EQ(chips->readCount(), 128);
  EXPECT_EQ(chips->tokens().front(), QStringLiteral("▁The"));
  EXPECT_EQ(chips->tokens().back(), QString::fromStdString(pieces.back().piece));
  EXPECT_TRUE(chips->isRead(127));
  EXPECT_FALSE(chips->isRead(128));
  const auto unread = qsizetype(pieces.size()) - 128;
  const qsizetype hidden = chips->tokens().size() - chips->visibleChipCount();
  ASSERT_GE(hidden, unread) << "three lines hold fewer than 128 chips";
  EXPECT_EQ(chips->moreTexts(hidden),
            QStringList({QStringLiteral("+%1 more").arg(hidden - unread),
                         QStringLiteral("+%1 past the limit").arg(unread)}));

  const QLabel* note = m_window->sentenceInput()->pieceLimitNote();
  EXPECT_FALSE(note->isHidden());
  EXPECT_EQ(note->text(),
            QStringLiteral("The model reads the first 128 pieces; the greyed ones are past its "
                           "limit."));

  typeSentence(QStringLiteral("The cat sat on the mat."));
  EXPECT_TRUE(note->isHidden());
  EXPECT_EQ(chips->readCount(), chips->tokens().size());
  EXPECT_EQ(chips->moreTexts(3), QStringList(QStringLiteral("+3 more")));
}

TEST_F(EncoderViews, ChipsMarkEachPieceTheModelDoesNotKnow) {
  openEncoderLesson("The cat 注意 sat ☃ here.");
  const std::shared_ptr<const AttentionResult> result = document()->result();
  ASSERT_TRUE(result->ok()) << result->error.toStdString();
  const std::vector<LessonPiece>& pieces = result->encoder->pieces;
  const TokenChips* chips = m_window->sentenceInput()->queryChips();
  ASSERT_EQ(chips->tokens().size(), qsizetype(pieces.size()));
  int unknownCount = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    EXPECT_EQ(chips->isUnknown(qsizetype(i)), pieces[i].id == 0) << pieces[i].piece;
    unknownCount += pieces[i].id == 0 ? 1 : 0;
  }
  EXPECT_GE(unknownCount, 2) << "the Chinese characters and the snowman are not English pieces";
  EXPECT_TRUE(chips->tokens().contains(QStringLiteral("☃")))
      << "an unknown piece shows the text it stands for, not the vocabulary's placeholder";
  EXPECT_FALSE(chips->isUnknown(0)) << "▁The is in the vocabulary";

  typeSentence(QStringLiteral("The cat sat here."));
  for (qsizetype i = 0; i < chips->tokens().size(); ++i) EXPECT_FALSE(chips->isUnknown(i));
}

}  // namespace
}  // namespace attnscope
