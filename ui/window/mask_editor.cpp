#include "ui/window/mask_editor.h"

#include <QEvent>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/model/attention_document.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/mask_grid_overlay.h"
#include "ui/window/mask_strokes.h"
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

  new MaskStrokes(document, m_plot);
  connect(m_plot, &HeatmapPlot::cellHovered, this,
          [this](int query, int key) { m_overlay->setHoveredCell(QPoint(key, query)); });
  m_plot->setToolTipProvider([this](int query, int key) { return cellToolTip(query, key); });
  connect(document, &AttentionDocument::resultChanged, this, &MaskEditor::showResult);
  connect(document, &AttentionDocument::parametersChanged, this,
          [this] { showResult(m_document->lastGoodResult()); });
}

void MaskEditor::startFromCausal() {
  const std::shared_ptr<const AttentionResult> result = m_document->lastGoodResult();
  if (!result || !result->ok()) return;
  startFrom(causalBlockedCells(int(result->queryTokens.size()), int(result->keyTokens.size())),
            tr("Start the mask from causal"));
}

void MaskEditor::startFromPadding(int paddingKeys) {
  const std::shared_ptr<const AttentionResult> result = m_document->lastGoodResult();
  if (!result || !result->ok() || result->keyTokens.size() < 2) return;
  // At least one key stays visible: a row with every key blocked is uniform, not a lesson.
  const int keys = int(result->keyTokens.size());
  startFrom(paddingBlockedCells(int(result->queryTokens.size()), keys,
                                std::clamp(paddingKeys, 1, keys - 1)),
            tr("Start the mask from padding"));
}

void MaskEditor::startFrom(std::set<std::pair<int, int>> blocked, const QString& description) {
  Lesson parameters = m_document->parameters();
  parameters.blockedCells = std::move(blocked);
  m_document->change(parameters, description);
}

QString MaskEditor::cellToolTip(int query, int key) const {
  const HeatmapData& data = m_plot->heatmap();
  if (query >= data.rowLabels.size() || key >= data.colLabels.size()) return {};
  const bool blocked = m_document->parameters().blockedCells.contains({query, key});
  return (blocked ? tr("“%1” does not see “%2”: click to unblock")
                  : tr("“%1” sees “%2”: click to block"))
      .arg(data.rowLabels[query], data.colLabels[key]);
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
  data.rowLabels = result->queryLabels;
  data.colLabels = result->keyLabels;
  m_plot->setHeatmap(std::move(data));
}

}  // namespace attnscope
