#pragma once

#include <QRectF>
#include <QString>
#include <vector>

#include "ui/figure/figure_tile.h"

class QPainter;

namespace attnscope {

// A vertical colour bar in `bar`: the map from low (bottom) to high, round-numbered ticks on its
// right and `caption` running up beside them.
void drawColorBar(QPainter& painter, const FigureLook& look, const TileColors& colors,
                  const QRectF& bar, const QString& caption);

// A hatched swatch and the word "blocked", from `topLeft`.
void drawBlockedLegend(QPainter& painter, const FigureLook& look, const TileColors& colors,
                       const QPointF& topLeft);

bool anyBlocked(const std::vector<HeatmapData>& maps);

}  // namespace attnscope
