#pragma once

#include <QString>
#include <vector>

#include "core/lesson_view.h"
#include "ui/model/attention_result.h"
#include "ui/model/color_map.h"
#include "ui/model/heatmap_data.h"

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
  // The panels are one quantity before and after a change (raw and scaled scores): drawn on one
  // colour scale, so the change itself is what the pictures show.
  bool sharedScale = false;
};

// The step-through's steps are indexed from 0: the nine StepThroughStops in their order, then,
// for an encoder lesson only, a tenth on what its layer does around the attention (the
// residual, the second layer norm and the feed-forward network).
inline constexpr int kAroundAttentionStep = int(StepThroughStop::AroundAttention);
// 10 for an encoder lesson (result.encoder set), else 9.
int stepCount(const AttentionResult& result);
// `encoder`: the title for an encoder lesson, whose first step is its layer's input.
QString stepTitle(int step, bool encoder);
// The content of `step` (below stepCount) for one head (0-based). Values are the engine's
// trace, unchanged.
StepContent stepContent(const AttentionResult& result, int step, int head);

}  // namespace attnscope
