#include "ui/window/color_bar.h"

#include <QImage>
#include <QPainter>

namespace attnscope {

ColorBar::ColorBar(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
}

void ColorBar::setColorMap(ColorMapName map) {
  m_map = map;
  update();
}

void ColorBar::setRange(double low, double high) {
  m_low = low;
  m_high = high;
  update();
}

QSize ColorBar::sizeHint() const {
  const QFontMetrics metrics(font());
  return {24 + 8 + metrics.horizontalAdvance(QStringLiteral("-0.000")) + 8, 200};
}

void ColorBar::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QFontMetrics metrics(font());
  const QRect bar(4, metrics.height(), 20, height() - 2 * metrics.height());
  if (bar.height() < 10) return;
  // One pixel per row, stretched across the bar: a pen change and a line per row cost
  // milliseconds on every live update.
  QImage column(1, bar.height(), QImage::Format_RGB32);
  for (int y = 0; y < bar.height(); ++y) {
    const double fraction = 1.0 - double(y) / std::max(1, bar.height() - 1);
    column.setPixel(0, y, colorAt(m_map, fraction).rgb());
  }
  painter.drawImage(bar, column);
  painter.setPen(palette().windowText().color());
  painter.drawRect(bar.adjusted(0, 0, -1, -1));
  const int ticks = 5;
  for (int t = 0; t < ticks; ++t) {
    const double fraction = double(t) / (ticks - 1);
    const int y = bar.bottom() - int(std::lround(fraction * (bar.height() - 1)));
    painter.drawLine(bar.right() + 1, y, bar.right() + 4, y);
    const QString label = QString::number(m_low + fraction * (m_high - m_low), 'g', 3);
    painter.drawText(QRect(bar.right() + 7, y - metrics.height() / 2, width(), metrics.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, label);
  }
}

}  // namespace attnscope
