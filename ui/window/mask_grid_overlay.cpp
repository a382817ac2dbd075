#include "ui/window/mask_grid_overlay.h"

#include "ui/window/heatmap_plot.h"

namespace attnscope {
namespace {

const QString kLayerName = QStringLiteral("maskGrid");

// A layer above all the plot's own, created once per plot.
QString topLayer(HeatmapPlot* plot) {
  if (!plot->layer(kLayerName)) plot->addLayer(kLayerName, nullptr, QCustomPlot::limAbove);
  return kLayerName;
}

}  // namespace

MaskGridOverlay::MaskGridOverlay(HeatmapPlot* plot)
    : QCPLayerable(plot, topLayer(plot)), m_plot(plot) {}

void MaskGridOverlay::setHoveredCell(QPoint cell) {
  if (cell == m_hovered) return;
  m_hovered = cell;
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QRect MaskGridOverlay::clipRect() const { return m_plot->yAxis->axisRect()->rect(); }

void MaskGridOverlay::applyDefaultAntialiasingHint(QCPPainter* painter) const {
  painter->setAntialiasing(false);  // lines on whole pixels, like the cells' edges
}

void MaskGridOverlay::draw(QCPPainter* painter) {
  const QRect cells = m_plot->visibleCells();
  if (cells.isEmpty() || m_plot->heatmap().isPicture()) return;
  const QRect first = m_plot->cellRect(cells.top(), cells.left());
  const QRect last = m_plot->cellRect(cells.bottom(), cells.right());
  const QRect all = first.united(last);
  const QPalette palette = m_plot->palette();
  if (linesFit(first.width()) && linesFit(first.height())) {
    // The mid-tone between blocked black and allowed grey or white reads on both.
    QColor line = palette.color(QPalette::Mid);
    line.setAlpha(150);
    painter->setPen(QPen(line, 1));
    for (int col = cells.left() + 1; col <= cells.right(); ++col) {
      const int x = m_plot->cellRect(cells.top(), col).left();
      painter->drawLine(QPoint(x, all.top()), QPoint(x, all.bottom()));
    }
    for (int row = cells.top() + 1; row <= cells.bottom(); ++row) {
      const int y = m_plot->cellRect(row, cells.left()).top();
      painter->drawLine(QPoint(all.left(), y), QPoint(all.right(), y));
    }
  }
  if (cells.contains(m_hovered)) {
    painter->setPen(QPen(palette.color(QPalette::Highlight), 2));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(m_plot->cellRect(m_hovered.y(), m_hovered.x()).adjusted(1, 1, -1, -1));
  }
}

}  // namespace attnscope
