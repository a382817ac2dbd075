#pragma once

#include <QWidget>
#include <memory>
#include <set>
#include <utility>

namespace attnscope {

class AttentionDocument;
class HeatmapPlot;
class MaskGridOverlay;
struct AttentionResult;

// The custom mask as a grid of query × key cells, painted with MaskStrokes. Lines part the cells
// and the cell under the mouse is outlined, its tooltip saying which query and key it joins.
class MaskEditor : public QWidget {
  Q_OBJECT

 public:
  explicit MaskEditor(AttentionDocument* document, QWidget* parent = nullptr);
  HeatmapPlot* plot() const { return m_plot; }
  MaskGridOverlay* gridOverlay() const { return m_overlay; }
  // Replaces the painted cells by the causal mask's, for the sentence shown, as one undo step.
  void startFromCausal();
  // Replaces them by a key-padding mask's, the last `paddingKeys` keys blocked for every query
  // (at least one key stays visible), as one undo step.
  void startFromPadding(int paddingKeys);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showResult(const std::shared_ptr<const AttentionResult>& result);
  // Replaces the painted cells as one undo step.
  void startFrom(std::set<std::pair<int, int>> blocked, const QString& description);
  QString cellToolTip(int query, int key) const;

  AttentionDocument* m_document;
  HeatmapPlot* m_plot;
  MaskGridOverlay* m_overlay;
  // What the grid was last drawn from: redrawing a long sentence's grid costs Lq × Lk cells.
  std::weak_ptr<const AttentionResult> m_shownResult;
  std::set<std::pair<int, int>> m_shownCells;
};

}  // namespace attnscope
