#pragma once

#include <QColor>
#include <QFont>
#include <QString>
#include <vector>

#include "ui/figure/figure_request.h"

class QPaintDevice;

namespace attnscope {

// Fonts, colours and sizes of one figure style on one paint device. Sizes are typographic points
// converted to device units, so a PNG at 192 dpi is the 96 dpi figure at twice the resolution.
struct FigureLook {
  double pt = 1.0;  // device units per point
  QFont title, subtitle, heading, label, tick, value, axisTitle;
  QColor background, text, muted, frame, blockedFill, hatch;
};

FigureLook figureLook(FigureStyle style, const QPaintDevice& device);

// The family list every figure font uses: named, so SVG and PDF record a real family, with CJK
// families after the Latin ones so Chinese tokens find glyphs on any system.
QStringList figureFontFamilies();

// Numbers as figures print them: a real minus sign (−), fixed decimals.
QString figureNumber(double value, int decimals);

// Round-numbered ticks (1, 2, 2.5 or 5 × 10^k apart) inside [low, high], about `target` of them,
// and the decimals their labels need.
struct Ticks {
  std::vector<double> values;
  int decimals = 0;
};
Ticks niceTicks(double low, double high, int target);

}  // namespace attnscope
