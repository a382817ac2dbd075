#include "ui/window/heatmap_hatching.h"

#include <QPainter>

#include "ui/window/heatmap_plot.h"

namespace attnscope {

BlockedCellHatching::BlockedCellHatching(HeatmapPlot* plot, const QString& layer)
    : QCPLayerable(plot, layer), m_plot(plot), m_hatch(Qt::BDiagPattern) {}

void BlockedCellHatching::setColors(const QColor& fill, const QColor& hatch) {
  m_fill = fill;
  m_hatch.setColor(hatch);
  m_hatchedDirty = true;
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
  // The hatched grey of the whole map, made when its place, size or colours change, and copied
  // through each run: filling every run with a pattern brush cost a texture fill per rectangle,
  // most of a tile's redraw with hundreds of runs.
  const QRect area = clipRect();
  if (m_hatched.size() != area.size() || m_hatchedAt != area.topLeft() || m_hatchedDirty) {
    m_hatched = QImage(area.size(), QImage::Format_RGB32);
    m_hatched.fill(m_fill);
    QPainter hatching(&m_hatched);
    // A pattern brush is anchored to the painter's origin: that of the plot, as it was drawn in
    // place, so the hatching runs on across cells and tiles alike.
    hatching.setBrushOrigin(-area.topLeft());
    hatching.fillRect(m_hatched.rect(), m_hatch);
    m_hatchedAt = area.topLeft();
    m_hatchedDirty = false;
  }
  for (const QRect& run : runs) {
    const QRect shown = run.intersected(area);
    painter->drawImage(shown.topLeft(), m_hatched, shown.translated(-area.topLeft()));
  }
}

}  // namespace attnscope
