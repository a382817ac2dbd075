#pragma once

#include <QFontMetricsF>
#include <QPainterPath>
#include <QRectF>
#include <QStringList>

#include "ui/figure/figure_look.h"
#include "ui/model/heatmap_data.h"

class QPainter;

namespace attnscope {

// One heatmap of a figure, drawn with plain QPainter calls: a rectangle per cell, so SVG and PDF
// get crisp vector cells and viewers never smooth them; hatching as line segments, since
// QSvgGenerator drops pattern brushes; token labels as real text.

struct TileColors {
  ColorMapName map = ColorMapName::Viridis;
  double low = 0.0, high = 1.0;  // the values at the two ends of the map
  // Masked scores and weights have no meaningful value in a blocked cell: it is drawn empty and
  // hatched. Raw and scaled scores keep their colour under the hatching.
  bool blockedAsEmpty = true;
};

// How one axis shows its token labels.
struct AxisPlan {
  QStringList labels;   // elided, one per cell
  int step = 1;         // every step-th label is drawn
  int angle = 0;        // key labels: 0, or 45 or 90 degrees when that lets more of them show
  double extent = 0;    // room taken beside the cells: width for queries, height for keys
  double overhang = 0;  // rotated key labels: how far they reach left of the first cell
};

// Labels left of the rows (queries) and under the columns (keys) for cells `cell` units wide.
AxisPlan planQueryLabels(const QStringList& tokens, const FigureLook& look,
                         const QPaintDevice& device, double cell);
AxisPlan planKeyLabels(const QStringList& tokens, const FigureLook& look,
                       const QPaintDevice& device, double cell);
// Dimension indices above the columns: level, or upright when that lets more of them show (a
// slant would reach over the colour bar).
AxisPlan planColumnLabels(const QStringList& labels, const FigureLook& look,
                          const QPaintDevice& device, double cell);

void drawCells(QPainter& painter, const FigureLook& look, const HeatmapData& data,
               const QRectF& cells, const TileColors& colors);
// The font cell values are printed in, or nullopt when they do not fit in cells this size.
std::optional<QFont> cellValueFont(const FigureLook& look, const QPaintDevice& device, double cell);
void drawCellValues(QPainter& painter, const QFont& font, const HeatmapData& data,
                    const QRectF& cells, const TileColors& colors, ScoreStage stage);
void drawQueryLabels(QPainter& painter, const FigureLook& look, const AxisPlan& plan,
                     const QRectF& cells, int rows);
void drawKeyLabels(QPainter& painter, const FigureLook& look, const AxisPlan& plan,
                   const QRectF& cells, int cols);
// Labels planned by planColumnLabels, above the cells, upright ones reading upwards.
void drawColumnLabels(QPainter& painter, const FigureLook& look, const AxisPlan& plan,
                      const QRectF& cells, int cols);
// Thin lines between blocks of `width` columns (one block per head).
void drawColumnGroups(QPainter& painter, const FigureLook& look, const QRectF& cells, int cols,
                      int width);
// Diagonal hatching over `area`, in lines that continue across neighbouring areas.
void hatch(QPainterPath& path, const QRectF& area, double spacing);

}  // namespace attnscope
