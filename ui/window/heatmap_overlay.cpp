#include "ui/window/heatmap_overlay.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <iterator>

#include "ui/model/color_map.h"
#include "ui/window/heatmap_plot.h"

namespace attnscope {

QString formatCellValue(double value) {
  const double magnitude = std::abs(value);
  const int decimals = magnitude >= 99.95 ? 0 : magnitude >= 9.995 ? 1 : 2;
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;  // no "-0.00" for a tiny negative value
  return QString::number(rounded, 'f', decimals);
}

HeatmapOverlay::HeatmapOverlay(HeatmapPlot* plot) : QCPLayerable(plot), m_plot(plot) {}

void HeatmapOverlay::setValueFont(const QFont& font) { m_valueFont = font; }

QRect HeatmapOverlay::clipRect() const { return m_plot->yAxis->axisRect()->rect(); }

void HeatmapOverlay::applyDefaultAntialiasingHint(QCPPainter* painter) const {
  painter->setAntialiasing(false);  // crisp lines on whole pixels, like the cells
}

void HeatmapOverlay::draw(QCPPainter* painter) {
  const QRect cells = m_plot->visibleCells();
  if (cells.isEmpty()) return;
  drawValues(painter, cells);
  drawGroupGaps(painter, cells);
  drawHighlight(painter);
}

void HeatmapOverlay::drawValues(QCPPainter* painter, const QRect& cells) const {
  const HeatmapData& data = m_plot->heatmap();
  if (!m_plot->showValues() || data.isPicture()) return;  // a picture has no cell's own value
  const QFontMetricsF metrics(m_valueFont);
  const QSizeF cell(std::abs(m_plot->xAxis2->coordToPixel(1) - m_plot->xAxis2->coordToPixel(0)),
                    std::abs(m_plot->yAxis->coordToPixel(1) - m_plot->yAxis->coordToPixel(0)));
  if (metrics.height() > cell.height()) return;

  struct Label {
    QRect rect;
    QString text;
    double value;
  };
  std::vector<Label> labels;
  double widest = 0;
  for (int row = cells.top(); row <= cells.bottom(); ++row) {
    for (int col = cells.left(); col <= cells.right(); ++col) {
      const std::size_t index = std::size_t(row) * std::size_t(data.cols) + std::size_t(col);
      if (!data.blocked.empty() && data.blocked[index]) continue;
      // Cells cut by the edge of a zoomed view have no room for their value.
      const QRect rect = m_plot->cellRect(row, col);
      if (rect.width() + 2 < cell.width() || rect.height() + 2 < cell.height()) continue;
      Label label{rect, formatCellValue(data.values[index]), data.values[index]};
      widest = std::max(widest, metrics.horizontalAdvance(label.text));
      // All or nothing: a matrix with numbers in only some cells reads as a pattern of its own.
      if (widest + metrics.averageCharWidth() > cell.width()) return;
      labels.push_back(std::move(label));
    }
  }
  const QCPRange range = m_plot->valueRange();
  painter->setFont(m_valueFont);
  for (const Label& label : labels) {
    const double fraction = (label.value - range.lower) / range.size();
    painter->setPen(contrastingTextColor(colorAt(m_plot->colorMap(), fraction)));
    painter->drawText(label.rect, Qt::AlignCenter, label.text);
  }
}

void HeatmapOverlay::drawGroupGaps(QCPPainter* painter, const QRect& cells) const {
  const int width = m_plot->columnGroups();
  if (width <= 0) return;
  // A line in the page colour reads as a gap between blocks, in light and dark themes alike.
  painter->setPen(QPen(m_plot->palette().color(QPalette::Window), 2));
  const int top = m_plot->cellRect(cells.top(), cells.left()).top();
  const int bottom = m_plot->cellRect(cells.bottom(), cells.left()).bottom() + 1;
  for (int col = width; col <= cells.right(); col += width) {
    if (col <= cells.left()) continue;
    const int x = m_plot->cellRect(cells.top(), col).left();
    painter->drawLine(QPoint(x, top), QPoint(x, bottom));
  }
  // Each block (one head's columns) framed in its own colour, from the Okabe–Ito palette,
  // which stays distinguishable for colour-blind readers.
  static const QColor kHeadColors[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                       QColor(0x00, 0x9E, 0x73), QColor(0xF0, 0xE4, 0x42),
                                       QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                       QColor(0xCC, 0x79, 0xA7), QColor(0x99, 0x99, 0x99)};
  painter->setBrush(Qt::NoBrush);
  for (int first = cells.left() - cells.left() % width; first <= cells.right(); first += width) {
    const int last = std::min(first + width - 1, cells.right());
    const QRect block = m_plot->cellRect(cells.top(), std::max(first, cells.left()))
                            .united(m_plot->cellRect(cells.bottom(), last));
    // Inset so the page-coloured gap between blocks stays visible.
    painter->setPen(QPen(kHeadColors[(first / width) % std::size(kHeadColors)], 2));
    painter->drawRect(QRectF(block).adjusted(3, 3, -3, -3));
  }
}

void HeatmapOverlay::drawHighlight(QCPPainter* painter) const {
  const HeatmapData& data = m_plot->heatmap();
  const int row = m_plot->highlightedRow();
  if (row < 0 || row >= data.rows) return;
  const QRect rect = m_plot->cellRect(row, 0).united(m_plot->cellRect(row, data.cols - 1));
  if (rect.isEmpty()) return;
  // White inside black: visible on every colour of every map.
  painter->setBrush(Qt::NoBrush);
  painter->setPen(QPen(Qt::black, 4, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
  painter->drawRect(QRectF(rect));  // on the cells' boundary lines
  painter->setPen(QPen(Qt::white, 2, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
  painter->drawRect(QRectF(rect));
}

}  // namespace attnscope
