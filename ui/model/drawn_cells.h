#pragma once

#include <QRect>
#include <QSize>
#include <cstdint>
#include <vector>

#include "ui/model/heatmap_data.h"

// Which cells a heatmap draws of its matrix, and their values: every cell while a side has at
// most kMaxDrawnCells, else the cells in view pooled down to that many. Plain values, so a
// worker thread can build them and a test can check them without a widget.
namespace attnscope {

struct DrawnCells {
  QRect region;  // the matrix cells covered (x = column, y = row)
  QSize size;    // the cells drawn across and down: region's size when exact, fewer when pooled
  std::vector<float> values;          // size.height() × size.width(), row-major
  std::vector<std::uint8_t> blocked;  // the same shape; 1 = every cell beneath it is blocked

  // Each drawn cell stands for a block of matrix cells (or the data is a picture).
  bool pooled() const { return size != region.size(); }
  // The matrix cells drawn cell (row, col) covers (x = column, y = row).
  QRect block(int row, int col) const;
};

// The cells to draw of `data` when the cells `visible` are in view (an empty rectangle: all).
// A picture is drawn whole; a matrix with at most kMaxDrawnCells a side, every cell; a larger
// one, the visible cells, pooled until at most kMaxDrawnCells a side remain. Drawn cell k of n
// over `length` matrix cells from `first` covers [first + ⌊k·length/n⌋, first + ⌊(k+1)·length/n⌋);
// its value is the mean over the block's unblocked cells, and it is blocked only when all of its
// cells are. Empty when the data holds no cells.
DrawnCells drawnCells(const HeatmapData& data, QRect visible);
// The region and size drawnCells would choose, without the values: whether a view that moved
// needs its cells pooled again.
DrawnCells drawnShape(const HeatmapData& data, QRect visible);

}  // namespace attnscope
