// The mask as a teacher paints it (issue 19, point 12): the grid can start from the causal or a
// padding mask, parts its cells with lines and outlines the cell under the mouse; an opened
// head's own map can be painted on.

#include <gtest/gtest.h>

#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

#include "tests/ui/window_test_support.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/mask_editor.h"
#include "ui/window/mask_grid_overlay.h"
#include "ui/window/mask_strokes.h"

namespace attnscope {
namespace {

class MaskGridTest : public testing::WindowTest {
 protected:
  std::vector<float> firstHeadWeights() const {
    return m_window->headsView()->tiles().front()->heatmap().values;
  }
  MaskEditor* editor() const { return m_window->controls()->maskEditor(); }
};

TEST_F(MaskGridTest, StartsFromTheCausalMaskAndComputesWhatCausalDoes) {
  typeSentence(QStringLiteral("the cat sat down"));
  chooseMask(LessonMask::Causal);
  const std::vector<float> causal = firstHeadWeights();

  chooseMask(LessonMask::Custom);
  emit editor()->plot()->cellPressed(0, 0);  // something painted first, replaced by the start
  QPushButton* start = m_window->controls()->startFromCausalButton();
  ASSERT_TRUE(start->isVisibleTo(m_window.get()));
  QTest::mouseClick(start, Qt::LeftButton);
  settle();
  const std::set<std::pair<int, int>> expected = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
  EXPECT_EQ(document()->parameters().blockedCells, expected);
  EXPECT_EQ(firstHeadWeights(), causal) << "the same cells blocked give the same weights";

  document()->undoStack()->undo();  // one step back to the painted cell
  settle();
  EXPECT_EQ(document()->parameters().blockedCells, (std::set<std::pair<int, int>>{{0, 0}}));
  EXPECT_EQ(causalBlockedCells(2, 4).size(), 5u) << "fewer queries than keys: 3 + 2 blocked";
}

TEST_F(MaskGridTest, StartsFromPaddingBlockingTheLastTokensForEveryQuery) {
  typeSentence(QStringLiteral("the cat sat down"));
  chooseMask(LessonMask::Custom);
  m_window->controls()->paddingKeysBox()->setValue(2);
  QPushButton* start = m_window->controls()->startFromPaddingButton();
  ASSERT_TRUE(start->isVisibleTo(m_window.get()));
  QTest::mouseClick(start, Qt::LeftButton);
  settle();
  const std::set<std::pair<int, int>> expected = {{0, 2}, {0, 3}, {1, 2}, {1, 3},
                                                  {2, 2}, {2, 3}, {3, 2}, {3, 3}};
  EXPECT_EQ(document()->parameters().blockedCells, expected);
  const std::vector<float> weights = firstHeadWeights();
  for (int query = 0; query < 4; ++query) {
    EXPECT_EQ(weights[std::size_t(query) * 4 + 2], 0.0f) << "exp(−1e9 − max) is 0: " << query;
    EXPECT_NEAR(weights[std::size_t(query) * 4] + weights[std::size_t(query) * 4 + 1], 1.0f, 1e-6f)
        << "the two real tokens share the whole row";
  }

  // Asking for every key leaves one visible: a row with nothing to see teaches nothing.
  m_window->controls()->paddingKeysBox()->setValue(9);
  QTest::mouseClick(start, Qt::LeftButton);
  settle();
  EXPECT_EQ(document()->parameters().blockedCells, paddingBlockedCells(4, 4, 3));
  EXPECT_EQ(paddingBlockedCells(2, 5, 1).size(), 2u) << "one column of two queries";
}

TEST_F(MaskGridTest, PaintsTheMaskStraightOnAnOpenedHead) {
  typeSentence(QStringLiteral("the cat sat down"));
  chooseMask(LessonMask::Causal);
  SessionView view = document()->view();
  view.focusedHead = 0;
  document()->setView(view);
  HeadsView* heads = m_window->headsView();
  ASSERT_TRUE(heads->showsLargeHead());
  HeatmapPlot* large = heads->largePlot();
  const std::vector<float> causal = large->heatmap().values;

  // Emitted as the plot does, so nothing paints while the toggle is off.
  emit large->cellPressed(3, 0);
  EXPECT_EQ(document()->parameters().mask, LessonMask::Causal);

  QTest::mouseClick(heads->paintMaskButton(), Qt::LeftButton);
  settle();
  EXPECT_EQ(document()->parameters().mask, LessonMask::Custom);
  EXPECT_EQ(document()->parameters().blockedCells, causalBlockedCells(4, 4))
      << "painting starts from the cells the causal mask blocked";
  EXPECT_EQ(large->heatmap().values, causal) << "so the picture does not jump";
  EXPECT_FALSE(large->interactions().testFlag(QCP::iRangeDrag)) << "a drag paints, not pans";

  // One stroke over "down"'s row from "the" to "sat": "down" then sees only itself.
  emit large->cellPressed(3, 0);
  emit large->cellDragged(3, 2);
  settle();
  EXPECT_NEAR(large->heatmap().values[3 * 4 + 3], 1.0f, 1e-6f);
  document()->undoStack()->undo();  // the whole stroke is one step
  settle();
  EXPECT_EQ(document()->parameters().blockedCells, causalBlockedCells(4, 4));

  chooseMask(LessonMask::None);  // another mask chosen ends the painting
  EXPECT_FALSE(heads->paintMaskButton()->isChecked());
  EXPECT_TRUE(large->interactions().testFlag(QCP::iRangeDrag));
}

TEST_F(MaskGridTest, LinesPartTheCellsAndTheHoveredCellIsOutlined) {
  typeSentence(QStringLiteral("the cat sat down"));
  chooseMask(LessonMask::Custom);
  HeatmapPlot* plot = editor()->plot();
  plot->replot();
  const QRect cell = plot->cellRect(1, 2);  // query "cat", key "sat"
  ASSERT_TRUE(MaskGridOverlay::linesFit(cell.width()));

  QTest::mouseMove(plot, cell.center());
  QCoreApplication::processEvents();
  EXPECT_EQ(editor()->gridOverlay()->hoveredCell(), QPoint(2, 1));

  // All cells are allowed, so one colour: a line shows as a different pixel on the edges.
  plot->replot();
  const QImage image = plot->grab().toImage();
  const double ratio = plot->devicePixelRatioF();
  const auto pixel = [&](QPoint p) { return image.pixelColor((QPointF(p) * ratio).toPoint()); };
  const QRect other = plot->cellRect(2, 0);  // not hovered
  EXPECT_NE(pixel(other.topLeft() + QPoint(other.width() / 2, 0)), pixel(other.center()))
      << "a line between rows";
  EXPECT_NE(pixel(cell.topLeft() + QPoint(1, cell.height() / 2)), pixel(other.center()))
      << "the hovered cell's outline";
}

}  // namespace
}  // namespace attnscope
