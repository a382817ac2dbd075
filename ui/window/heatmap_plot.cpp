#include "ui/window/heatmap_plot.h"

#include <QApplication>
#include <QHelpEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "ui/model/drawn_cells.h"
#include "ui/model/latest_job.h"
#include "ui/window/heatmap_cells.h"
#include "ui/window/heatmap_hatching.h"
#include "ui/window/heatmap_overlay.h"
#include "ui/window/theme.h"

namespace attnscope {
namespace {

constexpr QPoint kNoCell(-1, -1);
// The cells, their hatching and what is drawn over them (values, highlight) share a buffered
// layer of their own: a new picture of the same matrix redraws that layer alone, not the axes
// and their labels, which take most of a whole replot.
const QString kCellsLayer = QStringLiteral("cells");

}  // namespace

QCPColorGradient colorGradient(ColorMapName map) {
  const std::span<const QRgb> stops = colorStops(map);
  QMap<double, QColor> colorStopsByPosition;
  for (std::size_t i = 0; i < stops.size(); ++i) {
    colorStopsByPosition.insert(double(i) / double(stops.size() - 1), QColor::fromRgb(stops[i]));
  }
  QCPColorGradient gradient;
  gradient.setColorInterpolation(QCPColorGradient::ciRGB);
  gradient.setColorStops(colorStopsByPosition);
  gradient.setLevelCount(512);  // fine enough that the quantisation is invisible
  return gradient;
}

HeatmapPlot::HeatmapPlot(QWidget* parent)
    : QCustomPlot(parent),
      m_data(std::make_shared<const HeatmapData>()),
      m_picture(std::make_shared<const CellPicture>()),
      m_pictureJob(new LatestJob(this)),
      m_title(new QCPTextElement(this)),
      m_marginGroup(new QCPMarginGroup(this)),
      m_rowTicker(new QCPAxisTickerText),
      m_colTicker(new QCPAxisTickerText) {
  addLayer(kCellsLayer, layer(QStringLiteral("main")), limAbove);
  layer(kCellsLayer)->setMode(QCPLayer::lmBuffered);
  // QCustomPlot's own buffered top layer holds only a selection rectangle, which a heatmap does
  // not draw: sharing the axes' buffer saves clearing and drawing one more on every replot.
  layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmLogical);
  // Drawn in the order made: blocked cells' hatching, the cells over it (transparent where
  // blocked), then the values and outlines.
  m_hatching = new BlockedCellHatching(this, kCellsLayer);
  setCurrentLayer(kCellsLayer);
  m_cells = new HeatmapCells(this);
  m_overlay = new HeatmapOverlay(this);
  setCurrentLayer(QStringLiteral("main"));
  setMouseTracking(true);

  // Keys along the top, queries down the left with row 0 at the top, as a matrix is read. The
  // bottom and right axes only close the frame, which white cells (grayscale) need on paper.
  yAxis->setRangeReversed(true);
  xAxis2->setTicker(m_colTicker);
  yAxis->setTicker(m_rowTicker);
  for (QCPAxis* axis : axisRect()->axes()) {
    axis->setVisible(true);
    axis->grid()->setVisible(false);
    axis->setSubTicks(false);
    axis->setOffset(1);  // the frame beside the cells, not over their first pixels
  }
  for (QCPAxis* axis : {xAxis, yAxis2}) {
    axis->setTicks(false);
    axis->setTickLabels(false);
  }
  axisRect()->setRangeDragAxes(xAxis2, yAxis);
  axisRect()->setRangeZoomAxes(xAxis2, yAxis);
  axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, m_marginGroup);
  connect(xAxis2, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
          [this] { keepRangeInside(xAxis2, m_data->cols); });
  connect(yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
          [this] { keepRangeInside(yAxis, m_data->rows); });
  connect(this, &QCustomPlot::beforeReplot, this, &HeatmapPlot::updatePicture);
  connect(this, &QCustomPlot::afterReplot, this, [this] {
    m_cellsReplotQueued = false;  // drawn with everything else
    emit cellsDrawn();
  });

  m_title->setVisible(false);  // joins the layout once there is a title
  setZoomable(false);
  updateColorScale();
  applyStyle();
  resetView();
}

void HeatmapPlot::setHeatmap(HeatmapData data) {
  auto shared = std::make_shared<const HeatmapData>(std::move(data));
  setHeatmap(shared, nullptr);
}

void HeatmapPlot::setHeatmap(std::shared_ptr<const HeatmapData> data,
                             std::shared_ptr<const CellPicture> picture) {
  const std::size_t cells = data->storedCells();
  Q_ASSERT(data->values.size() == cells);
  Q_ASSERT(data->blocked.empty() || data->blocked.size() == cells);
  if (data->values.size() != cells || (!data->blocked.empty() && data->blocked.size() != cells)) {
    HeatmapData padded = *data;
    padded.values.resize(cells);
    if (!padded.blocked.empty()) padded.blocked.resize(cells);
    data = std::make_shared<const HeatmapData>(std::move(padded));
    picture.reset();
  }

  const bool sameShape = data->rows == m_data->rows && data->cols == m_data->cols;
  const bool sameLabels =
      data->rowLabels == m_data->rowLabels && data->colLabels == m_data->colLabels;
  m_data = std::move(data);
  if (!sameShape || !sameLabels) {
    m_labelsDirty = true;
    updateGeometry();  // other labels want other room: a grid places its tiles again
  }
  if (!sameShape) resetView();
  if (!picture) {
    // Made here: the matrices of the step-through and the mask editor are small.
    picture = std::make_shared<const CellPicture>(paintCells(
        drawnCells(*m_data, visibleCells()), m_mapName, {m_valueRange.lower, m_valueRange.upper}));
  } else {
    setColorMap(picture->map);
    setValueRange(picture->range.first, picture->range.second);
  }
  m_picture = std::move(picture);
  m_requested.reset();  // a picture on its way is of the matrix before
  // The same matrix shape, labels and title: only the cells' layer changes.
  const bool titleChanged = updateTitle();
  if (sameShape && sameLabels && !titleChanged) {
    replotCells();
  } else {
    replot(rpQueuedReplot);
  }
}

void HeatmapPlot::replotCells() {
  if (m_cellsReplotQueued) return;
  m_cellsReplotQueued = true;
  // Queued, as replot(rpQueuedReplot) is, so that a batch of changes costs one redraw.
  QMetaObject::invokeMethod(
      this,
      [this] {
        if (!m_cellsReplotQueued) return;  // a whole replot drew them meanwhile
        m_cellsReplotQueued = false;
        if (mReplotQueued) return;  // a whole replot follows, which draws them
        updatePicture();
        layer(kCellsLayer)->replot();  // a whole replot when the buffers are not ready
        emit cellsDrawn();
      },
      Qt::QueuedConnection);
}

void HeatmapPlot::updatePicture() {
  const std::pair<double, double> range(m_valueRange.lower, m_valueRange.upper);
  if (!m_picture->image.isNull() && (m_picture->map != m_mapName || m_picture->range != range)) {
    // A colour map or range chosen since: a lookup per drawn cell, at most 512 × 512.
    m_picture = std::make_shared<const CellPicture>(paintCells(m_picture->cells, m_mapName, range));
  }
  // Over a large matrix the cells in view are pooled again when the view has moved.
  const DrawnCells wanted = drawnShape(*m_data, visibleCells());
  const auto same = [](const DrawnCells& a, const DrawnCells& b) {
    return a.region == b.region && a.size == b.size;
  };
  if (same(wanted, m_picture->cells) || (m_requested && same(wanted, *m_requested))) return;
  m_requested = wanted;
  m_pictureJob->start([data = m_data, visible = wanted.region, map = m_mapName, range, this] {
    auto picture =
        std::make_shared<const CellPicture>(paintCells(drawnCells(*data, visible), map, range));
    // Back on the GUI thread: kept only while the plot still shows that matrix.
    return [this, data, picture] {
      if (data != m_data) return;
      m_picture = picture;
      m_requested.reset();
      if (updateTitle()) {
        replot(rpQueuedReplot);  // "pooled" came or went: the layout changes
      } else {
        replotCells();
      }
    };
  });
}

void HeatmapPlot::replotColors() {
  // A grid tile has no colour scale: only its cells change colour.
  if (m_colorScale) {
    replot(rpQueuedReplot);
  } else {
    replotCells();
  }
}

bool HeatmapPlot::picturePending() const { return m_requested.has_value(); }

bool HeatmapPlot::isPooled() const {
  return !m_picture->cells.size.isEmpty() && m_picture->cells.pooled();
}

QSizeF HeatmapPlot::pooledBlock() const {
  const DrawnCells& cells = m_picture->cells;
  if (cells.size.isEmpty()) return {1.0, 1.0};
  return {double(cells.region.width()) / cells.size.width(),
          double(cells.region.height()) / cells.size.height()};
}

const HeatmapData& HeatmapPlot::heatmap() const { return *m_data; }

void HeatmapPlot::setColorMap(ColorMapName map) {
  if (map == m_mapName) return;
  m_mapName = map;
  if (m_colorScale) m_colorScale->setGradient(colorGradient(map));
  replotColors();
}

ColorMapName HeatmapPlot::colorMap() const { return m_mapName; }

void HeatmapPlot::setValueRange(double low, double high) {
  // An empty range (a constant matrix under an automatic range) shows the middle colour.
  const QCPRange range = high > low ? QCPRange(low, high) : QCPRange(low - 0.5, low + 0.5);
  if (range == m_valueRange) return;
  m_valueRange = range;
  if (m_colorScale) m_colorScale->setDataRange(m_valueRange);
  replotColors();
}

QCPRange HeatmapPlot::valueRange() const { return m_valueRange; }

void HeatmapPlot::setShowValues(bool show) {
  m_showValues = show;
  replot(rpQueuedReplot);
}

bool HeatmapPlot::showValues() const { return m_showValues; }

void HeatmapPlot::setCompact(bool compact) {
  if (compact == m_compact) return;
  m_compact = compact;
  updateColorScale();
  applyStyle();
  updateTitle();
  replot(rpQueuedReplot);
}

void HeatmapPlot::setShowColorScale(bool show) {
  if (show == m_showColorScale) return;
  m_showColorScale = show;
  updateColorScale();
  applyStyle();
  replot(rpQueuedReplot);
}

void HeatmapPlot::setColumnGroups(int width) {
  m_columnGroups = width;
  replot(rpQueuedReplot);
}

int HeatmapPlot::columnGroups() const { return m_columnGroups; }

void HeatmapPlot::setHighlightedRow(int row) {
  m_highlightedRow = row;
  replot(rpQueuedReplot);
}

int HeatmapPlot::highlightedRow() const { return m_highlightedRow; }

void HeatmapPlot::setToolTipProvider(std::function<QString(int row, int col)> provider) {
  m_toolTipProvider = std::move(provider);
}

void HeatmapPlot::setFontScale(double scale) {
  m_fontScale = scale;
  applyStyle();
  replot(rpQueuedReplot);
}

void HeatmapPlot::setZoomable(bool zoomable) {
  m_zoomable = zoomable;
  setInteraction(QCP::iRangeDrag, zoomable);
  setInteraction(QCP::iRangeZoom, zoomable);
  // Without zoom, wheel events go on to a scroll area around the plot.
  setAttribute(Qt::WA_NoMousePropagation, zoomable);
  if (!zoomable) resetView();
  replot(rpQueuedReplot);
}

// The cells' picture is scaled without smoothing, so a pixel shows (to within Qt's
// fixed-point rounding) the cell its centre falls in. Cell geometry follows the same rule.
std::optional<QPoint> HeatmapPlot::cellAt(const QPointF& position) const {
  const HeatmapData& data = *m_data;
  if (data.rows == 0 || data.cols == 0) return std::nullopt;
  if (!QRectF(yAxis->axisRect()->rect()).contains(position)) return std::nullopt;
  const double x = std::floor(position.x()) + 0.5, y = std::floor(position.y()) + 0.5;
  const int col = int(std::floor(xAxis2->pixelToCoord(x) + 0.5));
  const int row = int(std::floor(yAxis->pixelToCoord(y) + 0.5));
  if (col < 0 || col >= data.cols || row < 0 || row >= data.rows) return std::nullopt;
  return QPoint(col, row);
}

int HeatmapPlot::titleWidth(const QString& title) const {
  return QFontMetrics(m_title->font()).horizontalAdvance(title);
}

QRect HeatmapPlot::cellRect(int row, int col) const { return blockRect(QRect(col, row, 1, 1)); }

QRect HeatmapPlot::blockRect(const QRect& cells) const {
  // The first pixel whose centre lies at or beyond a boundary.
  const auto edge = [](double boundary) { return int(std::ceil(boundary - 0.5)); };
  const int x0 = edge(xAxis2->coordToPixel(cells.left() - 0.5));
  const int x1 = edge(xAxis2->coordToPixel(cells.right() + 0.5));
  const int y0 = edge(yAxis->coordToPixel(cells.top() - 0.5));
  const int y1 = edge(yAxis->coordToPixel(cells.bottom() + 0.5));
  const QRect drawn(QPoint(std::min(x0, x1), std::min(y0, y1)),
                    QPoint(std::max(x0, x1) - 1, std::max(y0, y1) - 1));
  // The picture is clipped to the axis rect.
  return drawn.intersected(yAxis->axisRect()->rect());
}

QRect HeatmapPlot::visibleCells() const {
  const HeatmapData& data = *m_data;
  if (data.rows == 0 || data.cols == 0) return {};
  // Cell i spans [i - 0.5, i + 0.5] in axis coordinates.
  const QCPRange cols = xAxis2->range(), rows = yAxis->range();
  return QRect(QPoint(std::max(0, int(std::floor(cols.lower + 0.5))),
                      std::max(0, int(std::floor(rows.lower + 0.5)))),
               QPoint(std::min(data.cols - 1, int(std::ceil(cols.upper - 0.5))),
                      std::min(data.rows - 1, int(std::ceil(rows.upper - 0.5)))));
}

void HeatmapPlot::setAxisTitles(const QString& rows, const QString& cols) {
  if (rows == m_rowTitle && cols == m_colTitle) return;
  m_rowTitle = rows;
  m_colTitle = cols;
  applyEdges();
}

void HeatmapPlot::setLabelledEdges(bool rows, bool cols) {
  if (rows == m_labelledRows && cols == m_labelledCols) return;
  m_labelledRows = rows;
  m_labelledCols = cols;
  applyEdges();
}

void HeatmapPlot::applyEdges() {
  yAxis->setTicks(m_labelledRows);
  yAxis->setTickLabels(m_labelledRows);
  yAxis->setLabel(m_labelledRows ? m_rowTitle : QString());
  xAxis2->setTicks(m_labelledCols);
  xAxis2->setTickLabels(m_labelledCols);
  xAxis2->setLabel(m_labelledCols ? m_colTitle : QString());
  replot(rpQueuedReplot);
}

void HeatmapPlot::setRoomAroundMap(std::optional<QMargins> room) {
  if (room == m_room) return;
  m_room = room;
  axisRect()->setAutoMargins(room ? QCP::msNone : QCP::msAll);
  replot(rpQueuedReplot);
}

QStringList HeatmapPlot::shownRowLabels() const {
  return m_labelledRows ? m_rowTicker->ticks().values() : QStringList();
}

QStringList HeatmapPlot::shownColLabels() const {
  return m_labelledCols ? m_colTicker->ticks().values() : QStringList();
}

void HeatmapPlot::resetZoom() {
  resetView();
  replot(rpQueuedReplot);
}

void HeatmapPlot::showCells(const QRect& cells) {
  // Cell i spans [i - 0.5, i + 0.5]; rangeChanged keeps the ranges on the matrix.
  xAxis2->setRange(cells.left() - 0.5, cells.right() + 0.5);
  yAxis->setRange(cells.top() - 0.5, cells.bottom() + 0.5);
  replot(rpQueuedReplot);
}

int HeatmapPlot::titleRoom() const {
  if (!m_title->visible()) return 0;
  const QCPLayoutElement* title = m_title;  // the size hint is public as a layout element's
  return title->minimumOuterSizeHint().height() + plotLayout()->rowSpacing();
}

void HeatmapPlot::updateLayout() {
  if (m_room) {
    // The title's row, with the layout's spacing, lies between the room's top and the axis rect.
    const QMargins padding = plotLayout()->margins();
    axisRect()->setMargins(*m_room - padding - QMargins(0, titleRoom(), 0, 0));
  }
  QCustomPlot::updateLayout();
  // How many labels fit depends on the axis rect's size, known only now; new labels can change
  // the margins, so lay out once more.
  if (updateAxisLabels()) QCustomPlot::updateLayout();
}

namespace {

double widestLabel(const std::vector<AxisLabel>& labels) {
  double widest = 0;
  for (const AxisLabel& label : labels) widest = std::max(widest, label.width);
  return widest;
}

// The smallest labels, as their line height in pixels: a 5-point font on a 96-dpi screen, still
// read at a desk, which lets 24 tokens keep their labels in 8 heads with the controls open.
constexpr double kSmallestLabelLine = 7.5;

}  // namespace

namespace {
// The longest label in average characters: "internationalization" and its like stay whole.
constexpr double kMaxLabelCharacters = 32.0;
}  // namespace

std::pair<LabelFit, QFont> HeatmapPlot::fitFor(QSizeF map) {
  const QFontMetricsF metrics(m_tickFont);
  const double charWidth = metrics.averageCharWidth();
  // Whole tokens up to 0.3 of the map's shorter side, and at least 6 average characters
  // of the unscaled font in a grid tile, 10 in a large map: a tile too small for a long token
  // elides it rather than letting it crowd out the cells. Counted in whole characters, so
  // resizing changes it in steps and the label cache keeps few widths. A smaller font fits
  // more characters in the same width.
  // At most kMaxLabelCharacters whatever the size: the room labels take grows the plot's
  // minimum size, and a label that grew with the map would grow the window with it (a pasted
  // 5 000-character word widened it past 38 000 px).
  const double maxWidth =
      charWidth * std::clamp(std::floor(0.3 * std::min(map.width(), map.height()) / charWidth),
                             m_compact ? 6.0 : 10.0, kMaxLabelCharacters);
  if (m_labelsDirty || maxWidth != m_labelMaxWidth) {
    m_labelMaxWidth = maxWidth;
    m_rowLabels = axisLabels(m_data->rowLabels, m_data->rows, m_tickFont, maxWidth);
    m_colLabels = axisLabels(m_data->colLabels, m_data->cols, m_tickFont, maxWidth);
    m_widestRowLabel = widestLabel(m_rowLabels);
    m_widestColLabel = widestLabel(m_colLabels);
    m_labelsDirty = false;
    m_shownDirty = true;
  }
  const double rowPitch = map.height() / yAxis->range().size();
  const double colPitch = map.width() / xAxis2->range().size();
  // Key labels lying flat want a character's air beside them.
  const LabelFit fit = fitLabels(rowPitch, colPitch, metrics.height(), m_widestColLabel + charWidth,
                                 kSmallestLabelLine / metrics.height());
  QFont font = m_tickFont;
  // Rounded down to a quarter point (or a pixel), which keeps the label cache small, and a
  // step further while hinting makes its lines taller than the scale promised (small sizes).
  const bool points = font.pointSizeF() > 0;
  const double steps = points ? 4.0 : 1.0;
  double size = std::floor((points ? font.pointSizeF() : font.pixelSize()) * fit.scale * steps);
  const double limit = std::min(rowPitch, fit.colsUpright ? colPitch : rowPitch);
  for (;; --size) {
    if (points) {
      font.setPointSizeF(std::max(1.0, size / steps));
    } else {
      font.setPixelSize(std::max(1, int(size)));
    }
    const double line = QFontMetricsF(font).height();
    if (fit.scale >= 1.0 || line <= limit || line <= kSmallestLabelLine || size <= steps) break;
  }
  return {fit, font};
}

QMargins HeatmapPlot::roomAroundMap(QSizeF map, bool labelledRows, bool labelledCols) {
  const auto [fit, font] = fitFor(map);
  const QFontMetricsF metrics(font);
  const QFontMetricsF titleMetrics(yAxis->labelFont());
  // An axis's room, as QCustomPlot lays it out: its offset, the tick marks, the labels' padding
  // and extent, the title below its padding, the axis's padding; a pixel more for rounding.
  const auto axisRoom = [&](QCPAxis* axis, bool labelled, double extent, const QString& title) {
    if (!labelled) return axis->offset() + axis->padding();
    double room = axis->offset() + axis->tickLengthOut() + axis->tickLabelPadding() +
                  std::ceil(extent) + axis->padding() + 1;
    if (!title.isEmpty()) room += axis->labelPadding() + std::ceil(titleMetrics.height());
    return int(room);
  };
  // The labels were measured in the unscaled font; in this one they are narrower in about the
  // ratio of the fonts' character widths (a twentieth more for hinting), which costs no
  // measuring of every token at every size a grid tries.
  const double ratio = metrics.averageCharWidth() / QFontMetricsF(m_tickFont).averageCharWidth();
  const auto scaled = [ratio](double width) { return width * ratio * 1.05 + 1; };
  const double colExtent = fit.colsUpright ? scaled(m_widestColLabel) : std::ceil(metrics.height());
  const QMargins axes(axisRoom(yAxis, labelledRows, scaled(m_widestRowLabel), m_rowTitle),
                      axisRoom(xAxis2, labelledCols, colExtent, m_colTitle),
                      xAxis->offset() + xAxis->padding(), yAxis2->offset() + yAxis2->padding());
  return axes + plotLayout()->margins() + QMargins(0, titleRoom(), 0, 0);
}

bool HeatmapPlot::updateAxisLabels() {
  const QSizeF map = axisRect()->rect().size();
  const auto [fit, font] = fitFor(map);
  if (!m_shownDirty && font == m_shownFont && fit.rowStep == m_shownFit.rowStep &&
      fit.colStep == m_shownFit.colStep && fit.colsUpright == m_shownFit.colsUpright) {
    return false;
  }
  m_shownDirty = false;
  m_shownFont = font;
  m_shownFit = fit;
  const auto ticks = [](const std::vector<AxisLabel>& labels, int step) {
    QMap<double, QString> result;
    for (std::size_t i = 0; i < labels.size(); i += std::size_t(step)) {
      result.insert(double(i), labels[i].text);
    }
    return result;
  };
  m_rowTicker->setTicks(ticks(m_rowLabels, fit.rowStep));
  m_colTicker->setTicks(ticks(m_colLabels, fit.colStep));
  yAxis->setTickLabelFont(font);
  xAxis2->setTickLabelFont(font);
  xAxis2->setTickLabelRotation(fit.colsUpright ? -90 : 0);
  return true;
}

void HeatmapPlot::applyStyle() {
  const QPalette colors = palette();
  const QColor text = colors.color(QPalette::WindowText);
  QColor line = text;
  line.setAlphaF(0.6);
  setBackground(colors.window());

  const QFont tickFont = scaledFont(m_compact ? 0.85 : 1.0);
  m_tickFont = tickFont;
  const int tickLength = int(std::lround(4 * m_fontScale));
  QList<QCPAxis*> axes = axisRect()->axes();
  if (m_colorScale) axes += m_colorScale->axis()->axisRect()->axes();
  for (QCPAxis* axis : axes) {
    axis->setTickLabelFont(tickFont);
    axis->setTickLabelColor(text);
    axis->setTickPen(QPen(line));
    axis->setSubTickPen(QPen(line));
    axis->setBasePen(QPen(line));
    axis->setTickLength(0, m_compact ? 2 : tickLength);
    axis->setSubTickLength(0, m_compact ? 1 : tickLength / 2);
    axis->setTickLabelPadding(int(std::lround(3 * m_fontScale)));
    axis->setLabelFont(tickFont);
    axis->setLabelColor(text);
    axis->setLabelPadding(int(std::lround(2 * m_fontScale)));
    axis->setPadding(1);
  }
  if (m_colorScale) {
    m_colorScale->setBarWidth(int(std::lround(14 * m_fontScale)));
    // Apart from the tick, so that a minus sign does not read as part of it.
    m_colorScale->axis()->setTickLabelPadding(int(std::lround(5 * m_fontScale)));
  }
  const int padding = m_compact ? 2 : int(std::lround(6 * m_fontScale));
  plotLayout()->setMargins(QMargins(padding, padding, padding, padding));
  // Room below the map for the colour scale's lowest label, which is centred on its edge.
  const int halfLine = int(std::ceil(QFontMetricsF(tickFont).height() / 2));
  axisRect()->setMinimumMargins(QMargins(0, 0, 0, m_colorScale ? halfLine : 2));

  QFont titleFont = scaledFont(m_compact ? 0.95 : 1.2);
  titleFont.setBold(true);
  m_title->setFont(titleFont);
  m_title->setTextColor(text);

  m_overlay->setValueFont(scaledFont(m_compact ? 0.75 : 1.0));
  // A neutral grey that stands apart from the page, with hatching that shows on it.
  const bool dark = isDark(colors);
  m_hatching->setColors(dark ? QColor(0x60, 0x60, 0x60) : QColor(0xc8, 0xc8, 0xc8),
                        dark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x60, 0x60, 0x60));
  m_labelsDirty = true;
}

QFont HeatmapPlot::scaledFont(double factor) const {
  QFont result = font();  // the widget's family, so CJK fallback works as everywhere else
  if (result.pointSizeF() > 0) {
    result.setPointSizeF(result.pointSizeF() * factor);
  } else {
    result.setPixelSize(std::max(1, int(std::lround(result.pixelSize() * factor))));
  }
  return result;
}

bool HeatmapPlot::updateTitle() {
  QString text = m_data->title;
  if (isPooled()) {
    const QSizeF block = pooledBlock();
    // "about 2 × 2", "about 1.5 × 2": one decimal, none when it is 0.
    const auto about = [](double count) { return QString::number(std::round(count * 10) / 10); };
    const QString note = m_compact ? tr("pooled")
                                   : tr("each cell shows the mean of about %1 × %2 token pairs")
                                         .arg(about(block.height()), about(block.width()));
    text = text.isEmpty() ? note : text + QStringLiteral(" · ") + note;
  }
  const bool wanted = !text.isEmpty();
  if (text == m_title->text() && wanted == m_title->visible()) return false;
  m_title->setText(text);
  // The layout keeps space for hidden elements, so an empty title leaves it.
  const bool inLayout = m_title->layout() != nullptr;
  if (wanted && !inLayout) {
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);
  } else if (!wanted && inLayout) {
    plotLayout()->take(m_title);
    plotLayout()->simplify();
  }
  m_title->setVisible(wanted);
  return true;
}

void HeatmapPlot::updateColorScale() {
  const bool wanted = m_showColorScale && !m_compact;
  if (wanted == (m_colorScale != nullptr)) return;
  if (wanted) {
    m_colorScale = new QCPColorScale(this);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, m_marginGroup);
    m_colorScale->setGradient(colorGradient(m_mapName));
    m_colorScale->setDataRange(m_valueRange);
    plotLayout()->addElement(plotLayout()->rowCount() - 1, 1, m_colorScale);
  } else {
    plotLayout()->remove(m_colorScale);
    plotLayout()->simplify();
    m_colorScale = nullptr;
  }
}

void HeatmapPlot::resetView() {
  xAxis2->setRange(-0.5, std::max(m_data->cols, 1) - 0.5);
  yAxis->setRange(-0.5, std::max(m_data->rows, 1) - 0.5);
}

void HeatmapPlot::keepRangeInside(QCPAxis* axis, int cells) {
  // Zoom and pan stay on the matrix and show at least one cell.
  const QCPRange full(-0.5, std::max(cells, 1) - 0.5);
  const QCPRange range = axis->range();
  const double size = std::clamp(range.size(), std::min(1.0, full.size()), full.size());
  const double lower = std::clamp(range.lower, full.lower, full.upper - size);
  const QCPRange wanted(lower, lower + size);
  if (wanted != range) axis->setRange(wanted);
}

bool HeatmapPlot::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    const std::optional<QPoint> cell = cellAt(help->pos());
    const QString text =
        cell && m_toolTipProvider ? m_toolTipProvider(cell->y(), cell->x()) : QString();
    if (text.isEmpty()) {
      QToolTip::hideText();
      event->ignore();
    } else {
      // Shown while the mouse stays on this cell.
      QToolTip::showText(help->globalPos(), text, this, cellRect(cell->y(), cell->x()));
    }
    return true;
  }
  return QCustomPlot::event(event);
}

void HeatmapPlot::changeEvent(QEvent* event) {
  QCustomPlot::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    applyStyle();
    replot(rpQueuedReplot);
  }
}

void HeatmapPlot::leaveEvent(QEvent* event) {
  QCustomPlot::leaveEvent(event);
  setHoveredCell(kNoCell);
}

void HeatmapPlot::mousePressEvent(QMouseEvent* event) {
  QCustomPlot::mousePressEvent(event);
  if (event->button() != Qt::LeftButton) return;
  m_pressPosition = event->position();
  const std::optional<QPoint> cell = cellAt(event->position());
  m_dragCell = cell.value_or(kNoCell);
  if (cell) emit cellPressed(cell->y(), cell->x());
}

void HeatmapPlot::mouseMoveEvent(QMouseEvent* event) {
  QCustomPlot::mouseMoveEvent(event);
  const std::optional<QPoint> cell = cellAt(event->position());
  setHoveredCell(cell.value_or(kNoCell));
  if ((event->buttons() & Qt::LeftButton) && cell && *cell != m_dragCell) {
    m_dragCell = *cell;
    emit cellDragged(cell->y(), cell->x());
  }
}

void HeatmapPlot::mouseReleaseEvent(QMouseEvent* event) {
  QCustomPlot::mouseReleaseEvent(event);
  if (event->button() != Qt::LeftButton || !m_pressPosition) return;
  const double moved = (event->position() - *m_pressPosition).manhattanLength();
  m_pressPosition.reset();
  m_dragCell = kNoCell;
  if (moved < QApplication::startDragDistance()) emit clicked();
}

void HeatmapPlot::mouseDoubleClickEvent(QMouseEvent* event) {
  QCustomPlot::mouseDoubleClickEvent(event);
  m_pressPosition.reset();  // its release is not a second click
  if (m_zoomable && event->button() == Qt::LeftButton) {
    resetView();
    replot(rpQueuedReplot);
  }
}

void HeatmapPlot::wheelEvent(QWheelEvent* event) {
  if (!m_zoomable) {
    event->ignore();
    return;
  }
  QCustomPlot::wheelEvent(event);
}

void HeatmapPlot::setHoveredCell(QPoint cell) {
  if (cell == m_hoveredCell) return;
  m_hoveredCell = cell;
  emit cellHovered(cell.y(), cell.x());
}

}  // namespace attnscope
