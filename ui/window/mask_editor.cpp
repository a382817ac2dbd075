#include "ui/window/mask_editor.h"

#include <QEvent>
#include <QVBoxLayout>
#include <cmath>

#include "ui/model/attention_document.h"
#include "ui/model/token_labels.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/mask_grid_overlay.h"
#include "ui/window/theme.h"

namespace attnscope {

MaskEditor::MaskEditor(AttentionDocument* document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_plot(new HeatmapPlot),
      m_overlay(new MaskGridOverlay(m_plot)) {
  m_plot->setColorMap(ColorMapName::Grayscale);
  m_plot->setValueRange(0.0, 1.0);
  m_plot->setCompact(true);
  m_plot->setMinimumSize(220, 220);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);

  connect(m_plot, &HeatmapPlot::cellPressed, this, [this](int query, int key) {
    m_blocking = !m_document->parameters().blockedCells.contains({query, key});
    m_document->beginMaskStroke();
    m_strokeEnd = {query, key};
    paint({{query, key}});
  });
  connect(m_plot, &HeatmapPlot::cellDragged, this, [this](int query, int key) {
    paint(cellsBetween(m_strokeEnd, {query, key}));
    m_strokeEnd = {query, key};
  });
  connect(m_plot, &HeatmapPlot::cellHovered, this,
          [this](int query, int key) { m_overlay->setHoveredCell(QPoint(key, query)); });
  m_plot->setToolTipProvider([this](int query, int key) { return cellToolTip(query, key); });
  connect(document, &AttentionDocument::resultChanged, this, &MaskEditor::showResult);
  connect(document, &AttentionDocument::parametersChanged, this,
          [this] { showResult(m_document->lastGoodResult()); });
}

std::vector<std::pair<int, int>> cellsBetween(std::pair<int, int> from, std::pair<int, int> to) {
  // The cells a straight stroke crosses, `from` excluded: one per step along the longer side,
  // the other rounded, so a drag faster than one cell per mouse event leaves no gap.
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

void MaskEditor::startFromCausal() {
  const std::shared_ptr<const AttentionResult> result = m_document->lastGoodResult();
  if (!result || !result->ok()) return;
  Lesson parameters = m_document->parameters();
  parameters.blockedCells =
      causalBlockedCells(int(result->queryTokens.size()), int(result->keyTokens.size()));
  m_document->change(parameters, tr("Start the mask from causal"));
}

QString MaskEditor::cellToolTip(int query, int key) const {
  const HeatmapData& data = m_plot->heatmap();
  if (query >= data.rowLabels.size() || key >= data.colLabels.size()) return {};
  const bool blocked = m_document->parameters().blockedCells.contains({query, key});
  return (blocked ? tr("“%1” does not see “%2”: click to unblock")
                  : tr("“%1” sees “%2”: click to block"))
      .arg(data.rowLabels[query], data.colLabels[key]);
}

void MaskEditor::paint(const std::vector<std::pair<int, int>>& cells) {
  Lesson parameters = m_document->parameters();
  for (const std::pair<int, int>& cell : cells) {
    if (m_blocking) {
      parameters.blockedCells.insert(cell);
    } else {
      parameters.blockedCells.erase(cell);
    }
  }
  m_document->change(parameters, tr("Paint the mask"), AttentionDocument::MergeKey::MaskPaint);
}

void MaskEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    m_shownResult.reset();  // the allowed cells' grey follows the theme
    showResult(m_document->lastGoodResult());
  }
  QWidget::changeEvent(event);
}

void MaskEditor::showResult(const std::shared_ptr<const AttentionResult>& result) {
  if (!result || !result->ok()) return;
  // The grid is shown only for a custom mask, and typing or changing d_model alone changes
  // nothing on it: skip those redraws, which cost seconds per keystroke for long sentences.
  const Lesson& parameters = m_document->parameters();
  if (parameters.mask != LessonMask::Custom) return;
  if (m_shownResult.lock() == result && m_shownCells == parameters.blockedCells) return;
  m_shownResult = result;
  m_shownCells = parameters.blockedCells;
  // Drawn from the parameters, not the result, so painting shows before the recompute.
  const std::set<std::pair<int, int>>& blocked = parameters.blockedCells;
  HeatmapData data;
  data.rows = int(result->queryTokens.size());
  data.cols = int(result->keyTokens.size());
  // Allowed cells in a grey near the page's own colour, so the grid is no white box in the dark.
  const float allowed = isDark(palette()) ? 0.75f : 0.0f;
  data.values.assign(std::size_t(data.rows) * std::size_t(data.cols), allowed);
  data.blocked.assign(data.values.size(), 0);
  for (const auto& [query, key] : blocked) {
    if (query < data.rows && key < data.cols) {
      data.blocked[std::size_t(query) * std::size_t(data.cols) + std::size_t(key)] = 1;
    }
  }
  data.rowLabels = tokenLabels(result->queryTokens);
  data.colLabels = tokenLabels(result->keyTokens);
  m_plot->setHeatmap(std::move(data));
}

}  // namespace attnscope
