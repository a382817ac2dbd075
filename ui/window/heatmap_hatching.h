#pragma once

#include <qcustomplot.h>

#include <QBrush>
#include <QColor>
#include <QImage>
#include <QPoint>

namespace attnscope {

class HeatmapPlot;

// Blocked (masked) cells: a neutral grey under diagonal hatching, drawn before the cells'
// picture, which leaves blocked cells transparent. The picture's own pixels thereby decide where
// a blocked cell ends, so the hatching meets the heat colours without a seam whatever the
// scaling. All visible blocked cells are drawn in one draw() call, one rectangle per run of
// blocked drawn cells in a row (the picture's blockedRuns, found off the GUI thread): a
// 128 × 128 causal mask costs 128 rectangles, not an item per cell.
class BlockedCellHatching : public QCPLayerable {
  Q_OBJECT

 public:
  // Draws on `layer`, before the cells' picture (made after it on the same layer, or above).
  BlockedCellHatching(HeatmapPlot* plot, const QString& layer);

  void setColors(const QColor& fill, const QColor& hatch);

 protected:
  QRect clipRect() const override;
  void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
  void draw(QCPPainter* painter) override;

 private:
  HeatmapPlot* m_plot;
  QColor m_fill;
  QBrush m_hatch;
  QImage m_hatched;  // the map's area all hatched, at m_hatchedAt in the plot
  QPoint m_hatchedAt;
  bool m_hatchedDirty = true;
};

}  // namespace attnscope
