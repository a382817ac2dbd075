#pragma once

#include <QWidget>
#include <memory>

#include "core/lesson_view.h"

class QLabel;
class QPushButton;
class QStackedWidget;

namespace attnscope {

class AttentionDocument;
class ColorBar;
class HeatmapPlot;
class TileGridLayout;
struct HeatmapData;
struct AttentionResult;

// Every head's attention weights at a glance: a grid of small maps sharing one colour scale,
// the average of the heads, one head opened large with the values in its cells, or (for an
// encoder lesson) the attention rollout over all its layers.
class HeadsView : public QWidget {
  Q_OBJECT
  Q_MOC_INCLUDE("ui/window/heatmap_plot.h")

 public:
  explicit HeadsView(AttentionDocument* document, QWidget* parent = nullptr);

  // The maps currently in the grid (one per head, or one for the average).
  QList<HeatmapPlot*> tiles() const;
  HeatmapPlot* largePlot() const { return m_large; }
  bool showsLargeHead() const;
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
  void configure(HeatmapPlot* plot, int head, bool large);
  // An encoder lesson with the rollout chosen: one map of it instead of the heads.
  bool showsRollout() const;
  void configureRollout(HeatmapPlot* plot);
  // An encoder lesson with every layer chosen: layers × heads tiles, a row per layer.
  bool showsAllLayers() const;
  void showAllLayers();
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
  HeatmapPlot* m_large;
  ColorBar* m_colorBar;
  double m_fontScale = 1.0;
  int m_largeHead = -1;  // the head open large, -1 when the grid shows
};

}  // namespace attnscope
