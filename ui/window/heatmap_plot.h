#pragma once

#include <qcustomplot.h>

#include <QPoint>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "ui/model/cell_picture.h"
#include "ui/model/color_map.h"
#include "ui/model/heatmap_data.h"
#include "ui/model/heatmap_labels.h"

namespace attnscope {

class BlockedCellHatching;
class HeatmapCells;
class HeatmapOverlay;
class LatestJob;

// The colour map as a gradient for QCPColorScale (range 0..1 → the map).
QCPColorGradient colorGradient(ColorMapName map);

// A heatmap of one matrix as attention is read: query row 0 at the top, query tokens down the
// left, key tokens along the top, one crisp cell per (query, key) pair centred on integer
// coordinates. Blocked cells are hatched. Token labels are whole up to a readable width; when
// they do not fit their cells they are drawn smaller (down to a readable size) or, for keys,
// upright, and only then thinned to every n-th token. Colours of axes and text follow the widget
// palette; the heat colours come from the colour map. Setters replot queued, so a batch of changes
// costs one replot. The cells are drawn as one picture (ui/model/cell_picture.h): a view can hand
// over one made on a worker thread, and zooming or panning a large matrix pools its cells in view
// again off the GUI thread while the picture shown stays in place, scaled.
class HeatmapPlot : public QCustomPlot {
  Q_OBJECT

 public:
  explicit HeatmapPlot(QWidget* parent = nullptr);

  // values.size() must be rows × cols and blocked empty or the same size (asserted; a wrong size
  // is padded with zeros). Missing labels show the 0-based position. Zoom is kept while the shape
  // stays the same. The picture is made here, on the calling thread.
  void setHeatmap(HeatmapData data);
  // The same with a picture of `data` made elsewhere (result_maps.h): the plot takes its colour
  // map and range. Sizes as setHeatmap; a picture of another region than the view's is drawn
  // where it belongs until the cells in view are pooled again.
  void setHeatmap(std::shared_ptr<const HeatmapData> data,
                  std::shared_ptr<const CellPicture> picture);
  const HeatmapData& heatmap() const;
  // What is drawn: the picture of the cells in view, or the last one while a new one is made.
  const CellPicture& picture() const { return *m_picture; }
  // A picture of the cells in view is being made off the GUI thread.
  bool picturePending() const;

  void setColorMap(ColorMapName map);
  ColorMapName colorMap() const;
  // The values shown at the two ends of the colour map, e.g. 0..1 shared by all heads.
  void setValueRange(double low, double high);
  QCPRange valueRange() const;

  // Prints each cell's value (formatCellValue) when every visible value fits in its cell, in
  // black or white, whichever contrasts more with the cell.
  void setShowValues(bool show);
  bool showValues() const;
  // A grid tile: smaller fonts, more thinning, no colour scale.
  void setCompact(bool compact);
  // A colour scale beside the map (never in compact mode).
  void setShowColorScale(bool show);
  // Columns come in groups of this width (a matrix split into heads): a gap is drawn between
  // groups; 0 = no groups.
  void setColumnGroups(int width);
  int columnGroups() const;
  // Outlines a query row; -1 = none.
  void setHighlightedRow(int row);
  int highlightedRow() const;
  // Text of the tooltip over a cell; none when unset or when it returns an empty string.
  void setToolTipProvider(std::function<QString(int row, int col)> provider);
  // Sizes that do not follow the font (tick marks, padding, the colour scale's bar), for
  // presentation mode: 1.0 normal, about 1.6 for a projector. Text follows the widget's font.
  void setFontScale(double scale);
  // What the rows and the columns are, e.g. "queries" and "keys", beside their labels.
  void setAxisTitles(const QString& rows, const QString& cols);
  // A tile in a grid that shares its labels: only a tile on the grid's left edge labels its rows
  // and only one on its top edge its columns.
  void setLabelledEdges(bool rows, bool cols);
  // The pixels between the widget's edges and a map of `map` pixels, with the labels as they
  // would be drawn at that size: what a grid needs to give each tile equal maps.
  QMargins roomAroundMap(QSizeF map, bool labelledRows, bool labelledCols);
  // Keeps exactly this room around the map (a grid's tiles); nullopt: as the labels need.
  void setRoomAroundMap(std::optional<QMargins> room);
  // The labels drawn, with every n-th token: the rows' and the columns' (empty on an edge
  // without labels).
  QStringList shownRowLabels() const;
  QStringList shownColLabels() const;
  // The whole matrix in view ("fit"), as a double-click does.
  void resetZoom();
  // Zooms to the cells of `cells` (x = col, y = row), cut to the matrix: a window of tokens.
  void showCells(const QRect& cells);
  // Wheel zoom and drag to pan, for reading regions of long sequences; double-click resets.
  void setZoomable(bool zoomable);
  // Whether the drawn cells are means over blocks of cells (a picture, or a large matrix
  // seen whole), and how many matrix cells one drawn cell covers across and down, on average.
  bool isPooled() const;
  QSizeF pooledBlock() const;

  // Cell under a widget position (x = col, y = row), or nullopt outside the cells.
  std::optional<QPoint> cellAt(const QPointF& position) const;
  // The visible pixels of a cell (empty when zoomed out of view), valid after a replot; the
  // inverse of cellAt. Follows the picture's unsmoothed scaling to within a pixel.
  QRect cellRect(int row, int col) const;
  // How wide `title` is drawn in this plot's title font (which follows presentation mode).
  int titleWidth(const QString& title) const;
  // The same for a block of cells (x = col, y = row).
  QRect blockRect(const QRect& cells) const;
  // The cells at least partly in view (x = col, y = row); empty when there are none.
  QRect visibleCells() const;

 signals:
  void cellHovered(int row, int col);  // (-1, -1) when the mouse leaves the cells
  void cellPressed(int row, int col);  // left button down on a cell
  void cellDragged(int row, int col);  // entering another cell with the left button held
  void clicked();                      // a left click anywhere that was not a drag
  // The cells were drawn anew: by a whole replot, or by a redraw of their layer alone.
  void cellsDrawn();

 protected:
  void updateLayout() override;
  bool event(QEvent* event) override;
  void changeEvent(QEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  // How the labels fit a map of this many pixels, and their font.
  std::pair<LabelFit, QFont> fitFor(QSizeF map);
  void applyEdges();
  // The title's row with the layout's spacing below it; 0 without a title.
  int titleRoom() const;
  void applyStyle();
  // Shows the title and the pooling note; whether they changed (the layout then changes too).
  bool updateTitle();
  // Redraws the cells' layer alone, queued: a new picture of the same matrix.
  void replotCells();
  // After a new colour map or range: the cells, and the colour scale if there is one.
  void replotColors();
  // Before each replot: colours the picture again when the colour map or range changed, and asks
  // for a new one when the view moved over a large matrix.
  void updatePicture();
  void updateColorScale();
  bool updateAxisLabels();
  void resetView();
  void keepRangeInside(QCPAxis* axis, int cells);
  void setHoveredCell(QPoint cell);
  QFont scaledFont(double factor) const;

  std::shared_ptr<const HeatmapData> m_data;
  std::shared_ptr<const CellPicture> m_picture;  // never null
  LatestJob* m_pictureJob;
  std::optional<DrawnCells> m_requested;  // the region and size of the picture being made
  HeatmapCells* m_cells;
  bool m_cellsReplotQueued = false;
  BlockedCellHatching* m_hatching;  // under the cells' picture
  HeatmapOverlay* m_overlay;
  QCPTextElement* m_title;
  QCPColorScale* m_colorScale = nullptr;  // exists only while shown
  QCPMarginGroup* m_marginGroup;
  QSharedPointer<QCPAxisTickerText> m_rowTicker, m_colTicker;

  ColorMapName m_mapName = ColorMapName::Viridis;
  QCPRange m_valueRange{0.0, 1.0};
  bool m_showValues = false;
  bool m_compact = false;
  bool m_showColorScale = true;
  bool m_zoomable = false;
  int m_columnGroups = 0;
  int m_highlightedRow = -1;
  double m_fontScale = 1.0;
  std::function<QString(int, int)> m_toolTipProvider;

  // Axis labels: measured in the unscaled tick font once per data, font or elision width, and
  // fitted on every layout (drawn in a smaller font, the same texts).
  QFont m_tickFont;  // unscaled
  bool m_labelsDirty = true;
  double m_labelMaxWidth = 0;                       // whole tokens up to this many pixels
  std::vector<AxisLabel> m_rowLabels, m_colLabels;  // in the unscaled font, elided
  double m_widestRowLabel = 0, m_widestColLabel = 0;
  QFont m_shownFont;
  LabelFit m_shownFit;
  bool m_shownDirty = true;
  bool m_labelledRows = true, m_labelledCols = true;
  QString m_rowTitle, m_colTitle;
  std::optional<QMargins> m_room;

  // Mouse state.
  QPoint m_hoveredCell{-1, -1};
  QPoint m_dragCell{-1, -1};
  std::optional<QPointF> m_pressPosition;
};

}  // namespace attnscope
