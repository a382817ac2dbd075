#pragma once

#include <QWidget>
#include <optional>
#include <vector>

#include "ui/model/attention_lines.h"
#include "ui/model/heatmap_data.h"

namespace attnscope {

struct LinesLayout;

// One head's attention as BertViz's head view shows it: the window's query tokens on the left,
// its key tokens on the right, a line from each query to each key as wide and as opaque as the
// weight. The chosen query's lines are drawn strong and the others faint; pointing at a query
// shows its lines for as long as the mouse stays, and a click chooses it. Colours follow the
// palette, text the widget's font.
class AttentionLinesView : public QWidget {
  Q_OBJECT

 public:
  explicit AttentionLinesView(QWidget* parent = nullptr);

  // The weights (a pooled picture draws a hint instead) and the values drawn weakest and
  // strongest, as the matrix's colour range.
  void setWeights(HeatmapData weights, double low, double high);
  const HeatmapData& weights() const { return m_weights; }
  void setTokenWindow(TokenWindow window);
  TokenWindow tokenWindow() const { return m_window; }
  void setChosenQuery(std::optional<int> query);
  // The lines as drawn now: the pointed-at query's strong if any, else the chosen one's.
  std::vector<AttentionLine> shownLines() const;
  // The query token's centre, in widget coordinates (for tests and tooltips).
  QPointF queryPosition(int query) const;
  // Line widths for presentation mode; text follows the font.
  void setFontScale(double scale);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  void queryChosen(int query);  // a click on a query token

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  LinesLayout layout() const;
  std::optional<int> shownQuery() const { return m_hovered ? m_hovered : m_chosen; }
  void setHovered(std::optional<int> query);

  HeatmapData m_weights;
  double m_low = 0.0, m_high = 1.0;
  TokenWindow m_window;
  std::optional<int> m_chosen, m_hovered;
  double m_fontScale = 1.0;
};

}  // namespace attnscope
