#include "ui/window/heatmap_cells.h"

#include "ui/window/heatmap_plot.h"

namespace attnscope {

HeatmapCells::HeatmapCells(HeatmapPlot* plot) : QCPLayerable(plot), m_plot(plot) {}

QRect HeatmapCells::clipRect() const { return m_plot->yAxis->axisRect()->rect(); }

void HeatmapCells::applyDefaultAntialiasingHint(QCPPainter* painter) const {
  painter->setAntialiasing(false);
}

void HeatmapCells::draw(QCPPainter* painter) {
  const CellPicture& picture = m_plot->picture();
  if (picture.image.isNull()) return;
  // Matrix cell i spans i ± 0.5 in axis coordinates; the picture covers its region's cells.
  const QRect region = picture.cells.region;
  const QRectF target(QPointF(m_plot->xAxis2->coordToPixel(region.left() - 0.5),
                              m_plot->yAxis->coordToPixel(region.top() - 0.5)),
                      QPointF(m_plot->xAxis2->coordToPixel(region.right() + 0.5),
                              m_plot->yAxis->coordToPixel(region.bottom() + 0.5)));
  painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter->drawImage(target.normalized(), picture.image);
}

}  // namespace attnscope
