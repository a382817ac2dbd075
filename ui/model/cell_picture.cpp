#include "ui/model/cell_picture.h"

#include <algorithm>
#include <cmath>
#include <new>

namespace attnscope {

ColorLookup::ColorLookup(ColorMapName map, double low, double high)
    : m_low(low), m_levelsPerUnit((kLevels - 1) / (high - low)) {
  for (int level = 0; level < kLevels; ++level) {
    m_levels[std::size_t(level)] = colorAt(map, double(level) / (kLevels - 1)).rgba();
  }
}

QRgb ColorLookup::operator()(float value) const {
  // Level k holds fraction k / (kLevels − 1) of the range; a value takes the nearest one.
  const double level = (double(value) - m_low) * m_levelsPerUnit + 0.5;
  if (!(level > 0)) return m_levels.front();  // below the range, or NaN
  return m_levels[std::size_t(std::min(level, double(kLevels - 1)))];
}

namespace {

// One rectangle per run of blocked drawn cells in a drawn row, in matrix cells.
std::vector<QRect> blockedRuns(const DrawnCells& cells) {
  std::vector<QRect> runs;
  const int width = cells.size.width();
  for (int row = 0; row < cells.size.height(); ++row) {
    const std::uint8_t* blocked = cells.blocked.data() + std::size_t(row) * std::size_t(width);
    for (int col = 0; col < width; ++col) {
      if (!blocked[col]) continue;
      const int first = col;
      while (col + 1 < width && blocked[col + 1]) ++col;
      runs.push_back(cells.block(row, first).united(cells.block(row, col)));
    }
  }
  return runs;
}

}  // namespace

CellPicture paintCells(DrawnCells cells, ColorMapName map, std::pair<double, double> range) {
  CellPicture picture;
  picture.map = map;
  picture.range = range;
  if (!cells.size.isEmpty()) {
    picture.image = QImage(cells.size, QImage::Format_ARGB32_Premultiplied);
    if (picture.image.isNull()) throw std::bad_alloc();  // Qt's answer when memory runs out
    const ColorLookup color(map, range.first, range.second);
    const int width = cells.size.width();
    for (int row = 0; row < cells.size.height(); ++row) {
      auto* line = reinterpret_cast<QRgb*>(picture.image.scanLine(row));
      const std::size_t first = std::size_t(row) * std::size_t(width);
      for (int col = 0; col < width; ++col) {
        line[col] = cells.blocked[first + std::size_t(col)] ? 0 : color(cells.values[first + col]);
      }
    }
    picture.blockedRuns = blockedRuns(cells);
  }
  picture.cells = std::move(cells);
  return picture;
}

}  // namespace attnscope
