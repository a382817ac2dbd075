#include "ui/model/heatmap_data.h"

#include <algorithm>

namespace attnscope {

std::size_t HeatmapData::storedCells() const {
  if (isPicture()) return std::size_t(pictureRows) * std::size_t(pictureCols);
  return std::size_t(std::max(rows, 0)) * std::size_t(std::max(cols, 0));
}

}  // namespace attnscope
