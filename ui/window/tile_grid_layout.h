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

  // The tiles, in rows of `columns`, or for 0 of as many as give the largest cells in the room
  // there is (a wide window takes more columns); the layout does not own them.
  void setTiles(const QList<HeatmapPlot*>& tiles, int columns = 0);
  // The columns of the last placement.
  int columns() const { return m_placedColumns; }

  void addItem(QLayoutItem* item) override;
  QLayoutItem* itemAt(int index) const override;
  QLayoutItem* takeAt(int index) override;
  int count() const override;
  QSize sizeHint() const override;
  QSize minimumSize() const override;
  void setGeometry(const QRect& rect) override;

 private:
  struct Placement {
    int columns = 1, rows = 1;
    QSize map;
    QMargins outer, inner;  // around the corner tile's map, and around a map with no labels
  };
  // Equal maps as large as `size` allows (at least the smallest readable map) in rows of
  // `columns`; with m_columns 0, of the columns that give the largest cells.
  Placement place(QSize size) const;
  Placement placeInColumns(QSize size, int columns) const;
  static QSize totalSize(const Placement& placement, int gap);

  QList<QLayoutItem*> m_items;
  QList<HeatmapPlot*> m_tiles;
  int m_columns = 0;
  int m_placedColumns = 1;
};

}  // namespace attnscope
