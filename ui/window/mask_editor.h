#pragma once

#include <QWidget>
#include <memory>
#include <set>
#include <utility>
#include <vector>

namespace attnscope {

class AttentionDocument;
class HeatmapPlot;
class MaskGridOverlay;
struct AttentionResult;

// The custom mask as a grid of query × key cells: press on a cell to block it (or unblock a
// blocked one) and drag to paint more cells the same way, every cell the stroke crosses however
// fast the mouse moves. One stroke is one undo step. Lines part the cells and the cell under the
// mouse is outlined, its tooltip saying which query and key it joins.
// The (query, key) cells a straight stroke from `from` to `to` crosses, `from` excluded.
std::vector<std::pair<int, int>> cellsBetween(std::pair<int, int> from, std::pair<int, int> to);

// The cells a causal mask blocks in a queries × keys grid: every key after its query.
std::set<std::pair<int, int>> causalBlockedCells(int queries, int keys);

class MaskEditor : public QWidget {
  Q_OBJECT

 public:
  explicit MaskEditor(AttentionDocument* document, QWidget* parent = nullptr);
  HeatmapPlot* plot() const { return m_plot; }
  MaskGridOverlay* gridOverlay() const { return m_overlay; }
  // Replaces the painted cells by the causal mask's, for the sentence shown, as one undo step.
  void startFromCausal();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showResult(const std::shared_ptr<const AttentionResult>& result);
  void paint(const std::vector<std::pair<int, int>>& cells);
  QString cellToolTip(int query, int key) const;

  AttentionDocument* m_document;
  HeatmapPlot* m_plot;
  MaskGridOverlay* m_overlay;
  bool m_blocking = true;           // what the current stroke does to the cells it crosses
  std::pair<int, int> m_strokeEnd;  // the (query, key) cell the stroke last reached
  // What the grid was last drawn from: redrawing a long sentence's grid costs Lq × Lk cells.
  std::weak_ptr<const AttentionResult> m_shownResult;
  std::set<std::pair<int, int>> m_shownCells;
};

}  // namespace attnscope
