#include "ui/model/drawn_cells.h"

#include <algorithm>
#include <cstddef>

namespace attnscope {
namespace {

// The first matrix cell of drawn cell k of n over `length` cells from `first`.
int blockStart(int first, int length, int n, int k) {
  return first + int(std::int64_t(k) * length / n);
}

// One drawn cell per stored cell: the picture, or the region of a matrix drawn exactly.
void copyCells(const HeatmapData& data, DrawnCells& cells) {
  const int width = cells.size.width();
  for (int r = 0; r < cells.size.height(); ++r) {
    for (int c = 0; c < width; ++c) {
      const std::size_t stored =
          data.isPicture() ? std::size_t(r) * std::size_t(width) + std::size_t(c)
                           : std::size_t(cells.region.top() + r) * std::size_t(data.cols) +
                                 std::size_t(cells.region.left() + c);
      const std::size_t cell = std::size_t(r) * std::size_t(width) + std::size_t(c);
      cells.values[cell] = data.values[stored];
      cells.blocked[cell] = !data.blocked.empty() && data.blocked[stored];
    }
  }
}

// The mean over each block's unblocked cells. Column bounds are worked out once: a division per
// cell and row was most of the time.
void poolCells(const HeatmapData& data, DrawnCells& cells) {
  const QRect region = cells.region;
  const int width = cells.size.width(), height = cells.size.height();
  std::vector<int> colStart(std::size_t(width) + 1);
  for (int c = 0; c <= width; ++c)
    colStart[std::size_t(c)] = blockStart(region.left(), region.width(), width, c);
  std::vector<double> sums(static_cast<std::size_t>(width));
  std::vector<int> counts(static_cast<std::size_t>(width));
  for (int r = 0; r < height; ++r) {
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    const int rowEnd = blockStart(region.top(), region.height(), height, r + 1);
    for (int row = blockStart(region.top(), region.height(), height, r); row < rowEnd; ++row) {
      const std::size_t rowStart = std::size_t(row) * std::size_t(data.cols);
      const float* values = data.values.data() + rowStart;
      const std::uint8_t* blockedRow =
          data.blocked.empty() ? nullptr : data.blocked.data() + rowStart;
      for (int c = 0; c < width; ++c) {
        double sum = 0.0;
        int count = 0;
        for (int col = colStart[std::size_t(c)]; col < colStart[std::size_t(c) + 1]; ++col) {
          if (blockedRow && blockedRow[col]) continue;
          sum += values[col];
          ++count;
        }
        sums[std::size_t(c)] += sum;
        counts[std::size_t(c)] += count;
      }
    }
    for (int c = 0; c < width; ++c) {
      const std::size_t cell = std::size_t(r) * std::size_t(width) + std::size_t(c);
      const int count = counts[std::size_t(c)];
      cells.values[cell] = count ? float(sums[std::size_t(c)] / count) : 0.0f;
      cells.blocked[cell] = count == 0;
    }
  }
}

}  // namespace

DrawnCells drawnShape(const HeatmapData& data, QRect visible) {
  DrawnCells cells;
  const int rows = data.rows, cols = data.cols;
  if (rows <= 0 || cols <= 0 || data.values.empty()) return cells;
  const QRect whole(0, 0, cols, rows);
  cells.region = whole;
  cells.size = whole.size();
  if (data.isPicture()) {
    cells.size = QSize(data.pictureCols, data.pictureRows);
  } else if (rows > kMaxDrawnCells || cols > kMaxDrawnCells) {
    const QRect inView = visible.intersected(whole);
    if (!inView.isEmpty()) cells.region = inView;
    cells.size = QSize(std::min(cells.region.width(), kMaxDrawnCells),
                       std::min(cells.region.height(), kMaxDrawnCells));
  }
  return cells;
}

DrawnCells drawnCells(const HeatmapData& data, QRect visible) {
  DrawnCells cells = drawnShape(data, visible);
  if (cells.size.isEmpty()) return cells;
  const std::size_t count = std::size_t(cells.size.width()) * std::size_t(cells.size.height());
  cells.values.resize(count);
  cells.blocked.assign(count, 0);
  if (cells.pooled() && !data.isPicture()) {
    poolCells(data, cells);
  } else {
    copyCells(data, cells);
  }
  return cells;
}

QRect DrawnCells::block(int row, int col) const {
  const int width = size.width(), height = size.height();
  return QRect(QPoint(blockStart(region.left(), region.width(), width, col),
                      blockStart(region.top(), region.height(), height, row)),
               QPoint(blockStart(region.left(), region.width(), width, col + 1) - 1,
                      blockStart(region.top(), region.height(), height, row + 1) - 1));
}

}  // namespace attnscope
