#pragma once

#include <QString>
#include <QStringList>
#include <cstddef>
#include <cstdint>
#include <vector>

// The matrix a heatmap shows, as plain values: built off the widgets (head maps, step contents,
// trace matrices) and drawn by the window's HeatmapPlot or a figure's QPainter tile.
namespace attnscope {

// One matrix to show: an attention head's weights, or its scores.
struct HeatmapData {
  int rows = 0, cols = 0;
  std::vector<float> values;          // row-major rows × cols, or the picture's cells
  std::vector<std::uint8_t> blocked;  // empty, or rows × cols with 1 = blocked cell (masked)
  QStringList rowLabels, colLabels;   // query tokens (down the left), key tokens (along the top)
  QString title;                      // e.g. "head 1"
  // Nonzero: `values` (and `blocked`, if not empty) is a picture of pictureRows × pictureCols
  // cells, each the mean over an even share of the rows × cols matrix (the streaming engine's).
  int pictureRows = 0, pictureCols = 0;

  bool isPicture() const { return pictureRows > 0 && pictureCols > 0; }
  std::size_t storedCells() const;
};

// The most cells a heatmap draws along each side. A larger matrix is drawn pooled: each drawn
// cell the mean over a block of cells (blocked only when the whole block is), until zooming in
// brings the cells in view down to this many, which are then drawn exactly.
inline constexpr int kMaxDrawnCells = 512;

}  // namespace attnscope
