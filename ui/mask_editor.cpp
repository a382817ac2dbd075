#include "ui/mask_editor.h"

#include <QVBoxLayout>

#include "ui/attention_document.h"
#include "ui/heatmap_plot.h"
#include "ui/token_labels.h"

namespace attnscope {

MaskEditor::MaskEditor(AttentionDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_plot(new HeatmapPlot) {
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
    paint(query, key);
  });
  connect(m_plot, &HeatmapPlot::cellDragged, this, &MaskEditor::paint);
  connect(document, &AttentionDocument::resultChanged, this, &MaskEditor::showResult);
  connect(document, &AttentionDocument::parametersChanged, this,
          [this] { showResult(m_document->lastGoodResult()); });
}

void MaskEditor::paint(int query, int key) {
  Lesson parameters = m_document->parameters();
  if (m_blocking) {
    parameters.blockedCells.insert({query, key});
  } else {
    parameters.blockedCells.erase({query, key});
  }
  m_document->change(parameters, tr("Paint the mask"), AttentionDocument::MergeKey::MaskPaint);
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
  data.values.assign(std::size_t(data.rows) * std::size_t(data.cols), 0.0f);  // white: allowed
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
