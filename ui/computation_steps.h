#pragma once

#include <QString>
#include <vector>

#include "core/lesson_view.h"
#include "ui/attention_result.h"
#include "ui/color_map.h"
#include "ui/heatmap_plot.h"

namespace attnscope {

// One matrix of a step, ready to draw.
struct StepPanel {
  HeatmapData data;
  bool signedValues = true;  // diverging colours around 0; false: sequential 0..1 (weights)
  int columnGroup = 0;       // > 0: columns come in groups of this width (one per head)
};

struct StepContent {
  QString title;        // "4. Raw scores"
  QString formula;      // with the current shapes: "S₂ = Q₂K₂ᵀ ∈ ℝ^(6×6)"
  QString explanation;  // what just happened and why
  std::vector<StepPanel> panels;
};

QString stepTitle(StepThroughStop step);
// The content of `step` for one head (0-based). Values are the engine's trace, unchanged.
StepContent stepContent(const AttentionResult& result, StepThroughStop step, int head);

}  // namespace attnscope
