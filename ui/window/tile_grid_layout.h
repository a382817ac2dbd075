#pragma once

#include <QLayout>
#include <QList>

namespace attnscope {

class HeatmapPlot;

// Tiles of equal maps in rows that share their labels: only the left column labels its rows
// and only the top row its columns, and those tiles are larger by exactly their labels' room,
// so every map has the same size and lines up with the labels of its row and its column. The
// room comes from the first tile, whose tokens all tiles show.
class TileGridLayout : public QLayout {
 public:
  explicit TileGridLayout(QWidget* parent = nullptr);
  ~TileGridLayout() override;

  // The tiles, in rows of `columns`; the layout does not own them.
  void setTiles(const QList<HeatmapPlot*>& tiles, int columns);

  void addItem(QLayoutItem* item) override;
  QLayoutItem* itemAt(int index) const override;
  QLayoutItem* takeAt(int index) override;
  int count() const override;
  QSize sizeHint() const override;
  QSize minimumSize() const override;
  void setGeometry(const QRect& rect) override;

 private:
  struct Placement {
    QSize map;
    QMargins outer, inner;  // around the corner tile's map, and around a map with no labels
  };
  // Equal maps as large as `size` allows (at least the smallest readable map).
  Placement place(QSize size) const;
  QSize totalSize(const Placement& placement) const;
  int rows() const;

  QList<QLayoutItem*> m_items;
  QList<HeatmapPlot*> m_tiles;
  int m_columns = 1;
};

}  // namespace attnscope
