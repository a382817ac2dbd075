#pragma once

#include <qcustomplot.h>

#include <QPoint>

namespace attnscope {

class HeatmapPlot;

// Draws over the mask grid, on a layer above everything else of its plot: thin lines between
// the cells, where they are big enough to tell apart, and an outline around the cell under the
// mouse, so a teacher sees which cell a click will change before clicking.
class MaskGridOverlay : public QCPLayerable {
  Q_OBJECT

 public:
  explicit MaskGridOverlay(HeatmapPlot* plot);

  // x = key column, y = query row, as HeatmapPlot's cells; (-1, -1) for none.
  void setHoveredCell(QPoint cell);
  QPoint hoveredCell() const { return m_hovered; }
  // Whether cells this many pixels wide get lines between them.
  static bool linesFit(double cellPixels) { return cellPixels >= kMinCellForLines; }

 protected:
  QRect clipRect() const override;
  void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
  void draw(QCPPainter* painter) override;

 private:
  static constexpr double kMinCellForLines = 5.0;

  HeatmapPlot* m_plot;
  QPoint m_hovered{-1, -1};
};

}  // namespace attnscope
