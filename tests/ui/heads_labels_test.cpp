// Issue 19: the heads' token labels at the window's default size, as a class sees them: every
// row and column keeps its label (up to 24 tokens a side in a grid of 8 heads), labels on the
// grid's outer edge only, whole and not overlapping, in normal and in presentation mode.
#include <gtest/gtest.h>

#include <QDockWidget>
#include <QFontMetricsF>
#include <QTest>

#include "tests/ui/window_test_support.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"

namespace attnscope {
namespace {

const QString kTwelveTokens =
    QStringLiteral("The animal didn't cross the street because it was too tired.");
const QString kTwentyFourTokens = QStringLiteral(
    "The animal didn't cross the street because it was too tired, so it lay down and slept "
    "until the warm sun rose.");

class HeadsLabelsTest : public testing::WindowTest {
 protected:
  // The window at the size the issue names, laid out and painted.
  void showAt(QSize size) {
    m_window->resize(size);
    for (int i = 0; i < 3; ++i) {
      QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
      for (HeatmapPlot* tile : m_window->headsView()->tiles()) tile->replot();
    }
  }

  // Every tile: labels on the outer edge only, each one the token itself (whole), one per cell,
  // no taller than its cell and inside the tile.
  void expectEveryTokenLabelled(int tokens) {
    const QList<HeatmapPlot*> tiles = m_window->headsView()->tiles();
    ASSERT_EQ(tiles.size(), 8);
    const QStringList expected = tiles.front()->heatmap().rowLabels;
    ASSERT_EQ(expected.size(), tokens);
    int labelledRows = 0, labelledCols = 0;
    for (int t = 0; t < tiles.size(); ++t) {
      HeatmapPlot* tile = tiles[t];
      const QRect firstCell = tile->cellRect(0, 0);
      // Pixels per cell across and down (drawn cells differ by a pixel's rounding).
      const QRect map = tile->blockRect(QRect(0, 0, tokens, tokens));
      const double colPitch = double(map.width()) / tokens,
                   rowPitch = double(map.height()) / tokens;
      const QStringList rows = tile->shownRowLabels(), cols = tile->shownColLabels();
      // A tile labels its rows when no tile lies left of it, its columns when none lies above.
      const bool leftEdge = firstCell.left() + tile->x() < tiles.front()->cellRect(0, 0).right();
      const bool topEdge = tile->y() == tiles.front()->y();
      SCOPED_TRACE(QStringLiteral("tile %1").arg(t).toStdString());
      EXPECT_EQ(!rows.isEmpty(), leftEdge);
      EXPECT_EQ(!cols.isEmpty(), topEdge);
      if (!rows.isEmpty()) {
        EXPECT_EQ(rows.join(' ').toStdString(), expected.join(' ').toStdString());
        ++labelledRows;
        const QFontMetricsF metrics(tile->yAxis->tickLabelFont());
        EXPECT_LE(metrics.height(), rowPitch) << "rows overlap";
        for (const QString& label : rows)
          EXPECT_LE(metrics.horizontalAdvance(label), firstCell.left()) << label.toStdString();
      }
      if (!cols.isEmpty()) {
        EXPECT_EQ(cols.join(' ').toStdString(), expected.join(' ').toStdString());
        ++labelledCols;
        const QFontMetricsF metrics(tile->xAxis2->tickLabelFont());
        const bool upright = tile->xAxis2->tickLabelRotation() != 0;
        double widest = 0;
        for (const QString& label : cols)
          widest = std::max(widest, metrics.horizontalAdvance(label));
        EXPECT_LE(upright ? metrics.height() : widest, colPitch) << "keys overlap";
        EXPECT_LE(upright ? widest : metrics.height(), firstCell.top());
      }
      // Same-sized maps, so that each lines up with the labels of its row and column.
      EXPECT_EQ(firstCell.size(), tiles.front()->cellRect(0, 0).size());
    }
    EXPECT_GE(labelledRows, 2);  // a labelled tile on each row of tiles
    EXPECT_GE(labelledCols, 2);
  }
};

TEST_F(HeadsLabelsTest, TwelveTokensKeepEveryLabelAt1280x860) {
  typeSentence(kTwelveTokens);
  showAt({1280, 860});
  expectEveryTokenLabelled(12);
  // The row the lesson is about.
  EXPECT_EQ(m_window->headsView()->tiles().front()->shownRowLabels().at(7), "it");
}

TEST_F(HeadsLabelsTest, TwentyFourTokensKeepEveryLabelAt1280x860) {
  typeSentence(kTwentyFourTokens);
  showAt({1280, 860});
  expectEveryTokenLabelled(24);
}

TEST_F(HeadsLabelsTest, PresentationModeKeepsEveryLabel) {
  typeSentence(kTwelveTokens);
  m_window->setPresentationMode(true);
  showAt({1280, 860});
  expectEveryTokenLabelled(12);
  typeSentence(kTwentyFourTokens);
  showAt({1280, 860});
  expectEveryTokenLabelled(24);
  m_window->setPresentationMode(false);
}

TEST_F(HeadsLabelsTest, ChineseLabelsAreTheSizeOfEnglishOnes) {
  typeSentence(kTwelveTokens);
  showAt({1280, 860});
  const QFont english = m_window->headsView()->tiles().front()->yAxis->tickLabelFont();
  typeSentence(QStringLiteral("动物没过马路因为它太累了"));
  showAt({1280, 860});
  // Cut into words (动物 / 没 / 过 / 马路 …), as the window does by default.
  expectEveryTokenLabelled(int(document()->result()->queryTokens.size()));
  HeatmapPlot* tile = m_window->headsView()->tiles().front();
  EXPECT_EQ(tile->yAxis->tickLabelFont(), english);
  EXPECT_EQ(tile->xAxis2->tickLabelFont(), english);
}

TEST_F(HeadsLabelsTest, GridTilesShareTheirLabelsSoTheMapsGrow) {
  typeSentence(kTwelveTokens);
  showAt({1280, 860});
  const QList<HeatmapPlot*> tiles = m_window->headsView()->tiles();
  // An inner tile spends almost nothing on labels: its map fills it but for a small frame.
  HeatmapPlot* inner = tiles.back();
  const QRect map = inner->cellRect(0, 0).united(inner->cellRect(11, 11));
  EXPECT_TRUE(inner->shownRowLabels().isEmpty());
  EXPECT_GE(map.width(), inner->width() - 12);
  EXPECT_EQ(tiles.front()->yAxis->label(), "queries");
  EXPECT_EQ(tiles.front()->xAxis2->label(), "keys");
  EXPECT_TRUE(inner->yAxis->label().isEmpty());
}

}  // namespace
}  // namespace attnscope
