#pragma once

#include <QImage>
#include <QRect>
#include <QRgb>
#include <array>
#include <utility>
#include <vector>

#include "ui/model/color_map.h"
#include "ui/model/drawn_cells.h"

// A heatmap's drawn cells as a ready-made image, one pixel per drawn cell: what a worker thread
// builds so that the GUI thread only places it, scaled without smoothing, inside the plot.
namespace attnscope {

// A colour map sampled at kLevels evenly spaced levels over [low, high], as a plot's colour
// gradient is: a value takes the colour of the nearest level, clamped at both ends (NaN: the low
// end). 512 levels are finer steps than a display shows.
class ColorLookup {
 public:
  static constexpr int kLevels = 512;
  ColorLookup(ColorMapName map, double low, double high);
  QRgb operator()(float value) const;

 private:
  std::array<QRgb, kLevels> m_levels;
  double m_low, m_levelsPerUnit;
};

struct CellPicture {
  DrawnCells cells;
  // cells.size pixels, premultiplied ARGB: each cell's colour, transparent where blocked so the
  // hatching beneath shows. Null when there are no cells.
  QImage image;
  // Runs of blocked drawn cells along each drawn row, as the matrix cells they cover (x = column,
  // y = row): the hatching draws one rectangle each.
  std::vector<QRect> blockedRuns;
  ColorMapName map = ColorMapName::Viridis;
  std::pair<double, double> range{0.0, 1.0};  // the values at the map's two ends
};

// Colours `cells` with `map` over `range`. Safe on any thread.
CellPicture paintCells(DrawnCells cells, ColorMapName map, std::pair<double, double> range);

}  // namespace attnscope
