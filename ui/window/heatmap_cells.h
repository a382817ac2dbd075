#pragma once

#include <qcustomplot.h>

namespace attnscope {

class HeatmapPlot;

// The heat colours: the plot's picture (ui/model/cell_picture.h), made off the GUI thread, drawn
// over the matrix cells it covers, scaled without smoothing so that each drawn cell keeps crisp
// edges. Drawing an image costs the same at 16 cells or 16 million, which QCPColorMap's per-cell
// path did not: the GUI thread only places it.
class HeatmapCells : public QCPLayerable {
  Q_OBJECT

 public:
  // On the plot's current layer, above the hatching's.
  explicit HeatmapCells(HeatmapPlot* plot);

 protected:
  QRect clipRect() const override;
  void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
  void draw(QCPPainter* painter) override;

 private:
  HeatmapPlot* m_plot;
};

}  // namespace attnscope
