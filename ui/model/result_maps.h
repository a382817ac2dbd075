#pragma once

#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "core/lesson_view.h"
#include "ui/model/cell_picture.h"
#include "ui/model/color_map.h"
#include "ui/model/heatmap_data.h"

// Everything the heads view draws of one result, built on the worker thread with the result so
// that the GUI thread only places pictures and text: each map's matrix, its value range and its
// picture, coloured as the lesson's view asked when the computation started.
namespace attnscope {

struct AttentionResult;

// How a view colours its maps: the colour map, and whether a group of maps spans its own lowest
// to highest value (automatic range) or the fixed 0–1.
struct MapColours {
  ColorMapName map = ColorMapName::Viridis;
  bool automaticRange = false;
  friend bool operator==(const MapColours&, const MapColours&) = default;
};

// What a lesson's view asks for.
MapColours viewMapColours(const SessionView& view);

// One map, ready to draw.
struct ReadyMap {
  std::shared_ptr<const HeatmapData> data;
  std::pair<double, double> spread{0.0, 1.0};  // valueRange(*data)
  std::shared_ptr<const CellPicture> picture;  // the whole matrix, pooled when large
};

// The range a group of maps shares: from the lowest to the highest value among them all with the
// automatic range, else 0–1.
std::pair<double, double> sharedRange(std::span<const ReadyMap> maps, bool automaticRange);

struct ResultMaps {
  MapColours colours;
  std::vector<ReadyMap> heads;      // each head's weights, or its pooled picture; one colour range
  std::optional<ReadyMap> average;  // the mean of the heads; its own range
  // An encoder lesson: every layer's heads, layer by layer (one colour range), and the rollout.
  std::vector<ReadyMap> layerHeads;
  std::optional<ReadyMap> rollout;
};

// Builds the maps of a computed result (exact or pooled), the heads in parallel. The pictures
// of each group are coloured on the group's sharedRange.
ResultMaps buildResultMaps(const AttentionResult& result, const MapColours& colours);

}  // namespace attnscope
