#include "ui/window/tile_grid_layout.h"

#include <QWidget>
#include <algorithm>
#include <cmath>

#include "ui/window/heatmap_plot.h"

namespace attnscope {
namespace {

// A map smaller than this shows too little: the grid scrolls instead.
constexpr int kSmallestMap = 110;

}  // namespace

TileGridLayout::TileGridLayout(QWidget* parent) : QLayout(parent) {}

TileGridLayout::~TileGridLayout() { qDeleteAll(m_items); }

void TileGridLayout::setTiles(const QList<HeatmapPlot*>& tiles, int columns) {
  // The same tiles again (a live update): nothing to lay out anew. A tile whose labels changed
  // asks for room itself (HeatmapPlot::setHeatmap calls updateGeometry).
  if (tiles == m_tiles && std::max(0, columns) == m_columns) return;
  qDeleteAll(m_items);
  m_items.clear();
  m_tiles = tiles;
  m_columns = std::max(0, columns);
  for (HeatmapPlot* tile : tiles) {
    addChildWidget(tile);
    m_items.append(new QWidgetItem(tile));
  }
  invalidate();
}

void TileGridLayout::addItem(QLayoutItem* item) { m_items.append(item); }

QLayoutItem* TileGridLayout::itemAt(int index) const { return m_items.value(index); }

QLayoutItem* TileGridLayout::takeAt(int index) {
  if (index < 0 || index >= m_items.size()) return nullptr;
  // Items and tiles share their indices (a tile being deleted is no longer a HeatmapPlot).
  if (index < m_tiles.size()) m_tiles.removeAt(index);
  return m_items.takeAt(index);
}

int TileGridLayout::count() const { return int(m_items.size()); }

TileGridLayout::Placement TileGridLayout::place(QSize size) const {
  const int tiles = int(m_tiles.size());
  if (m_columns > 0 || tiles <= 1) return placeInColumns(size, m_columns > 0 ? m_columns : 1);
  // Near the square grid (16 heads as 4 × 4), the columns whose cells are largest: a wide
  // window, as at a projector, takes 8 heads in 4 × 2 rather than 3 × 3 with one row short.
  const HeatmapData& data = m_tiles.front()->heatmap();
  const int square = int(std::ceil(std::sqrt(double(tiles))));
  Placement best;
  double bestCell = -1;
  for (int columns = std::max(1, square - 1); columns <= std::min(tiles, square + 2); ++columns) {
    const Placement placement = placeInColumns(size, columns);
    const double cell = std::min(double(placement.map.width()) / std::max(data.cols, 1),
                                 double(placement.map.height()) / std::max(data.rows, 1));
    if (cell > bestCell) {
      best = placement;
      bestCell = cell;
    }
  }
  return best;
}

TileGridLayout::Placement TileGridLayout::placeInColumns(QSize size, int columns) const {
  Placement placement;
  if (m_tiles.isEmpty()) return placement;
  HeatmapPlot* corner = m_tiles.front();
  const int tiles = int(m_tiles.size());
  placement.columns = std::min(columns, tiles);
  placement.rows = (tiles + placement.columns - 1) / placement.columns;
  const int gap = spacing();
  // The labels' room depends on the map (smaller cells, smaller labels) and the map on the room:
  // a few rounds settle it. The last room is measured at a map no smaller than the one placed,
  // so the labels drawn at the placed size fit in it.
  const auto mapFor = [&](const Placement& p) {
    const int width = (size.width() - p.outer.left() - p.inner.right() -
                       (p.columns - 1) * (p.inner.left() + p.inner.right() + gap)) /
                      p.columns;
    const int height = (size.height() - p.outer.top() - p.inner.bottom() -
                        (p.rows - 1) * (p.inner.top() + p.inner.bottom() + gap)) /
                       p.rows;
    return QSize(std::max(width, kSmallestMap), std::max(height, kSmallestMap));
  };
  QSize map(std::max(size.width() / placement.columns, kSmallestMap),
            std::max(size.height() / placement.rows, kSmallestMap));
  for (int round = 0; round < 3; ++round) {
    placement.outer = corner->roomAroundMap(map, true, true);
    placement.inner = corner->roomAroundMap(map, false, false);
    const QSize next = mapFor(placement);
    placement.map = round < 2 ? next : next.boundedTo(map);
    map = placement.map;
  }
  return placement;
}

QSize TileGridLayout::totalSize(const Placement& placement, int gap) {
  const QMargins outer = placement.outer, inner = placement.inner;
  return {outer.left() + inner.right() + placement.map.width() * placement.columns +
              (placement.columns - 1) * (inner.left() + inner.right() + gap),
          outer.top() + inner.bottom() + placement.map.height() * placement.rows +
              (placement.rows - 1) * (inner.top() + inner.bottom() + gap)};
}

QSize TileGridLayout::minimumSize() const {
  if (m_tiles.isEmpty()) return {0, 0};
  // The smallest maps in the layout's own columns, or in the nearly square grid.
  const int columns = m_columns > 0 ? m_columns : int(std::ceil(std::sqrt(double(m_tiles.size()))));
  return totalSize(placeInColumns(QSize(0, 0), columns), spacing());
}

QSize TileGridLayout::sizeHint() const { return minimumSize(); }

void TileGridLayout::setGeometry(const QRect& rect) {
  QLayout::setGeometry(rect);
  if (m_tiles.isEmpty()) return;
  const Placement placement = place(rect.size());
  m_placedColumns = placement.columns;
  const QMargins outer = placement.outer, inner = placement.inner;
  const QSize map = placement.map;
  const int gap = spacing();
  int y = rect.top();
  for (int row = 0; row < placement.rows; ++row) {
    const int top = row == 0 ? outer.top() : inner.top();
    const int height = top + map.height() + inner.bottom();
    int x = rect.left();
    for (int column = 0; column < placement.columns; ++column) {
      const int index = row * placement.columns + column;
      if (index >= m_tiles.size()) break;
      const int left = column == 0 ? outer.left() : inner.left();
      const int width = left + map.width() + inner.right();
      HeatmapPlot* tile = m_tiles[index];
      tile->setLabelledEdges(column == 0, row == 0);
      tile->setRoomAroundMap(QMargins(left, top, inner.right(), inner.bottom()));
      tile->setGeometry(x, y, width, height);
      x += width + gap;
    }
    y += height + gap;
  }
}

}  // namespace attnscope
