#include "ui/figure/figure_lines.h"

#include <QPainter>
#include <algorithm>

namespace attnscope {
namespace {

// Room between a token and its lines, in line widths.
constexpr double kTokenGap = 2.0;

double rowCentre(const QRectF& column, double pitch, int index) {
  return column.top() + (index + 0.5) * pitch;
}

}  // namespace

QPointF LinesLayout::queryEnd(int row) const {
  return {queries.right() + kTokenGap * 3, rowCentre(queries, pitch, row - window.from)};
}

QPointF LinesLayout::keyEnd(int col) const {
  return {keys.left() - kTokenGap * 3, rowCentre(keys, pitch, col - window.from)};
}

std::optional<int> LinesLayout::queryAt(const QPointF& point) const {
  if (pitch <= 0 || point.y() < queries.top() || point.x() > queries.right() + kTokenGap * 3)
    return std::nullopt;
  const int index = int((point.y() - queries.top()) / pitch);
  if (index >= queryCount) return std::nullopt;
  return window.from + index;
}

LinesLayout linesLayout(const QRectF& area, const QFontMetricsF& metrics,
                        const HeatmapData& weights, TokenWindow window) {
  LinesLayout layout;
  layout.window = window;
  layout.queryCount = std::clamp(std::min(window.to, weights.rows) - window.from, 0, weights.rows);
  layout.keyCount = std::clamp(std::min(window.to, weights.cols) - window.from, 0, weights.cols);
  const int count = std::max({layout.queryCount, layout.keyCount, 1});
  double widest = 0;
  for (int i = window.from; i < window.from + layout.queryCount; ++i)
    widest = std::max(widest, metrics.horizontalAdvance(weights.rowLabels.value(i)));
  for (int i = window.from; i < window.from + layout.keyCount; ++i)
    widest = std::max(widest, metrics.horizontalAdvance(weights.colLabels.value(i)));
  // The lines get at least 40 % of the width; long tokens are elided into the rest.
  const double column = std::min(widest + metrics.averageCharWidth(), area.width() * 0.3);
  const double heading = metrics.height() * 1.6;
  // Rows no taller than two lines of text, so a short sentence does not spread thin.
  layout.pitch = std::min((area.height() - heading) / count, metrics.height() * 2.0);
  const double height = layout.pitch * count;
  const double top = area.top() + heading + std::max(0.0, (area.height() - heading - height) / 2);
  // Columns no further apart than a comfortable slope allows.
  const double span = std::min(area.width(), 2 * column + std::max(height, 12 * metrics.height()));
  const double left = area.left() + (area.width() - span) / 2;
  layout.queries = QRectF(left, top, column, height);
  layout.keys = QRectF(left + span - column, top, column, height);
  return layout;
}

void drawAttentionLines(QPainter& painter, const LinesLayout& layout, const HeatmapData& weights,
                        std::vector<AttentionLine> lines, const LinesLook& look,
                        std::optional<int> chosenQuery) {
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  const QFontMetricsF metrics(look.font, painter.device());
  painter.setFont(look.font);
  const double heading = metrics.height() * 1.6;
  painter.setPen(look.muted);
  painter.drawText(QRectF(layout.queries.left(), layout.queries.top() - heading,
                          layout.queries.width(), metrics.height()),
                   Qt::AlignRight | Qt::AlignTop | Qt::TextDontClip, look.queriesTitle);
  painter.drawText(QRectF(layout.keys.left(), layout.keys.top() - heading, layout.keys.width(),
                          metrics.height()),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextDontClip, look.keysTitle);

  // The faint lines first, the strong ones over them.
  std::stable_sort(lines.begin(), lines.end(), [](const AttentionLine& a, const AttentionLine& b) {
    return a.opacity < b.opacity;
  });
  for (const AttentionLine& line : lines) {
    QColor color = look.line;
    color.setAlphaF(float(std::clamp(line.opacity, 0.0, 1.0)));
    // In the window only the chosen query's lines are as wide as their weight: a wide
    // antialiased line is stroked as a filled outline, a millisecond each, so L² of them froze
    // it for half a second at every redraw; the other queries' lines are hairlines (Qt's fast
    // cosmetic path), their weight in their opacity. A figure draws every line wide, once.
    const bool wide = look.everyLineWide || chosenQuery == line.query;
    QPen pen(color,
             wide ? look.minLineWidth + line.width * (look.maxLineWidth - look.minLineWidth) : 0);
    pen.setCapStyle(Qt::FlatCap);
    painter.setPen(pen);
    painter.drawLine(layout.queryEnd(line.query), layout.keyEnd(line.key));
  }

  const auto drawToken = [&](const QRectF& column, int index, const QString& text,
                             Qt::Alignment align) {
    const QRectF box(column.left(), column.top() + index * layout.pitch, column.width(),
                     layout.pitch);
    painter.drawText(box, align | Qt::AlignVCenter,
                     metrics.elidedText(text, Qt::ElideRight, column.width()));
  };
  for (int i = 0; i < layout.queryCount; ++i) {
    const int row = layout.window.from + i;
    if (chosenQuery == row) {
      const QRectF box(layout.queries.left(), layout.queries.top() + i * layout.pitch,
                       layout.queries.width() + kTokenGap * 2, layout.pitch);
      painter.setPen(Qt::NoPen);
      painter.setBrush(look.chosen);
      painter.drawRoundedRect(box.adjusted(0, 1, 0, -1), 3, 3);
    }
    painter.setPen(chosenQuery == row ? look.chosenText : look.text);
    drawToken(layout.queries, i, weights.rowLabels.value(row), Qt::AlignRight);
  }
  painter.setPen(look.text);
  for (int i = 0; i < layout.keyCount; ++i)
    drawToken(layout.keys, i, weights.colLabels.value(layout.window.from + i), Qt::AlignLeft);
  painter.restore();
}

QColor figureLineColor(ColorMapName map) {
  switch (map) {
    case ColorMapName::Grayscale:
      return Qt::black;
    case ColorMapName::Diverging:
      return colorAt(map, 0.0);  // its cool end
    default:
      return colorAt(map, 0.3);
  }
}

}  // namespace attnscope
