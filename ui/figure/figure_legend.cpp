#include "ui/figure/figure_legend.h"

#include <QCoreApplication>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

#include "ui/figure/figure_look.h"

namespace attnscope {
namespace {

// Gives these free functions tr(), under a context lupdate sees.
class Figure {
  Q_DECLARE_TR_FUNCTIONS(attnscope::Figure)
};

}  // namespace

void drawColorBar(QPainter& painter, const FigureLook& look, const TileColors& colors,
                  const QRectF& bar, const QString& caption) {
  QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
  constexpr int kStops = 64;
  for (int i = 0; i <= kStops; ++i)
    gradient.setColorAt(double(i) / kStops, colorAt(colors.map, double(i) / kStops));
  painter.save();
  painter.setPen(Qt::NoPen);
  painter.setBrush(gradient);
  painter.drawRect(bar);
  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(look.frame, 0.6 * look.pt));
  painter.drawRect(bar);

  const QFontMetricsF metrics(look.tick, painter.device());
  // About one tick per five lines of tick text.
  const Ticks ticks = niceTicks(colors.low, colors.high,
                                std::clamp(int(bar.height() / (5 * metrics.height())), 2, 8));
  painter.setFont(look.tick);
  double labelRight = bar.right();
  for (const double value : ticks.values) {
    const double y =
        bar.bottom() - (value - colors.low) / (colors.high - colors.low) * bar.height();
    painter.setPen(QPen(look.frame, 0.6 * look.pt));
    painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3 * look.pt, y));
    painter.setPen(look.text);
    const QString label = figureNumber(value, ticks.decimals);
    const QRectF box(bar.right() + 5 * look.pt, y - metrics.height() / 2,
                     metrics.horizontalAdvance(label) + 2, metrics.height());
    painter.drawText(box, Qt::TextDontClip | Qt::AlignLeft | Qt::AlignVCenter, label);
    labelRight = std::max(labelRight, box.right());
  }
  // The caption runs up the right side, centred on the bar.
  painter.setFont(look.axisTitle);
  painter.setPen(look.muted);
  painter.translate(labelRight + 6 * look.pt, bar.center().y());
  painter.rotate(-90);
  painter.drawText(QRectF(-bar.height(), 0, 2 * bar.height(),
                          QFontMetricsF(look.axisTitle, painter.device()).height()),
                   Qt::TextDontClip | Qt::AlignHCenter | Qt::AlignTop, caption);
  painter.restore();
}

void drawBlockedLegend(QPainter& painter, const FigureLook& look, const TileColors& colors,
                       const QPointF& topLeft) {
  const QRectF swatch(topLeft, QSizeF(11 * look.pt, 11 * look.pt));
  painter.save();
  painter.setPen(Qt::NoPen);
  painter.setBrush(colors.blockedAsEmpty ? look.blockedFill : QColor(Qt::white));
  painter.drawRect(swatch);
  QPainterPath lines;
  hatch(lines, swatch, 4 * look.pt);
  painter.setBrush(Qt::NoBrush);
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setPen(QPen(look.hatch, 0.6 * look.pt, Qt::SolidLine, Qt::FlatCap));
  painter.drawPath(lines);
  painter.setPen(QPen(look.frame, 0.6 * look.pt));
  painter.drawRect(swatch);
  painter.setFont(look.tick);
  painter.setPen(look.text);
  painter.drawText(
      QPointF(swatch.right() + 4 * look.pt,
              swatch.center().y() + QFontMetricsF(look.tick, painter.device()).ascent() * 0.4),
      Figure::tr("blocked"));
  painter.restore();
}

bool anyBlocked(const std::vector<HeatmapData>& maps) {
  for (const HeatmapData& map : maps) {
    for (const std::uint8_t blocked : map.blocked) {
      if (blocked) return true;
    }
  }
  return false;
}

}  // namespace attnscope
