#pragma once

#include <QString>
#include <utility>

#include "core/lesson_view.h"
#include "ui/model/attention_result.h"
#include "ui/model/heatmap_data.h"

namespace attnscope {

// The per-head matrices the views draw, as Lq × Lk heatmaps with token labels.
// Head `head` (0-based) at one stage; blocked cells are marked for every stage.
HeatmapData headHeatmap(const AttentionResult& result, int head, ScoreStage stage);
// The mean of the heads' weights; a cell is blocked when every head blocks it.
HeatmapData averageHeatmap(const AttentionResult& result);
// An encoder lesson (result.encoder set): the attention rollout over every layer
// (core/attention_rollout.h), pieces read × pieces read; row i is what piece i's final
// representation draws on each input piece.
HeatmapData rolloutHeatmap(const AttentionResult& result);
// An encoder lesson: head `head` of layer `layer` (both 0-based) of the forward pass, over the
// pieces read, titled "layer 1 · head 2": the model overview draws every one.
HeatmapData layerHeadHeatmap(const AttentionResult& result, int layer, int head);
// "query → key" and the weight in that cell of a layerHeadHeatmap.
QString layerHeadToolTip(const HeatmapData& map, int row, int col);
// "query → key" and the rollout's value in that cell of `rollout` (rolloutHeatmap's).
QString rolloutToolTip(const HeatmapData& rollout, int row, int col);
// Any matrix of the step-through: its title, the row's and column's labels and the value, or
// that the cell is blocked.
QString matrixCellToolTip(const HeatmapData& map, int row, int col);
// Beyond the window's full trace: head `head`'s picture pooled by the streaming engine, or the
// mean of the heads' pictures for head −1, with every token as a label.
HeatmapData pooledHeatmap(const AttentionResult& result, int head);
// "query → key" with raw score, scaled score and weight; head −1 means the average. For a
// pooled result: the block of queries and keys under the cell and its mean weight.
QString cellToolTip(const AttentionResult& result, int head, int row, int col);
// The smallest and largest unblocked value (0..1 if there is none), for automatic colour range.
std::pair<double, double> valueRange(const HeatmapData& data);
// A range symmetric about zero over the unblocked cells, for scores that can be negative.
std::pair<double, double> symmetricRange(const HeatmapData& data);

}  // namespace attnscope
