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
  const HeatmapData& data = m_plot->heatmap();
  const QRect cells = m_plot->visibleCells();
  if (data.blocked.empty() || cells.isEmpty()) return;
  QVector<QRect> runs;
  if (data.isPicture()) {
    // One rectangle per run of blocked picture cells in a row, over the matrix cells they cover.
    const auto blocked = [&data](int r, int c) {
      return data.blocked[std::size_t(r) * std::size_t(data.pictureCols) + std::size_t(c)] != 0;
    };
    for (int r = 0; r < data.pictureRows; ++r) {
      for (int c = 0; c < data.pictureCols; ++c) {
        if (!blocked(r, c)) continue;
        const int first = c;
        while (c + 1 < data.pictureCols && blocked(r, c + 1)) ++c;
        const QRect run = m_plot->pictureBlock(r, first).united(m_plot->pictureBlock(r, c));
        if (run.intersects(cells)) runs << m_plot->blockRect(run).adjusted(-1, -1, 1, 1);
      }
    }
  }
  for (int row = cells.top(); row <= cells.bottom() && !data.isPicture(); ++row) {
    const std::uint8_t* blocked = data.blocked.data() + std::size_t(row) * std::size_t(data.cols);
    for (int col = cells.left(); col <= cells.right(); ++col) {
      if (!blocked[col]) continue;
      const int first = col;
      while (col < cells.right() && blocked[col + 1]) ++col;
      // A pixel wider all round: the opaque cells drawn over it trim it to the exact edge.
      runs << m_plot->blockRect(QRect(QPoint(first, row), QPoint(col, row))).adjusted(-1, -1, 1, 1);
    }
  }
  painter->setPen(Qt::NoPen);
  painter->setBrush(m_fill);
  painter->drawRects(runs);
  // A pattern brush is anchored to the painter's origin, so the hatching runs on across cells.
  painter->setBrush(m_hatch);
  painter->drawRects(runs);
}

}  // namespace attnscope
