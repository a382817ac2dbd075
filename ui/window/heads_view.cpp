#include "ui/window/heads_view.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <utility>

#include "ui/model/attention_document.h"
#include "ui/model/head_maps.h"
#include "ui/window/attention_lines_view.h"
#include "ui/window/color_bar.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/matrix_menu.h"
#include "ui/window/tile_grid_layout.h"
#include "ui/window/token_window_bar.h"

namespace attnscope {

HeadsView::HeadsView(AttentionDocument* document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_pages(new QStackedWidget),
      m_gridPage(new QWidget),
      m_grid(new TileGridLayout(m_gridPage)),
      m_largePage(new QWidget),
      m_backButton(new QPushButton),
      m_largeHint(new QLabel),
      m_showMatrix(new QToolButton),
      m_showLines(new QToolButton),
      m_showBoth(new QToolButton),
      m_windowBar(new TokenWindowBar),
      m_split(new QSplitter(Qt::Horizontal)),
      m_large(new HeatmapPlot),
      m_lines(new AttentionLinesView),
      m_colorBar(new ColorBar) {
  m_grid->setSpacing(6);
  m_grid->setContentsMargins(0, 0, 0, 0);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(m_gridPage);
  m_pages->addWidget(scroll);

  auto* largeLayout = new QVBoxLayout(m_largePage);
  largeLayout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_backButton);
  bar->addWidget(m_largeHint, 1);
  for (QToolButton* button : {m_showMatrix, m_showLines, m_showBoth}) {
    button->setCheckable(true);
    button->setAutoExclusive(true);
    bar->addWidget(button);
  }
  m_showBoth->setChecked(true);
  largeLayout->addLayout(bar);
  largeLayout->addWidget(m_windowBar);
  m_split->addWidget(m_large);
  m_split->addWidget(m_lines);
  m_split->setStretchFactor(0, 3);
  m_split->setStretchFactor(1, 2);
  m_split->setChildrenCollapsible(false);
  largeLayout->addWidget(m_split, 1);
  m_pages->addWidget(m_largePage);
  m_large->setShowValues(true);
  m_large->setZoomable(true);
  offerMatrixMenu(
      m_large, [this](const HeatmapData& data, QPoint at) { emit matrixMenuRequested(data, at); });

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_pages, 1);
  layout->addWidget(m_colorBar);

  connect(m_backButton, &QPushButton::clicked, this, [this] {
    SessionView view = m_document->view();
    view.focusedHead.reset();
    m_document->setView(view);
  });
  connect(m_showMatrix, &QToolButton::clicked, this, [this] { setLargeView(LargeView::Matrix); });
  connect(m_showLines, &QToolButton::clicked, this, [this] { setLargeView(LargeView::Lines); });
  connect(m_showBoth, &QToolButton::clicked, this, [this] { setLargeView(LargeView::Both); });
  connect(m_windowBar, &TokenWindowBar::windowChanged, this, &HeadsView::applyTokenWindow);
  // A query chosen among the lines is the lesson's: the step-through and the matrix follow.
  connect(m_lines, &AttentionLinesView::queryChosen, this, [this](int query) {
    SessionView view = m_document->view();
    view.selectedQuery = query;
    m_document->setView(view);
  });
  connect(document, &AttentionDocument::resultChanged, this, &HeadsView::showResult);
  connect(document, &AttentionDocument::viewChanged, this, &HeadsView::showView);
  retranslate();
  showResult(document->result());
}

QList<HeatmapPlot*> HeadsView::tiles() const { return m_tiles; }

bool HeadsView::showsLargeHead() const { return m_pages->currentWidget() == m_largePage; }

void HeadsView::setFontScale(double scale) {
  m_fontScale = scale;
  for (HeatmapPlot* tile : m_tiles) tile->setFontScale(scale);
  m_large->setFontScale(scale);
  m_lines->setFontScale(scale);
}

std::optional<LinesFigure> HeadsView::linesFigure() const {
  if (!showsLargeHead() || m_largeView != LargeView::Lines) return std::nullopt;
  const TokenWindow window = m_windowBar->window();
  // A whole sentence is the figure's default; only a window of a long one is named.
  const bool whole = window.from == 0 && window.to >= m_lines->weights().rows;
  return LinesFigure{m_document->view().selectedQuery, whole ? TokenWindow{} : window};
}

void HeadsView::setLargeView(LargeView shown) {
  m_largeView = shown;
  m_showMatrix->setChecked(shown == LargeView::Matrix);
  m_showLines->setChecked(shown == LargeView::Lines);
  m_showBoth->setChecked(shown == LargeView::Both);
  showLargeViews();
}

void HeadsView::showLargeViews() {
  m_large->setVisible(m_largeView != LargeView::Lines);
  // A pooled picture's lines are only a hint: shown when asked for alone.
  m_lines->setVisible(m_largeView == LargeView::Lines ||
                      (m_largeView == LargeView::Both && !(m_result && m_result->pooled())));
}

void HeadsView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void HeadsView::retranslate() {
  m_backButton->setText(tr("◀ All heads"));
  m_backButton->setToolTip(tr("Back to the grid of heads (Esc)"));
  m_largeHint->setText(tr("Scroll to zoom, drag to pan, double-click to reset."));
  m_showMatrix->setText(tr("Matrix"));
  m_showMatrix->setToolTip(tr("Show the head's weights as a matrix"));
  m_showLines->setText(tr("Lines"));
  m_showLines->setToolTip(
      tr("Show the head's weights as lines from each query to each key, as wide and as dark as "
         "the weight; click a query to choose it"));
  m_showBoth->setText(tr("Both"));
  m_showBoth->setToolTip(tr("Show the matrix and the lines side by side"));
  refresh();
}

void HeadsView::showResult(const std::shared_ptr<const AttentionResult>& result) {
  // On an error the last good picture stays; the window shows the problem beside it.
  if (result && result->computed()) m_result = result;
  refresh();
  if (result && result->computed()) emit resultShown();
}

void HeadsView::showView(const SessionView&) { refresh(); }

void HeadsView::openTile(int tile) {
  SessionView view = m_document->view();
  if (view.averageOfHeads || showsRollout() || tile < 0) return;
  if (showsAllLayers()) {
    // The overview's tile (layer, head): that layer becomes the lesson's, its head opens large.
    const int heads = m_result->heads();
    Lesson lesson = m_document->parameters();
    lesson.model.layer = tile / heads + 1;
    view.allLayers = false;
    view.focusedHead = tile % heads;
    m_document->setView(view);
    m_document->change(lesson, tr("Show layer %1").arg(lesson.model.layer));
    return;
  }
  view.focusedHead = tile;
  m_document->setView(view);
}

void HeadsView::ensureTiles(int count, int columns) {
  while (m_tiles.size() > count) delete m_tiles.takeLast();
  while (m_tiles.size() < count) {
    auto* tile = new HeatmapPlot;
    tile->setCompact(true);
    tile->setFontScale(m_fontScale);
    offerMatrixMenu(
        tile, [this](const HeatmapData& data, QPoint at) { emit matrixMenuRequested(data, at); });
    const int index = int(m_tiles.size());
    connect(tile, &HeatmapPlot::clicked, this, [this, index] { openTile(index); });
    m_tiles.append(tile);
  }
  m_grid->setTiles(m_tiles, columns);
}

void HeadsView::configure(HeatmapPlot* plot, int head, bool large) {
  const SessionView& view = m_document->view();
  HeatmapData data = m_result->pooled() ? pooledHeatmap(*m_result, head)
                     : head < 0         ? averageHeatmap(*m_result)
                                        : headHeatmap(*m_result, head, ScoreStage::Weights);
  const auto [low, high] = view.automaticRange ? valueRange(data) : std::pair(0.0, 1.0);
  plot->setColorMap(viewColorMap(view));
  plot->setValueRange(low, high);
  plot->setShowColorScale(large);
  plot->setAxisTitles(tr("queries"), tr("keys"));
  const std::shared_ptr<const AttentionResult> result = m_result;
  plot->setToolTipProvider(
      [result, head](int row, int col) { return cellToolTip(*result, head, row, col); });
  plot->setHeatmap(std::move(data));
}

void HeadsView::configureLines() {
  // The matrix's own data and colour range: the two views cannot disagree.
  const HeatmapData& weights = m_large->heatmap();
  const QCPRange range = m_large->valueRange();
  m_lines->setWeights(weights, range.lower, range.upper);
  const std::optional<int> query = m_document->view().selectedQuery;
  m_lines->setChosenQuery(query);
  const bool pooled = m_result->pooled();
  m_large->setHighlightedRow(pooled ? -1 : query.value_or(-1));
  // A pooled picture opens whole, as an overview of the long text.
  m_windowBar->setVisible(weights.rows > kWholeSentenceTokens && !pooled);
  m_windowBar->setTokenCount(weights.rows);
  showLargeViews();
}

void HeadsView::applyTokenWindow() {
  const TokenWindow window = m_windowBar->window();
  m_lines->setTokenWindow(window);
  const HeatmapData& data = m_large->heatmap();
  if ((window.from == 0 && window.to >= data.rows) || !m_result || m_result->pooled()) {
    m_large->resetZoom();
    return;
  }
  // Keys cut to the same positions; a key sentence shorter than the window's start shows whole.
  const bool keysReach = window.from < data.cols;
  const int firstKey = keysReach ? window.from : 0;
  const int lastKey = keysReach ? std::min(window.to, data.cols) - 1 : data.cols - 1;
  m_large->showCells(QRect(QPoint(firstKey, window.from), QPoint(lastKey, window.to - 1)));
}

bool HeadsView::showsAllLayers() const {
  return m_result && m_result->ok() && m_result->encoder && m_document->view().allLayers &&
         !m_document->view().rollout;
}

void HeadsView::showAllLayers() {
  const SessionView& view = m_document->view();
  const auto& layers = m_result->encoder->trace->layers;
  const int heads = m_result->heads();
  ensureTiles(int(layers.size()) * heads, heads);
  for (int layer = 0; layer < int(layers.size()); ++layer) {
    for (int head = 0; head < heads; ++head) {
      HeatmapPlot* plot = m_tiles[layer * heads + head];
      HeatmapData data = layerHeadHeatmap(*m_result, layer, head);
      const auto [low, high] = view.automaticRange ? valueRange(data) : std::pair(0.0, 1.0);
      plot->setColorMap(viewColorMap(view));
      plot->setValueRange(low, high);
      plot->setShowColorScale(false);
      plot->setAxisTitles(tr("queries"), tr("keys"));
      plot->setToolTipProvider(
          [data](int row, int col) { return layerHeadToolTip(data, row, col); });
      plot->setHeatmap(std::move(data));
    }
  }
}

bool HeadsView::showsRollout() const {
  return m_result && m_result->ok() && m_result->encoder && m_document->view().rollout;
}

void HeadsView::configureRollout(HeatmapPlot* plot) {
  const SessionView& view = m_document->view();
  HeatmapData data = rolloutHeatmap(*m_result);
  const auto [low, high] = view.automaticRange ? valueRange(data) : std::pair(0.0, 1.0);
  plot->setColorMap(viewColorMap(view));
  plot->setValueRange(low, high);
  plot->setShowColorScale(false);
  // Row i: how much piece i's final representation draws on each input piece j.
  plot->setAxisTitles(tr("final pieces"), tr("input pieces"));
  plot->setToolTipProvider([data](int row, int col) { return rolloutToolTip(data, row, col); });
  plot->setHeatmap(std::move(data));
}

void HeadsView::refresh() {
  const SessionView& view = m_document->view();
  m_colorBar->setColorMap(viewColorMap(view));
  m_colorBar->setRange(0.0, 1.0);
  m_colorBar->setRelative(view.automaticRange);
  if (!m_result) {
    ensureTiles(0);
    return;
  }
  if (showsRollout()) {
    m_pages->setCurrentWidget(m_pages->widget(0));
    m_colorBar->setVisible(true);
    ensureTiles(1);
    configureRollout(m_tiles.front());
    return;
  }
  if (showsAllLayers()) {
    m_pages->setCurrentWidget(m_pages->widget(0));
    m_colorBar->setVisible(true);
    showAllLayers();
    return;
  }
  const int heads = m_result->heads();
  const int focused = view.focusedHead.value_or(-1);
  const bool large = !view.averageOfHeads && focused >= 0 && focused < heads;
  m_pages->setCurrentWidget(large ? m_largePage : m_pages->widget(0));
  m_colorBar->setVisible(!large);
  const int opened = std::exchange(m_largeHead, large ? focused : -1);
  if (large) {
    const QSize shape(m_large->heatmap().cols, m_large->heatmap().rows);
    const TokenWindow window = m_windowBar->window();
    configure(m_large, focused, true);
    configureLines();
    // A head opens on the window of tokens (the whole of a short sentence), not on the zoom of
    // the head seen before; a new shape resets the zoom, so the window is applied again.
    const bool reshaped = shape != QSize(m_large->heatmap().cols, m_large->heatmap().rows);
    if (opened != focused || (reshaped && window == m_windowBar->window())) applyTokenWindow();
    return;
  }
  ensureTiles(view.averageOfHeads ? 1 : heads);
  for (int i = 0; i < m_tiles.size(); ++i)
    configure(m_tiles[i], view.averageOfHeads ? -1 : i, false);
}

}  // namespace attnscope
