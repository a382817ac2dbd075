#include "ui/window/mask_strokes.h"

#include <cmath>

#include "ui/model/attention_document.h"
#include "ui/window/heatmap_plot.h"

namespace attnscope {

std::vector<std::pair<int, int>> cellsBetween(std::pair<int, int> from, std::pair<int, int> to) {
  // One cell per step along the longer side, the other rounded, so a drag faster than one cell
  // per mouse event leaves no gap.
  const int rows = to.first - from.first, cols = to.second - from.second;
  const int steps = std::max(std::abs(rows), std::abs(cols));
  std::vector<std::pair<int, int>> cells;
  for (int step = 1; step <= steps; ++step) {
    const double t = double(step) / steps;
    cells.emplace_back(from.first + int(std::lround(rows * t)),
                       from.second + int(std::lround(cols * t)));
  }
  return cells;
}

std::set<std::pair<int, int>> causalBlockedCells(int queries, int keys) {
  // Query i sees keys j ≤ i, as torch.tril(torch.ones(Lq, Lk)): the cells above the diagonal.
  std::set<std::pair<int, int>> cells;
  for (int query = 0; query < queries; ++query) {
    for (int key = query + 1; key < keys; ++key) cells.insert({query, key});
  }
  return cells;
}

std::set<std::pair<int, int>> paddingBlockedCells(int queries, int keys, int paddingKeys) {
  // Keys j ≥ keys − paddingKeys are padding: a whole column each, as (mask == 0) broadcast over
  // the queries.
  std::set<std::pair<int, int>> cells;
  for (int query = 0; query < queries; ++query) {
    for (int key = std::max(0, keys - paddingKeys); key < keys; ++key) cells.insert({query, key});
  }
  return cells;
}

MaskStrokes::MaskStrokes(AttentionDocument* document, HeatmapPlot* plot)
    : QObject(plot), m_document(document) {
  connect(plot, &HeatmapPlot::cellPressed, this, [this](int query, int key) {
    if (!m_enabled) return;
    m_blocking = !m_document->parameters().blockedCells.contains({query, key});
    m_document->beginMaskStroke();
    m_strokeEnd = {query, key};
    paint({{query, key}});
  });
  connect(plot, &HeatmapPlot::cellDragged, this, [this](int query, int key) {
    if (!m_enabled) return;
    paint(cellsBetween(m_strokeEnd, {query, key}));
    m_strokeEnd = {query, key};
  });
}

void MaskStrokes::paint(const std::vector<std::pair<int, int>>& cells) {
  Lesson parameters = m_document->parameters();
  parameters.mask = LessonMask::Custom;
  for (const std::pair<int, int>& cell : cells) {
    if (m_blocking) {
      parameters.blockedCells.insert(cell);
    } else {
      parameters.blockedCells.erase(cell);
    }
  }
  m_document->change(parameters, tr("Paint the mask"), AttentionDocument::MergeKey::MaskPaint);
}

}  // namespace attnscope
