#pragma once

#include <QWidget>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/lesson_view.h"
#include "ui/figure/figure_request.h"
#include "ui/model/heatmap_data.h"
#include "ui/model/result_maps.h"

class QFrame;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace attnscope {

class AttentionDocument;
class AttentionLinesView;
class TokenWindowBar;
class ColorBar;
class HeatmapPlot;
class MaskStrokes;
class TileGridLayout;
struct AttentionResult;

// Every head's attention weights at a glance: a grid of small maps sharing one colour scale,
// the average of the heads, one head opened large with the values in its cells, or (for an
// encoder lesson) the attention rollout over all its layers. An opened head shows its matrix,
// its lines (BertViz's head view) or both side by side, over a window of a long sentence.
class HeadsView : public QWidget {
  Q_OBJECT
  Q_MOC_INCLUDE("ui/window/heatmap_plot.h")
  Q_MOC_INCLUDE("ui/window/attention_lines_view.h")
  Q_MOC_INCLUDE("ui/window/token_window_bar.h")

 public:
  explicit HeadsView(AttentionDocument* document, QWidget* parent = nullptr);

  // The maps currently in the grid (one per head, or one for the average).
  QList<HeatmapPlot*> tiles() const;
  HeatmapPlot* largePlot() const { return m_large; }
  AttentionLinesView* linesView() const { return m_lines; }
  TokenWindowBar* tokenWindowBar() const { return m_windowBar; }
  // What the opened head shows: its matrix, its lines, or both side by side (the default).
  enum class LargeView { Matrix, Lines, Both };
  void setLargeView(LargeView shown);
  LargeView largeView() const { return m_largeView; }
  // The opened head's lines (its chosen query, its window of tokens) when they show without the
  // matrix: what File ▸ Export figure then draws.
  std::optional<LinesFigure> linesFigure() const;
  bool showsLargeHead() const;
  // The strip that suggests the automatic colour range when every weight shown sits in a narrow
  // band of the fixed 0–1 scale (random weights: eight near-uniform dark squares), and its button.
  QFrame* rangeSuggestion() const { return m_rangeSuggestion; }
  QPushButton* stretchColoursButton() const { return m_stretchColours; }
  // The opened head's toggle for painting the mask straight on its map.
  QPushButton* paintMaskButton() const { return m_paintMask; }
  ColorBar* colorBar() const { return m_colorBar; }
  // Tick marks and padding for presentation mode (text follows the font).
  void setFontScale(double scale);

 signals:
  // Emitted after the maps show a new result: the end of a live update.
  void resultShown();
  // A right click on a map: its matrix, for the window's Export / Copy values menu.
  void matrixMenuRequested(const HeatmapData& data, QPoint globalPosition);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showResult(const std::shared_ptr<const AttentionResult>& result);
  void showView(const SessionView& view);
  void refresh();
  // `count` tiles in rows of `columns` (0: as many as give the largest cells).
  void ensureTiles(int count, int columns = 0);

  // What one map shows: its matrix and picture, made by the worker with the result, its cells'
  // tooltips and what its axes are.
  struct MapContent {
    ReadyMap map;
    std::function<QString(int row, int col)> toolTip;
    QString rowTitle, colTitle;
  };
  MapContent headContent(int head) const;  // head < 0: the average of the heads
  // The opened head's lines, from its matrix's weights and colour range.
  void configureLines();
  // The matrix, the lines or both, as chosen.
  void showLargeViews();
  // The window of tokens on the opened head: its lines, and its matrix zoomed to those cells.
  void applyTokenWindow();
  // An encoder lesson with the rollout chosen: one map of it instead of the heads.
  bool showsRollout() const;
  MapContent rolloutContent() const;
  // An encoder lesson with every layer chosen: layers × heads tiles, a row per layer.
  bool showsAllLayers() const;
  std::vector<MapContent> allLayersContents() const;
  // The grid's maps on one colour scale: 0–1, or with the automatic range the lowest to the
  // highest value among them all, so the shared colour bar can print its numbers.
  void showGrid(std::vector<MapContent> contents, int columns = 0);
  void showMap(HeatmapPlot* plot, MapContent content, std::pair<double, double> range, bool large);
  // Shows the range suggestion when the weights shown span less than kNarrowSpread of 0–1.
  void suggestRange(std::pair<double, double> spread);
  // Turns painting on the opened head on or off; on, the lesson's mask becomes a custom one
  // holding the cells its mask blocked.
  void setPaintingMask(bool painting);
  // What a drag on the opened head does: pan, or paint the mask.
  void showLargeHint();
  // A click on tile `tile`: open that head large (of its layer, in the overview).
  void openTile(int tile);
  void retranslate();

  AttentionDocument* m_document;
  std::shared_ptr<const AttentionResult> m_result;  // the result on screen
  QStackedWidget* m_pages;
  QWidget* m_gridPage;
  TileGridLayout* m_grid;
  QList<HeatmapPlot*> m_tiles;
  QWidget* m_largePage;
  QPushButton* m_backButton;
  QLabel* m_largeHint;
  QToolButton* m_showMatrix;
  QToolButton* m_showLines;
  QToolButton* m_showBoth;
  TokenWindowBar* m_windowBar;
  QSplitter* m_split;
  QPushButton* m_paintMask;
  HeatmapPlot* m_large;
  MaskStrokes* m_largeStrokes;
  AttentionLinesView* m_lines;
  LargeView m_largeView = LargeView::Both;
  ColorBar* m_colorBar;
  QFrame* m_rangeSuggestion;
  QLabel* m_rangeSuggestionText;
  QPushButton* m_stretchColours;
  QPushButton* m_keepFixedRange;
  bool m_rangeSuggestionDismissed = false;
  double m_fontScale = 1.0;
  int m_largeHead = -1;  // the head open large, -1 when the grid shows
};

}  // namespace attnscope
