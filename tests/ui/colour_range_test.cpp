// Colour scales that serve the lesson (issue 19, point 8): the automatic range is one range for
// the whole grid, printed on its colour bar; a new lesson starts on it, and on the fixed scale
// near-uniform random weights make the window suggest it instead of identical dark squares.

#include <gtest/gtest.h>

#include <QFrame>
#include <QPushButton>
#include <QTest>
#include <algorithm>
#include <cmath>

#include "tests/ui/window_test_support.h"
#include "ui/window/color_bar.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"

namespace attnscope {
namespace {

class ColourRangeTest : public testing::WindowTest {
 protected:
  void useFixedRange() {
    SessionView view = document()->view();
    view.automaticRange = false;
    document()->setView(view);
  }
  HeadsView* heads() const { return m_window->headsView(); }
  // The lowest and highest weight over every tile, blocked cells left out.
  std::pair<double, double> gridSpread() const {
    std::pair<double, double> spread(INFINITY, -INFINITY);
    for (HeatmapPlot* tile : heads()->tiles()) {
      const HeatmapData& data = tile->heatmap();
      for (std::size_t cell = 0; cell < data.values.size(); ++cell) {
        if (!data.blocked.empty() && data.blocked[cell]) continue;
        spread.first = std::min(spread.first, double(data.values[cell]));
        spread.second = std::max(spread.second, double(data.values[cell]));
      }
    }
    return spread;
  }
};

TEST_F(ColourRangeTest, RandomWeightsSuggestTheAutomaticRangeWhoseBarPrintsItsNumbers) {
  typeSentence(QStringLiteral("The animal didn't cross the street because it was too tired."));
  chooseHeads(8);
  EXPECT_TRUE(document()->view().automaticRange) << "a new lesson starts on it";
  useFixedRange();
  const auto [low, high] = gridSpread();
  ASSERT_LT(high - low, 0.4) << "random weights over random embeddings: close to 1/L each";
  ASSERT_TRUE(heads()->rangeSuggestion()->isVisibleTo(m_window.get()));
  EXPECT_EQ(heads()->colorBar()->low(), 0.0);
  EXPECT_EQ(heads()->colorBar()->high(), 1.0);

  QTest::mouseClick(heads()->stretchColoursButton(), Qt::LeftButton);
  EXPECT_TRUE(document()->view().automaticRange);
  EXPECT_FALSE(heads()->rangeSuggestion()->isVisibleTo(m_window.get()));
  // One range for all the tiles, so one bar with numbers reads every head.
  EXPECT_EQ(heads()->colorBar()->low(), low);
  EXPECT_EQ(heads()->colorBar()->high(), high);
  for (HeatmapPlot* tile : heads()->tiles()) {
    EXPECT_EQ(tile->valueRange().lower, low);
    EXPECT_EQ(tile->valueRange().upper, high);
  }
}

TEST_F(ColourRangeTest, NoSuggestionWhenTheWeightsAlreadySpanTheScale) {
  // Causal: the first query sees only itself, a weight of 1, and later rows spread out.
  typeSentence(QStringLiteral("The animal didn't cross the street because it was too tired."));
  useFixedRange();
  chooseMask(LessonMask::Causal);
  EXPECT_GT(gridSpread().second - gridSpread().first, 0.9);
  EXPECT_FALSE(heads()->rangeSuggestion()->isVisibleTo(m_window.get()));
}

TEST_F(ColourRangeTest, KeepingTheFixedScaleDismissesTheSuggestion) {
  typeSentence(QStringLiteral("The animal didn't cross the street because it was too tired."));
  useFixedRange();
  ASSERT_TRUE(heads()->rangeSuggestion()->isVisibleTo(m_window.get()));
  heads()->rangeSuggestion()->findChildren<QPushButton*>().back()->click();
  typeSentence(QStringLiteral("The animal didn't cross the street."));
  EXPECT_FALSE(heads()->rangeSuggestion()->isVisibleTo(m_window.get()));
  EXPECT_FALSE(document()->view().automaticRange);
}

}  // namespace
}  // namespace attnscope
