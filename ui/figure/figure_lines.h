#pragma once

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QRectF>
#include <QString>
#include <optional>

#include "ui/model/attention_lines.h"
#include "ui/model/color_map.h"

class QPainter;

// Paints the line view of one head (ui/model/attention_lines.h) with plain QPainter calls, for
// the window's line view and for figures (PNG, SVG, PDF) alike.
namespace attnscope {

struct LinesLook {
  QFont font;                 // the tokens'
  QColor text, muted, line;   // token text, column headings, the lines
  QColor chosen, chosenText;  // the chosen query's token: its background and text
  // Device units: a line's width runs from the thinnest (strength 0) to the widest (strength 1).
  double minLineWidth = 0.6, maxLineWidth = 3;
  // Every query's lines as wide as their weight (a figure, drawn once); otherwise only the chosen
  // query's, the others hairlines (the window, redrawn at every change: see drawAttentionLines).
  bool everyLineWide = false;
  QString queriesTitle, keysTitle;
};

// Where the tokens of a window go in `area`: queries right-aligned in a column on the left,
// keys left-aligned in a column on the right, one row of `pitch` each, under a row of headings.
struct LinesLayout {
  QRectF queries, keys;  // the token columns (below the headings)
  double pitch = 0;
  TokenWindow window;
  int queryCount = 0, keyCount = 0;  // tokens of the window on each side

  // Where a query's lines leave and a key's arrive, and the token under a point.
  QPointF queryEnd(int row) const;
  QPointF keyEnd(int col) const;
  std::optional<int> queryAt(const QPointF& point) const;
};

LinesLayout linesLayout(const QRectF& area, const QFontMetricsF& metrics,
                        const HeatmapData& weights, TokenWindow window);

// The headings, the tokens (the chosen query on a `chosen` background) and `lines` over them,
// faint ones first so the strong ones lie on top.
void drawAttentionLines(QPainter& painter, const LinesLayout& layout, const HeatmapData& weights,
                        std::vector<AttentionLine> lines, const LinesLook& look,
                        std::optional<int> chosenQuery);

// The lines' colour in a figure drawn with `map`: a dark colour of the map, black in grayscale.
QColor figureLineColor(ColorMapName map);

}  // namespace attnscope
