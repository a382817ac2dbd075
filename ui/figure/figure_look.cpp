#include "ui/figure/figure_look.h"

#include <QPaintDevice>
#include <cmath>

namespace attnscope {
namespace {

QFont fontOf(double points, bool bold = false) {
  QFont font;
  font.setFamilies(figureFontFamilies());
  font.setStyleHint(QFont::SansSerif);
  font.setPointSizeF(points);
  font.setBold(bold);
  // Measured text must match drawn text on every device: no hinting towards the screen grid.
  font.setHintingPreference(QFont::PreferNoHinting);
  return font;
}

}  // namespace

QStringList figureFontFamilies() {
  return {QStringLiteral("DejaVu Sans"),      QStringLiteral("Noto Sans"),
          QStringLiteral("Liberation Sans"),  QStringLiteral("Arial"),
          QStringLiteral("Helvetica"),        QStringLiteral("WenQuanYi Micro Hei"),
          QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Source Han Sans SC"),
          QStringLiteral("Microsoft YaHei"),  QStringLiteral("PingFang SC")};
}

FigureLook figureLook(FigureStyle style, const QPaintDevice& device) {
  FigureLook look;
  look.pt = device.logicalDpiY() / 72.0;
  // Slide text is read from across a room: about 1.7 times the paper size.
  const double scale = style == FigureStyle::Slide ? 1.7 : 1.0;
  look.title = fontOf(15 * scale, true);
  look.subtitle = fontOf(9.5 * scale);
  look.heading = fontOf(10.5 * scale, true);
  look.label = fontOf(10 * scale);
  look.tick = fontOf(9 * scale);
  look.value = fontOf(8.5 * scale);
  look.axisTitle = fontOf(10.5 * scale);
  look.background = Qt::white;
  look.text = QColor(0x1a, 0x1a, 0x1a);
  look.muted = QColor(0x55, 0x55, 0x55);
  look.frame = QColor(0x33, 0x33, 0x33);
  // Blocked cells: lighter than any map's low end except paper-white grayscale, which the
  // hatching still tells apart.
  look.blockedFill = QColor(0xf2, 0xf2, 0xf2);
  look.hatch = QColor(0, 0, 0, 120);
  return look;
}

QString figureNumber(double value, int decimals) {
  QString text = QString::number(value, 'f', decimals);
  if (text.startsWith(QLatin1Char('-'))) {
    // −0.00 reads as a mistake; a value that rounds to zero is zero.
    const bool zero = text.mid(1).remove(QLatin1Char('0')).remove(QLatin1Char('.')).isEmpty();
    text = zero ? text.mid(1) : QStringLiteral("\u2212") + text.mid(1);
  }
  return text;
}

Ticks niceTicks(double low, double high, int target) {
  Ticks ticks;
  if (!(high > low) || target < 1) return ticks;
  // Of the round steps near an even split, the one whose tick count comes closest to the target
  // (the wider on a tie).
  const double decade = std::pow(10.0, std::floor(std::log10((high - low) / target)));
  const auto countFor = [&](double step) {
    return int(std::floor(high / step + 1e-9) - std::ceil(low / step - 1e-9)) + 1;
  };
  double step = 0;
  int bestMiss = 0;
  for (const double scale : {decade / 10, decade, decade * 10}) {
    for (const double multiple : {1.0, 2.0, 2.5, 5.0}) {
      const int miss = std::abs(countFor(multiple * scale) - (target + 1));
      if (step == 0 || miss <= bestMiss) {
        step = multiple * scale;
        bestMiss = miss;
      }
    }
  }
  const double first = std::ceil(low / step - 1e-9) * step;
  for (double value = first; value <= high + step * 1e-9; value += step) {
    ticks.values.push_back(std::abs(value) < step * 1e-9 ? 0.0 : value);
  }
  ticks.decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
  const double inUnits = step * std::pow(10.0, ticks.decimals);
  if (std::abs(inUnits - std::round(inUnits)) > 1e-6) ++ticks.decimals;  // 2.5 × 10^k
  return ticks;
}

}  // namespace attnscope
