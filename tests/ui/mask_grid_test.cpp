// The mask grid as a teacher paints it (issue 19, point 12): it can start from the causal mask,
// parts its cells with lines and outlines the cell under the mouse.

#include <gtest/gtest.h>

#include <QPushButton>
#include <QTest>
#include <QUndoStack>

#include "tests/ui/window_test_support.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/mask_editor.h"
#include "ui/window/mask_grid_overlay.h"

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
