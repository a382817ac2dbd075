#include "ui/model/drawn_cells.h"

#include <gtest/gtest.h>

#include <numeric>

namespace attnscope {
namespace {

// A rows × cols matrix whose cell (r, c) holds r·cols + c.
HeatmapData counting(int rows, int cols) {
  HeatmapData data;
  data.rows = rows;
  data.cols = cols;
  data.values.resize(std::size_t(rows) * std::size_t(cols));
  std::iota(data.values.begin(), data.values.end(), 0.0f);
  return data;
}

TEST(DrawnCells, AMatrixThatFitsIsDrawnCellForCell) {
  HeatmapData data = counting(3, 4);
  data.blocked.assign(12, 0);
  data.blocked[5] = 1;
  const DrawnCells cells = drawnCells(data, QRect(1, 1, 1, 1));  // the view does not matter
  EXPECT_FALSE(cells.pooled());
  EXPECT_EQ(cells.region, QRect(0, 0, 4, 3));
  EXPECT_EQ(cells.values, data.values);
  EXPECT_EQ(cells.blocked, data.blocked);
}

TEST(DrawnCells, ALargeMatrixIsPooledToTheMeanOfItsUnblockedCells) {
  const int side = 2 * kMaxDrawnCells;
  HeatmapData data = counting(side, side);
  data.blocked.assign(data.values.size(), 0);
  // Block the whole first 2 × 2 block, and one cell of the block to its right.
  for (const int cell : {0, 1, side, side + 1, 3}) data.blocked[std::size_t(cell)] = 1;
  const DrawnCells cells = drawnCells(data, QRect());
  ASSERT_TRUE(cells.pooled());
  EXPECT_EQ(cells.size, QSize(kMaxDrawnCells, kMaxDrawnCells));
  EXPECT_EQ(cells.blocked[0], 1);
  EXPECT_EQ(cells.values[0], 0.0f);
  // Block (0, 1) holds cells 2, 3, side + 2, side + 3; cell 3 is blocked.
  EXPECT_EQ(cells.blocked[1], 0);
  EXPECT_FLOAT_EQ(cells.values[1], float((2.0 + side + 2 + side + 3) / 3.0));
  // An unblocked block: the plain mean of its four cells.
  const std::size_t last = cells.values.size() - 1;
  const double corner = double(side - 1) * side + side - 1;
  EXPECT_FLOAT_EQ(cells.values[last], float(corner - (side + 1) / 2.0));
}

TEST(DrawnCells, ZoomingInDrawsTheCellsInViewExactly) {
  const int side = 3 * kMaxDrawnCells;
  const HeatmapData data = counting(side, side);
  const QRect view(100, 200, 40, 30);
  const DrawnCells cells = drawnCells(data, view);
  EXPECT_FALSE(cells.pooled());
  EXPECT_EQ(cells.region, view);
  EXPECT_EQ(cells.values.front(), float(200 * side + 100));
  EXPECT_EQ(cells.values.back(), float(229 * side + 139));
}

TEST(DrawnCells, APictureIsDrawnWhole) {
  HeatmapData data;
  data.rows = data.cols = 5000;
  data.pictureRows = 2;
  data.pictureCols = 3;
  data.values = {1, 2, 3, 4, 5, 6};
  const DrawnCells cells = drawnCells(data, QRect(0, 0, 10, 10));
  EXPECT_TRUE(cells.pooled());
  EXPECT_EQ(cells.region, QRect(0, 0, 5000, 5000));
  EXPECT_EQ(cells.size, QSize(3, 2));
  EXPECT_EQ(cells.values, data.values);
}

TEST(DrawnCells, NothingToDrawIsEmpty) {
  EXPECT_TRUE(drawnCells(HeatmapData{}, QRect()).values.empty());
}

}  // namespace
}  // namespace attnscope
