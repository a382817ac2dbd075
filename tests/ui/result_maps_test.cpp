// The pictures the worker makes for the heads view (issue 13): what the GUI thread is handed must
// be exactly what it used to build itself: each head's matrix, its value range, its colours.
#include "ui/model/result_maps.h"

#include <gtest/gtest.h>

#include <QStringList>
#include <cmath>

#include "ui/model/attention_result.h"
#include "ui/model/cell_picture.h"
#include "ui/model/head_maps.h"

namespace attnscope {
namespace {

AttentionResult computed(int words, LessonMask mask) {
  QStringList text;
  for (int i = 0; i < words; ++i) text << QStringLiteral("w%1").arg(i % 37);
  Lesson parameters;
  parameters.text = text.join(QLatin1Char(' ')).toStdString();
  parameters.modelWidth = 16;
  parameters.heads = 4;
  parameters.mask = mask;
  AttentionEngine engine;
  return computeAttention(parameters, engine);
}

TEST(ColorLookup, TakesTheNearestOfItsLevelsAndClampsTheEnds) {
  const ColorLookup color(ColorMapName::Magma, 2.0, 4.0);
  EXPECT_EQ(color(2.0f), colorAt(ColorMapName::Magma, 0.0).rgba());
  EXPECT_EQ(color(4.0f), colorAt(ColorMapName::Magma, 1.0).rgba());
  EXPECT_EQ(color(-7.0f), color(2.0f));
  EXPECT_EQ(color(9.0f), color(4.0f));
  EXPECT_EQ(color(std::nanf("")), color(2.0f));
  // Level 100 of 511 holds fraction 100/511; a value a third of a level off still takes it.
  const double level = 100.0 / (ColorLookup::kLevels - 1);
  EXPECT_EQ(color(float(2.0 + 2.0 * (level + 0.3 / 511))),
            colorAt(ColorMapName::Magma, level).rgba());
}

TEST(CellPicture, BlockedCellsAreTransparentAndListedAsRunsOfMatrixCells) {
  HeatmapData data;
  data.rows = data.cols = 4;
  data.values = std::vector<float>(16, 0.5f);
  data.blocked.assign(16, 0);
  for (int row = 0; row < 4; ++row) {
    for (int col = row + 1; col < 4; ++col) data.blocked[std::size_t(row * 4 + col)] = 1;
  }
  const CellPicture picture = paintCells(drawnCells(data, QRect()), ColorMapName::Viridis, {0, 1});
  ASSERT_EQ(picture.image.size(), QSize(4, 4));
  EXPECT_EQ(qAlpha(picture.image.pixel(3, 0)), 0);
  EXPECT_EQ(picture.image.pixel(0, 3), ColorLookup(ColorMapName::Viridis, 0, 1)(0.5f));
  const std::vector<QRect> runs = {QRect(QPoint(1, 0), QPoint(3, 0)),
                                   QRect(QPoint(2, 1), QPoint(3, 1)), QRect(3, 2, 1, 1)};
  EXPECT_EQ(picture.blockedRuns, runs);
}

TEST(CellPicture, APooledPicturesRunsCoverTheBlocksBeneathThem) {
  const int side = 2 * kMaxDrawnCells;
  HeatmapData data;
  data.rows = data.cols = side;
  data.values.assign(std::size_t(side) * side, 0.25f);
  data.blocked.assign(data.values.size(), 0);
  // Block the right half of the last two rows: the last drawn row's right half.
  for (int col = side / 2; col < side; ++col) {
    data.blocked[std::size_t(side - 1) * side + col] = 1;
    data.blocked[std::size_t(side - 2) * side + col] = 1;
  }
  const CellPicture picture = paintCells(drawnCells(data, QRect()), ColorMapName::Viridis, {0, 1});
  ASSERT_EQ(picture.blockedRuns.size(), 1u);
  EXPECT_EQ(picture.blockedRuns.front(),
            QRect(QPoint(side / 2, side - 2), QPoint(side - 1, side - 1)));
}

TEST(ResultMaps, HoldWhatTheHeadsViewDrawsOfEachHead) {
  const AttentionResult result = computed(12, LessonMask::Causal);
  ASSERT_TRUE(result.ok());
  const ResultMaps maps = buildResultMaps(result, {ColorMapName::Cividis, false});
  ASSERT_EQ(maps.heads.size(), 4u);
  for (int head = 0; head < 4; ++head) {
    const ReadyMap& map = maps.heads[std::size_t(head)];
    const HeatmapData expected = headHeatmap(result, head, ScoreStage::Weights);
    EXPECT_EQ(map.data->values, expected.values);
    EXPECT_EQ(map.data->blocked, expected.blocked);
    EXPECT_EQ(map.data->title, expected.title);
    EXPECT_EQ(map.spread, valueRange(expected));
    // The fixed scale: 0–1, in the colours asked for.
    EXPECT_EQ(map.picture->range, std::pair(0.0, 1.0));
    EXPECT_EQ(map.picture->image.pixel(0, 5),
              ColorLookup(ColorMapName::Cividis, 0, 1)(expected.values[5 * 12]));
  }
  ASSERT_TRUE(maps.average);
  EXPECT_EQ(maps.average->data->values, averageHeatmap(result).values);
  EXPECT_TRUE(maps.layerHeads.empty());
  EXPECT_FALSE(maps.rollout);
}

TEST(ResultMaps, TheAutomaticRangeIsSharedByTheHeadsAndSpansThemAll) {
  const AttentionResult result = computed(12, LessonMask::None);
  const ResultMaps maps = buildResultMaps(result, {ColorMapName::Viridis, true});
  const std::pair<double, double> range = sharedRange(maps.heads, true);
  for (const ReadyMap& map : maps.heads) {
    EXPECT_EQ(map.picture->range, range);
    EXPECT_GE(map.spread.first, range.first);
    EXPECT_LE(map.spread.second, range.second);
  }
  EXPECT_EQ(maps.average->picture->range, maps.average->spread);
}

TEST(ResultMaps, APooledResultGivesEachHeadItsPicture) {
  const AttentionResult result = computed(1500, LessonMask::Causal);
  ASSERT_TRUE(result.pooled());
  const ResultMaps maps = buildResultMaps(result, {ColorMapName::Viridis, false});
  ASSERT_EQ(maps.heads.size(), 4u);
  const HeatmapData expected = pooledHeatmap(result, 2);
  EXPECT_EQ(maps.heads[2].data->values, expected.values);
  EXPECT_EQ(maps.heads[2].picture->cells.size, QSize(expected.pictureCols, expected.pictureRows));
  EXPECT_EQ(maps.average->data->values, pooledHeatmap(result, -1).values);
}

}  // namespace
}  // namespace attnscope
