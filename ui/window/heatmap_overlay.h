#pragma once

#include <qcustomplot.h>

#include <QFont>
#include <QString>

namespace attnscope {

class HeatmapPlot;

// A cell's value as printed in the cell: two decimals below 10, one below 100, none above, never
// an exponent (0.42, 0.05, 1.23, 12.3, 123), so that the cells of a matrix read alike.
QString formatCellValue(double value);

// Draws over the cells' picture, clipped to its axis rect: each cell's value when the cells are big
// enough to read, gaps between column groups, and an outline around the highlighted query row.
// It reads the plot's heatmap and settings and draws visible cells only.
class HeatmapOverlay : public QCPLayerable {
  Q_OBJECT

 public:
  // Lives on the plot's current layer, above whatever was added to it before.
  explicit HeatmapOverlay(HeatmapPlot* plot);

  void setValueFont(const QFont& font);

 protected:
  QRect clipRect() const override;
  void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
  void draw(QCPPainter* painter) override;

 private:
  void drawValues(QCPPainter* painter, const QRect& cells) const;
  void drawGroupGaps(QCPPainter* painter, const QRect& cells) const;
  void drawHighlight(QCPPainter* painter) const;

  HeatmapPlot* m_plot;
  QFont m_valueFont;
};

}  // namespace attnscope
