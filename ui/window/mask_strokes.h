#pragma once

#include <QObject>
#include <set>
#include <utility>
#include <vector>

namespace attnscope {

class AttentionDocument;
class HeatmapPlot;

// The (query, key) cells a straight stroke from `from` to `to` crosses, `from` excluded.
std::vector<std::pair<int, int>> cellsBetween(std::pair<int, int> from, std::pair<int, int> to);

// The cells a causal mask blocks in a queries × keys grid: every key after its query.
std::set<std::pair<int, int>> causalBlockedCells(int queries, int keys);

// The cells a key-padding mask blocks when the last `paddingKeys` of `keys` are padding: those
// keys, for every query.
std::set<std::pair<int, int>> paddingBlockedCells(int queries, int keys, int paddingKeys);

// Paints the lesson's custom mask with the mouse on any map of queries × keys (the mask grid,
// an opened head): a press blocks the cell under it (or unblocks a blocked one) and a drag
// treats every cell the stroke crosses the same way, however fast the mouse moves. One stroke
// is one undo step.
class MaskStrokes : public QObject {
  Q_OBJECT

 public:
  MaskStrokes(AttentionDocument* document, HeatmapPlot* plot);
  // While disabled the plot's presses and drags paint nothing.
  void setEnabled(bool enabled) { m_enabled = enabled; }
  bool isEnabled() const { return m_enabled; }

 private:
  void paint(const std::vector<std::pair<int, int>>& cells);

  AttentionDocument* m_document;
  bool m_enabled = true;
  bool m_blocking = true;           // what the current stroke does to the cells it crosses
  std::pair<int, int> m_strokeEnd;  // the (query, key) cell the stroke last reached
};

}  // namespace attnscope
