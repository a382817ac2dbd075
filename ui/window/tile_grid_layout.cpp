#include "ui/window/tile_grid_layout.h"

#include <QWidget>
#include <algorithm>

#include "ui/window/heatmap_plot.h"

namespace attnscope {
namespace {

// A map smaller than this shows too little: the grid scrolls instead.
constexpr int kSmallestMap = 110;

}  // namespace

TileGridLayout::TileGridLayout(QWidget* parent) : QLayout(parent) {}

TileGridLayout::~TileGridLayout() { qDeleteAll(m_items); }

void TileGridLayout::setTiles(const QList<HeatmapPlot*>& tiles, int columns) {
  qDeleteAll(m_items);
  m_items.clear();
  m_tiles = tiles;
  m_columns = std::max(1, columns);
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

int TileGridLayout::rows() const { return int((m_tiles.size() + m_columns - 1) / m_columns); }

TileGridLayout::Placement TileGridLayout::place(QSize size) const {
  Placement placement;
  if (m_tiles.isEmpty()) return placement;
  HeatmapPlot* corner = m_tiles.front();
  const int columns = std::min(m_columns, int(m_tiles.size())), rows = this->rows();
  const int gap = spacing();
  // The labels' room depends on the map (smaller cells, smaller labels) and the map on the room:
  // a few rounds settle it. The last room is measured at a map no smaller than the one placed,
  // so the labels drawn at the placed size fit in it.
  const auto mapFor = [&](const Placement& p) {
    const int width = (size.width() - p.outer.left() - p.inner.right() -
                       (columns - 1) * (p.inner.left() + p.inner.right() + gap)) /
                      columns;
    const int height = (size.height() - p.outer.top() - p.inner.bottom() -
                        (rows - 1) * (p.inner.top() + p.inner.bottom() + gap)) /
                       rows;
    return QSize(std::max(width, kSmallestMap), std::max(height, kSmallestMap));
  };
  QSize map(std::max(size.width() / columns, kSmallestMap),
            std::max(size.height() / rows, kSmallestMap));
  for (int round = 0; round < 3; ++round) {
    placement.outer = corner->roomAroundMap(map, true, true);
    placement.inner = corner->roomAroundMap(map, false, false);
    const QSize next = mapFor(placement);
    placement.map = round < 2 ? next : next.boundedTo(map);
    map = placement.map;
  }
  return placement;
}

QSize TileGridLayout::totalSize(const Placement& placement) const {
  if (m_tiles.isEmpty()) return {0, 0};
  const int columns = std::min(m_columns, int(m_tiles.size())), rows = this->rows();
  const QMargins outer = placement.outer, inner = placement.inner;
  const int gap = spacing();
  return {outer.left() + inner.right() + placement.map.width() * columns +
              (columns - 1) * (inner.left() + inner.right() + gap),
          outer.top() + inner.bottom() + placement.map.height() * rows +
              (rows - 1) * (inner.top() + inner.bottom() + gap)};
}

QSize TileGridLayout::minimumSize() const { return totalSize(place(QSize(0, 0))); }

QSize TileGridLayout::sizeHint() const { return minimumSize(); }

void TileGridLayout::setGeometry(const QRect& rect) {
  QLayout::setGeometry(rect);
  if (m_tiles.isEmpty()) return;
  const Placement placement = place(rect.size());
  const QMargins outer = placement.outer, inner = placement.inner;
  const QSize map = placement.map;
  const int gap = spacing();
  int y = rect.top();
  for (int row = 0; row < rows(); ++row) {
    const int top = row == 0 ? outer.top() : inner.top();
    const int height = top + map.height() + inner.bottom();
    int x = rect.left();
    for (int column = 0; column < m_columns; ++column) {
      const int index = row * m_columns + column;
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
