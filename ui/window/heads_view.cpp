#include "ui/window/heads_view.h"

#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "ui/model/attention_document.h"
#include "ui/model/head_maps.h"
#include "ui/window/attention_lines_view.h"
#include "ui/window/color_bar.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/mask_strokes.h"
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
      m_paintMask(new QPushButton),
      m_large(new HeatmapPlot),
      m_largeStrokes(new MaskStrokes(document, m_large)),
      m_lines(new AttentionLinesView),
      m_colorBar(new ColorBar),
      m_rangeSuggestion(new QFrame),
      m_rangeSuggestionText(new QLabel),
      m_stretchColours(new QPushButton),
      m_keepFixedRange(new QPushButton) {
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
  bar->addWidget(m_paintMask);
  m_paintMask->setCheckable(true);
  m_largeStrokes->setEnabled(false);
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

  auto* suggestion = new QHBoxLayout(m_rangeSuggestion);
  suggestion->setContentsMargins(6, 3, 6, 3);
  m_rangeSuggestionText->setWordWrap(true);
  // A wrapped label asks for about 80 characters of width; the strip must not widen the window.
  m_rangeSuggestionText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_rangeSuggestionText->setMinimumWidth(fontMetrics().averageCharWidth() * 20);
  suggestion->addWidget(m_rangeSuggestionText, 1);
  suggestion->addWidget(m_stretchColours);
  suggestion->addWidget(m_keepFixedRange);
  m_rangeSuggestion->setFrameShape(QFrame::StyledPanel);
  m_rangeSuggestion->setAutoFillBackground(true);
  m_rangeSuggestion->setBackgroundRole(QPalette::ToolTipBase);
  m_rangeSuggestion->setForegroundRole(QPalette::ToolTipText);
  m_rangeSuggestion->hide();

  auto* maps = new QHBoxLayout;
  maps->addWidget(m_pages, 1);
  maps->addWidget(m_colorBar);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_rangeSuggestion);
  layout->addLayout(maps, 1);

  connect(m_backButton, &QPushButton::clicked, this, [this] {
    SessionView view = m_document->view();
    view.focusedHead.reset();
    m_document->setView(view);
  });
  connect(m_paintMask, &QPushButton::toggled, this, &HeadsView::setPaintingMask);
  connect(m_stretchColours, &QPushButton::clicked, this, [this] {
    SessionView view = m_document->view();
    view.automaticRange = true;
    m_document->setView(view);
  });
  connect(m_keepFixedRange, &QPushButton::clicked, this, [this] {
    m_rangeSuggestionDismissed = true;
    m_rangeSuggestion->hide();
  });
  // Painting makes the mask custom; another mask chosen in the controls ends it.
  connect(document, &AttentionDocument::parametersChanged, this, [this](const Lesson& lesson) {
    if (lesson.mask != LessonMask::Custom) m_paintMask->setChecked(false);
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
  showLargeHint();
  m_paintMask->setText(tr("✎ Paint the mask"));
  m_paintMask->setToolTip(
      tr("Drag over the cells to block or unblock them: the mask becomes a custom one and the "
         "head is recomputed as you paint. Off: dragging pans again."));
  m_stretchColours->setText(tr("Stretch the colours"));
  m_stretchColours->setToolTip(
      tr("Use the automatic colour range: the colours span the lowest to the highest weight "
         "shown, and the colour bar prints that range"));
  m_keepFixedRange->setText(tr("Keep 0–1"));
  m_keepFixedRange->setToolTip(tr("Keep the fixed scale, on which every map can be compared"));
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
  const bool shown = result && result->computed() && result->maps;
  if (shown) m_result = result;
  refresh();
  if (shown) emit resultShown();
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

HeadsView::MapContent HeadsView::headContent(int head) const {
  const ResultMaps& maps = *m_result->maps;
  const std::shared_ptr<const AttentionResult> result = m_result;
  return {head < 0 ? *maps.average : maps.heads[std::size_t(head)],
          [result, head](int row, int col) { return cellToolTip(*result, head, row, col); },
          tr("queries"), tr("keys")};
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

std::vector<HeadsView::MapContent> HeadsView::allLayersContents() const {
  const int layers = int(m_result->encoder->trace->layers.size());
  const int heads = m_result->heads();
  std::vector<MapContent> contents;
  for (const ReadyMap& map : m_result->maps->layerHeads) {
    auto toolTip = [data = map.data](int row, int col) {
      return layerHeadToolTip(*data, row, col);
    };
    contents.push_back({map, std::move(toolTip), tr("queries"), tr("keys")});
  }
  Q_ASSERT(contents.size() == std::size_t(layers) * std::size_t(heads));
  return contents;
}

bool HeadsView::showsRollout() const {
  return m_result && m_result->ok() && m_result->encoder && m_document->view().rollout;
}

HeadsView::MapContent HeadsView::rolloutContent() const {
  const ReadyMap& map = *m_result->maps->rollout;
  auto toolTip = [data = map.data](int row, int col) { return rolloutToolTip(*data, row, col); };
  // Row i: how much piece i's final representation draws on each input piece j.
  return {map, std::move(toolTip), tr("final pieces"), tr("input pieces")};
}

void HeadsView::showMap(HeatmapPlot* plot, MapContent content, std::pair<double, double> range,
                        bool large) {
  plot->setShowColorScale(large);
  plot->setAxisTitles(content.rowTitle, content.colTitle);
  plot->setToolTipProvider(std::move(content.toolTip));
  plot->setHeatmap(std::move(content.map.data), std::move(content.map.picture));
  // The worker coloured it as the view was when it started; a colour map or range chosen since,
  // or the opened head's own range, colours it again.
  plot->setColorMap(viewColorMap(m_document->view()));
  plot->setValueRange(range.first, range.second);
}

void HeadsView::showGrid(std::vector<MapContent> contents, int columns) {
  m_pages->setCurrentWidget(m_pages->widget(0));
  m_colorBar->setVisible(true);
  std::pair<double, double> spread(INFINITY, -INFINITY);
  for (const MapContent& content : contents) {
    const auto [low, high] = content.map.spread;
    spread = {std::min(spread.first, low), std::max(spread.second, high)};
  }
  const auto range = m_document->view().automaticRange ? spread : std::pair(0.0, 1.0);
  m_colorBar->setRange(range.first, range.second);
  suggestRange(spread);
  ensureTiles(int(contents.size()), columns);
  for (std::size_t i = 0; i < contents.size(); ++i) {
    showMap(m_tiles[qsizetype(i)], std::move(contents[i]), range, false);
  }
}

void HeadsView::suggestRange(std::pair<double, double> spread) {
  // Random weights over random embeddings give rows close to uniform, 1/L each: on the 0–1
  // scale every map is the same dark square, and a student concludes the heads agree.
  constexpr double kNarrowSpread = 0.4;
  const bool narrow = spread.second - spread.first < kNarrowSpread;
  const bool suggest = narrow && !m_document->view().automaticRange && !m_rangeSuggestionDismissed;
  if (suggest) {
    m_rangeSuggestionText->setText(
        tr("Every weight shown lies between %1 and %2, a small part of the 0–1 colour scale, "
           "so the maps look alike.")
            .arg(spread.first, 0, 'f', 2)
            .arg(spread.second, 0, 'f', 2));
  }
  m_rangeSuggestion->setVisible(suggest);
}

void HeadsView::showLargeHint() {
  m_largeHint->setText(m_paintMask->isChecked()
                           ? tr("Drag over the cells to block or unblock them.")
                           : tr("Scroll to zoom, drag to pan, double-click to reset."));
}

void HeadsView::setPaintingMask(bool painting) {
  m_largeStrokes->setEnabled(painting);
  // A drag paints instead of panning; the wheel still zooms, to paint a long sentence's cells.
  m_large->setInteraction(QCP::iRangeDrag, !painting);
  showLargeHint();
  const Lesson& lesson = m_document->parameters();
  if (!painting || lesson.mask == LessonMask::Custom || !m_result || !m_result->ok()) return;
  // The custom mask starts from what the mask blocked, so the picture does not jump. Key
  // padding's [PAD] keys are not in a custom mask's sentence: it starts with none blocked.
  Lesson custom = lesson;
  custom.mask = LessonMask::Custom;
  custom.blockedCells =
      lesson.mask == LessonMask::Causal
          ? causalBlockedCells(int(m_result->queryTokens.size()), int(m_result->keyTokens.size()))
          : std::set<std::pair<int, int>>();
  m_document->change(custom, tr("Paint the mask on the head"));
}

void HeadsView::refresh() {
  const SessionView& view = m_document->view();
  m_colorBar->setColorMap(viewColorMap(view));
  if (!m_result) {
    ensureTiles(0);
    m_rangeSuggestion->hide();
    return;
  }
  if (showsRollout()) {
    std::vector<MapContent> contents;
    contents.push_back(rolloutContent());
    showGrid(std::move(contents));
    return;
  }
  if (showsAllLayers()) {
    showGrid(allLayersContents(), m_result->heads());
    return;
  }
  const int heads = m_result->heads();
  const int focused = view.focusedHead.value_or(-1);
  const bool large = !view.averageOfHeads && focused >= 0 && focused < heads;
  const int opened = std::exchange(m_largeHead, large ? focused : -1);
  if (large) {
    m_pages->setCurrentWidget(m_largePage);
    m_colorBar->setVisible(false);
    const QSize shape(m_large->heatmap().cols, m_large->heatmap().rows);
    const TokenWindow window = m_windowBar->window();
    MapContent content = headContent(focused);
    const auto spread = content.map.spread;
    suggestRange(spread);
    showMap(m_large, std::move(content), view.automaticRange ? spread : std::pair(0.0, 1.0), true);
    configureLines();
    // A head opens on the window of tokens (the whole of a short sentence), not on the zoom of
    // the head seen before; a new shape resets the zoom, so the window is applied again.
    const bool reshaped = shape != QSize(m_large->heatmap().cols, m_large->heatmap().rows);
    if (opened != focused || (reshaped && window == m_windowBar->window())) applyTokenWindow();
    return;
  }
  m_paintMask->setChecked(false);
  std::vector<MapContent> contents;
  if (view.averageOfHeads) {
    contents.push_back(headContent(-1));
  } else {
    for (int head = 0; head < heads; ++head) contents.push_back(headContent(head));
  }
  showGrid(std::move(contents));
}

}  // namespace attnscope
