#include "ui/figure/figure_tile.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <cmath>
#include <new>

#include "core/attention.h"
#include "ui/model/heatmap_labels.h"

namespace attnscope {
namespace {

constexpr double kSin45 = 0.70710678118654752;
// Beyond this many cells a tile is drawn as one image: a rectangle per cell would make SVG and
// PDF files of hundreds of megabytes for cells smaller than a printer's dot.
constexpr std::size_t kMaxVectorCells = 256 * 256;

QStringList elided(const QStringList& tokens, const QFontMetricsF& metrics, double maxWidth) {
  QStringList labels;
  for (int i = 0; i < tokens.size(); ++i) {
    labels << metrics.elidedText(cellLabel(tokens, i), Qt::ElideRight, maxWidth);
  }
  return labels;
}

double widest(const QStringList& labels, const QFontMetricsF& metrics) {
  double width = 0;
  for (const QString& label : labels) width = std::max(width, metrics.horizontalAdvance(label));
  return width;
}

QColor cellColor(const TileColors& colors, float value) {
  return colorAt(colors.map, (double(value) - colors.low) / (colors.high - colors.low));
}

bool isBlocked(const HeatmapData& data, std::size_t cell) {
  return !data.blocked.empty() && data.blocked[cell] != 0;
}

void drawCellImage(QPainter& painter, const FigureLook& look, const HeatmapData& data,
                   const QRectF& cells, const TileColors& colors) {
  QImage image(data.cols, data.rows, QImage::Format_RGB32);
  if (image.isNull()) throw std::bad_alloc();  // Qt returns a null image when memory runs out
  for (int row = 0; row < data.rows; ++row) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
    for (int col = 0; col < data.cols; ++col) {
      const std::size_t cell = std::size_t(row) * std::size_t(data.cols) + std::size_t(col);
      line[col] =
          (isBlocked(data, cell) && colors.blockedAsEmpty ? look.blockedFill
                                                          : cellColor(colors, data.values[cell]))
              .rgb();
    }
  }
  painter.save();
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter.drawImage(cells, image);
  painter.restore();
}

}  // namespace

AxisPlan planQueryLabels(const QStringList& tokens, const FigureLook& look,
                         const QPaintDevice& device, double cell) {
  const QFontMetricsF metrics(look.label, &device);
  AxisPlan plan;
  plan.labels = elided(tokens, metrics, 90 * look.pt);
  plan.step = labelStep(cell, metrics.height() * 1.05);
  plan.extent = widest(plan.labels, metrics) + 5 * look.pt;
  return plan;
}

AxisPlan planKeyLabels(const QStringList& tokens, const FigureLook& look,
                       const QPaintDevice& device, double cell) {
  const QFontMetricsF metrics(look.label, &device);
  AxisPlan plan;
  plan.labels = elided(tokens, metrics, 90 * look.pt);
  const double width = widest(plan.labels, metrics), height = metrics.height();
  // Level labels need their width; turned, neighbours need only a line height between them
  // across the slant. The fewest skipped labels wins, and then the most readable angle. Labels
  // no wider than tall (a Chinese character, a digit) gain nothing from turning and stay level.
  const int level = labelStep(cell, width + 2 * look.pt);
  const bool turnable = width > height;
  const int slanted = turnable ? labelStep(cell, height / kSin45) : level;
  const int upright = turnable ? labelStep(cell, height) : level;
  plan.step = std::min({level, slanted, upright});
  plan.angle = plan.step == level ? 0 : plan.step == slanted ? 45 : 90;
  const double gap = 4 * look.pt;
  switch (plan.angle) {
    case 0:
      plan.extent = gap + height;
      return plan;
    case 90:
      plan.extent = gap + width;
      return plan;
    default:
      break;
  }
  plan.extent = gap + (width + height) * kSin45;
  for (int i = 0; i < plan.labels.size(); i += plan.step) {
    const double reach = metrics.horizontalAdvance(plan.labels[i]) * kSin45 - (i + 0.5) * cell;
    plan.overhang = std::max(plan.overhang, reach);
  }
  return plan;
}

AxisPlan planColumnLabels(const QStringList& labels, const FigureLook& look,
                          const QPaintDevice& device, double cell) {
  const QFontMetricsF metrics(look.label, &device);
  AxisPlan plan;
  plan.labels = elided(labels, metrics, 90 * look.pt);
  const double width = widest(plan.labels, metrics), height = metrics.height();
  const int level = labelStep(cell, width + 2 * look.pt);
  const int upright = width > height ? labelStep(cell, height) : level;
  plan.step = std::min(level, upright);
  plan.angle = plan.step == level ? 0 : 90;
  plan.extent = 4 * look.pt + (plan.angle == 0 ? height : width);
  return plan;
}

void hatch(QPainterPath& path, const QRectF& area, double spacing) {
  // Lines x + y = t for t on one global lattice, so hatching runs on across areas.
  const double x0 = area.left(), y0 = area.top(), x1 = area.right(), y1 = area.bottom();
  for (double t = std::ceil((x0 + y0) / spacing) * spacing; t < x1 + y1; t += spacing) {
    const double from = std::max(x0, t - y1), to = std::min(x1, t - y0);
    if (from >= to) continue;
    path.moveTo(from, t - from);
    path.lineTo(to, t - to);
  }
}

void drawCells(QPainter& painter, const FigureLook& look, const HeatmapData& data,
               const QRectF& cells, const TileColors& colors) {
  const double width = cells.width() / data.cols, height = cells.height() / data.rows;
  painter.save();
  painter.setPen(Qt::NoPen);
  if (std::size_t(data.rows) * std::size_t(data.cols) > kMaxVectorCells) {
    drawCellImage(painter, look, data, cells, colors);
  } else {
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Each cell reaches a little into its right and lower neighbours, which are drawn later and
    // cover it: viewers that antialias edges then show no hairline seams between cells.
    const double overlap = 0.5 * look.pt;
    for (int row = 0; row < data.rows; ++row) {
      for (int col = 0; col < data.cols; ++col) {
        const std::size_t cell = std::size_t(row) * std::size_t(data.cols) + std::size_t(col);
        const bool blocked = isBlocked(data, cell) && colors.blockedAsEmpty;
        painter.setBrush(blocked ? look.blockedFill : cellColor(colors, data.values[cell]));
        painter.drawRect(QRectF(cells.left() + col * width, cells.top() + row * height,
                                width + (col + 1 < data.cols ? overlap : 0),
                                height + (row + 1 < data.rows ? overlap : 0)));
      }
    }
  }
  // Hatching per run of blocked cells in a row, all in one path.
  QPainterPath hatching;
  for (int row = 0; row < data.rows && !data.blocked.empty(); ++row) {
    for (int col = 0; col < data.cols; ++col) {
      if (!isBlocked(data, std::size_t(row) * std::size_t(data.cols) + std::size_t(col))) continue;
      const int first = col;
      while (col + 1 < data.cols &&
             isBlocked(data, std::size_t(row) * std::size_t(data.cols) + std::size_t(col + 1)))
        ++col;
      hatch(hatching,
            QRectF(cells.left() + first * width, cells.top() + row * height,
                   (col - first + 1) * width, height),
            4 * look.pt);
    }
  }
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(look.hatch, 0.6 * look.pt, Qt::SolidLine, Qt::FlatCap));
  painter.drawPath(hatching);
  painter.setPen(QPen(look.frame, 0.6 * look.pt));
  painter.drawRect(cells);
  painter.restore();
}

std::optional<QFont> cellValueFont(const FigureLook& look, const QPaintDevice& device,
                                   double cell) {
  QFont font = look.value;
  const QFontMetricsF metrics(font, &device);
  const double needed = metrics.horizontalAdvance(QStringLiteral("\u22120.00")) + 3 * look.pt;
  const double fit = std::min(cell / needed, cell / (metrics.height() + 2 * look.pt));
  if (fit < 0.75) return std::nullopt;
  // Shrink a little to fit; in large cells grow, keeping a margin, up to a projector's size.
  font.setPointSizeF(font.pointSizeF() * std::clamp(0.7 * fit, std::min(fit, 1.0), 1.5));
  return font;
}

void drawCellValues(QPainter& painter, const QFont& font, const HeatmapData& data,
                    const QRectF& cells, const TileColors& colors, ScoreStage stage) {
  const double width = cells.width() / data.cols, height = cells.height() / data.rows;
  painter.save();
  painter.setFont(font);
  for (int row = 0; row < data.rows; ++row) {
    for (int col = 0; col < data.cols; ++col) {
      const std::size_t cell = std::size_t(row) * std::size_t(data.cols) + std::size_t(col);
      const float value = data.values[cell];
      QString text;
      if (isBlocked(data, cell) && stage == ScoreStage::Masked) {
        text = QStringLiteral("\u22121e9");  // what masked_fill wrote
      } else if (!isBlocked(data, cell) || !colors.blockedAsEmpty) {
        const double magnitude = std::abs(value);
        text = figureNumber(value, stage == ScoreStage::Weights || magnitude < 10 ? 2
                                   : magnitude < 100                              ? 1
                                                                                  : 0);
      }
      if (text.isEmpty()) continue;
      const bool emptyCell = isBlocked(data, cell) && colors.blockedAsEmpty;
      painter.setPen(emptyCell ? QColor(0x55, 0x55, 0x55)
                               : contrastingTextColor(cellColor(colors, value)));
      painter.drawText(
          QRectF(cells.left() + col * width, cells.top() + row * height, width, height),
          Qt::TextDontClip | Qt::AlignCenter, text);
    }
  }
  painter.restore();
}

void drawQueryLabels(QPainter& painter, const FigureLook& look, const AxisPlan& plan,
                     const QRectF& cells, int rows) {
  const double height = cells.height() / rows;
  const double right = cells.left() - 5 * look.pt;
  painter.save();
  painter.setFont(look.label);
  painter.setPen(look.text);
  for (int row = 0; row < rows && row < plan.labels.size(); row += plan.step) {
    painter.drawText(QRectF(right - plan.extent, cells.top() + row * height, plan.extent, height),
                     Qt::TextDontClip | Qt::AlignRight | Qt::AlignVCenter, plan.labels[row]);
  }
  painter.restore();
}

void drawKeyLabels(QPainter& painter, const FigureLook& look, const AxisPlan& plan,
                   const QRectF& cells, int cols) {
  const double width = cells.width() / cols;
  const QFontMetricsF metrics(look.label, painter.device());
  const double top = cells.bottom() + 4 * look.pt;
  painter.save();
  painter.setFont(look.label);
  painter.setPen(look.text);
  for (int col = 0; col < cols && col < plan.labels.size(); col += plan.step) {
    const double centre = cells.left() + (col + 0.5) * width;
    const QString& label = plan.labels[col];
    const double labelWidth = metrics.horizontalAdvance(label) + 2;
    if (plan.angle == 0) {
      painter.drawText(QRectF(centre - labelWidth / 2, top, labelWidth, metrics.height()),
                       Qt::TextDontClip | Qt::AlignCenter, label);
      continue;
    }
    // The label ends under its column and rises to the right (or straight up), reading upwards.
    painter.save();
    if (plan.angle == 45) {
      painter.translate(centre + metrics.height() * 0.2, top + metrics.height() * 0.3);
    } else {
      painter.translate(centre, top);
    }
    painter.rotate(-plan.angle);
    painter.drawText(QRectF(-labelWidth, -metrics.height() / 2, labelWidth, metrics.height()),
                     Qt::TextDontClip | Qt::AlignRight | Qt::AlignVCenter, label);
    painter.restore();
  }
  painter.restore();
}

void drawColumnLabels(QPainter& painter, const FigureLook& look, const AxisPlan& plan,
                      const QRectF& cells, int cols) {
  const double width = cells.width() / cols;
  const QFontMetricsF metrics(look.label, painter.device());
  const double bottom = cells.top() - 4 * look.pt;
  painter.save();
  painter.setFont(look.label);
  painter.setPen(look.text);
  for (int col = 0; col < cols && col < plan.labels.size(); col += plan.step) {
    const double centre = cells.left() + (col + 0.5) * width;
    const QString& label = plan.labels[col];
    const double labelWidth = metrics.horizontalAdvance(label) + 2;
    if (plan.angle == 0) {
      painter.drawText(
          QRectF(centre - labelWidth / 2, bottom - metrics.height(), labelWidth, metrics.height()),
          Qt::TextDontClip | Qt::AlignCenter, label);
      continue;
    }
    painter.save();
    painter.translate(centre, bottom);
    painter.rotate(-90);
    painter.drawText(QRectF(0, -metrics.height() / 2, labelWidth, metrics.height()),
                     Qt::TextDontClip | Qt::AlignLeft | Qt::AlignVCenter, label);
    painter.restore();
  }
  painter.restore();
}

void drawColumnGroups(QPainter& painter, const FigureLook& look, const QRectF& cells, int cols,
                      int width) {
  if (width <= 0 || width >= cols) return;
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setPen(QPen(look.frame, 1.2 * look.pt, Qt::SolidLine, Qt::FlatCap));
  const double cell = cells.width() / cols;
  for (int col = width; col < cols; col += width) {
    const double x = cells.left() + col * cell;
    painter.drawLine(QPointF(x, cells.top()), QPointF(x, cells.bottom()));
  }
  painter.restore();
}

}  // namespace attnscope
