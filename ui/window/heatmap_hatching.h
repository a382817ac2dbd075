#pragma once

#include <qcustomplot.h>

#include <QBrush>
#include <QColor>

namespace attnscope {

class HeatmapPlot;

// Blocked (masked) cells: a neutral grey under diagonal hatching, drawn on a layer below the
// colour map, which leaves blocked cells transparent. The map's own pixels thereby decide where a
// blocked cell ends, so the hatching meets the heat colours without a seam whatever the scaling.
// All visible blocked cells are drawn in one draw() call, one rectangle per run of blocked cells
// in a row: a 128 × 128 causal mask costs 128 rectangles, not an item per cell.
class BlockedCellHatching : public QCPLayerable {
  Q_OBJECT

 public:
  // Draws on `layer`, which must lie below the colour map's.
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
};

}  // namespace attnscope
