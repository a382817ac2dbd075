#include "ui/window/heatmap_hatching.h"

#include "ui/window/heatmap_plot.h"

namespace attnscope {

BlockedCellHatching::BlockedCellHatching(HeatmapPlot* plot, const QString& layer)
    : QCPLayerable(plot, layer), m_plot(plot), m_hatch(Qt::BDiagPattern) {}

void BlockedCellHatching::setColors(const QColor& fill, const QColor& hatch) {
  m_fill = fill;
  m_hatch.setColor(hatch);
}

QRect BlockedCellHatching::clipRect() const { return m_plot->yAxis->axisRect()->rect(); }

void BlockedCellHatching::applyDefaultAntialiasingHint(QCPPainter* painter) const {
  painter->setAntialiasing(false);
}

void BlockedCellHatching::draw(QCPPainter* painter) {
  const QRect cells = m_plot->visibleCells();
  if (cells.isEmpty()) return;
  // The picture's runs of blocked cells, made with it off the GUI thread.
  QVector<QRect> runs;
  for (const QRect& run : m_plot->picture().blockedRuns) {
    // A pixel wider all round: the opaque cells drawn over it trim it to the exact edge.
    if (run.intersects(cells)) runs << m_plot->blockRect(run).adjusted(-1, -1, 1, 1);
  }
  if (runs.isEmpty()) return;
  painter->setPen(Qt::NoPen);
  painter->setBrush(m_fill);
  painter->drawRects(runs);
  // A pattern brush is anchored to the painter's origin, so the hatching runs on across cells.
  painter->setBrush(m_hatch);
  painter->drawRects(runs);
}

}  // namespace attnscope
