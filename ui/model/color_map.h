#pragma once

#include <QColor>
#include <QString>
#include <QStringView>
#include <optional>
#include <span>

#include "core/lesson_view.h"

namespace attnscope {

// The colour maps a heatmap can use. The sequential ones run dark (low) to light (high) and are
// perceptually uniform and colour-blind safe; Grayscale runs white (0) to black (high) so that
// empty cells stay paper-white in print; Diverging (Moreland's cool-warm) is for raw scores that
// can be negative, neutral grey at 0.5.
enum class ColorMapName { Viridis, Magma, Cividis, Grayscale, Diverging };

// The colour at a fraction of the map's range; fraction is clamped to [0, 1], NaN gives 0.
QColor colorAt(ColorMapName map, double fraction);

// The map's colour stops, evenly spaced from its low end (first) to its high end (last).
std::span<const QRgb> colorStops(ColorMapName map);

// Translated name for menus.
QString colorMapDisplayName(ColorMapName map);

std::span<const ColorMapName> allColorMaps();

// Stable, untranslated keys ("viridis", "magma", "cividis", "grayscale", "diverging") for
// settings and the command line; colorMapFromKey ignores case.
QString colorMapKey(ColorMapName map);
std::optional<ColorMapName> colorMapFromKey(QStringView key);
// A lesson view's colour map; an unknown key (from a newer version's lesson) is viridis.
ColorMapName viewColorMap(const SessionView& view);
void setViewColorMap(SessionView& view, ColorMapName map);

// Black or white, whichever reads better on the given background (WCAG contrast ratio).
QColor contrastingTextColor(const QColor& background);

}  // namespace attnscope
