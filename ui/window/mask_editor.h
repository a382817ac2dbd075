#pragma once

#include <QWidget>
#include <memory>
#include <set>
#include <utility>

namespace attnscope {

class AttentionDocument;
class HeatmapPlot;
struct AttentionResult;

// The custom mask as a grid of query × key cells: press on a cell to block it (or unblock a
// blocked one) and drag to paint more cells the same way. One stroke is one undo step.
class MaskEditor : public QWidget {
  Q_OBJECT

 public:
  explicit MaskEditor(AttentionDocument* document, QWidget* parent = nullptr);
  HeatmapPlot* plot() const { return m_plot; }

 private:
  void showResult(const std::shared_ptr<const AttentionResult>& result);
  void paint(int query, int key);

  AttentionDocument* m_document;
  HeatmapPlot* m_plot;
  bool m_blocking = true;  // what the current stroke does to the cells it crosses
  // What the grid was last drawn from: redrawing a long sentence's grid costs Lq × Lk cells.
  std::weak_ptr<const AttentionResult> m_shownResult;
  std::set<std::pair<int, int>> m_shownCells;
};

}  // namespace attnscope
