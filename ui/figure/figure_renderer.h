#pragma once

#include <QString>

#include "ui/figure/figure_request.h"

class QPainter;

namespace attnscope {

// Paints a whole figure onto a painter whose device is request.size units large: title and a
// line of parameters, one heatmap (a head or the mean) or the grid of all heads, token labels on
// both axes (thinned when crowded, key labels slanted when long), a colour bar with ticks, and a
// legend for blocked cells; or, for request.lines, one head's lines from each query to each key.
// Only QPainter is used, so the same code makes PNG, SVG and PDF.
// Colour range: weights 0–1; scores, scaled and masked scores symmetric about zero over the
// unblocked cells of all the maps shown, so heads compare.
void paintFigure(QPainter& painter, const FigureRequest& request);

// The title drawn when the request has none, e.g. "Attention weights · head 3".
QString defaultFigureTitle(const FigureRequest& request);
// The line of parameters under the title, e.g. "d_model 64 · 8 heads · d_k 8 · seed 0 · causal".
QString figureSubtitle(const FigureRequest& request);

}  // namespace attnscope
