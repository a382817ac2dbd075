#include "ui/model/result_maps.h"

#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "ui/model/attention_result.h"
#include "ui/model/head_maps.h"

namespace attnscope {
namespace {

ReadyMap readyMap(HeatmapData data) {
  ReadyMap map;
  map.spread = valueRange(data);
  map.data = std::make_shared<const HeatmapData>(std::move(data));
  return map;
}

// Colours each map of a group on the group's shared range, in parallel.
void paintGroup(std::vector<ReadyMap>& maps, const MapColours& colours) {
  const std::pair<double, double> range = sharedRange(maps, colours.automaticRange);
  QtConcurrent::blockingMap(maps, [&](ReadyMap& map) {
    map.picture = std::make_shared<const CellPicture>(
        paintCells(drawnCells(*map.data, QRect()), colours.map, range));
  });
}

// The maps of `count` items made by `make`, in parallel: the heads of a long sentence each take
// milliseconds to gather.
template <typename Make>
std::vector<ReadyMap> readyMaps(int count, Make make) {
  std::vector<int> items(std::size_t(std::max(count, 0)));
  std::iota(items.begin(), items.end(), 0);
  return QtConcurrent::blockingMapped<std::vector<ReadyMap>>(
      items, [&make](int item) { return readyMap(make(item)); });
}

}  // namespace

MapColours viewMapColours(const SessionView& view) {
  return {viewColorMap(view), view.automaticRange};
}

std::pair<double, double> sharedRange(std::span<const ReadyMap> maps, bool automaticRange) {
  if (!automaticRange || maps.empty()) return {0.0, 1.0};
  std::pair<double, double> range(INFINITY, -INFINITY);
  for (const ReadyMap& map : maps) {
    range = {std::min(range.first, map.spread.first), std::max(range.second, map.spread.second)};
  }
  return range;
}

ResultMaps buildResultMaps(const AttentionResult& result, const MapColours& colours) {
  ResultMaps maps;
  maps.colours = colours;
  if (!result.computed()) return maps;
  const bool pooled = result.pooled();
  maps.heads = readyMaps(result.heads(), [&](int head) {
    return pooled ? pooledHeatmap(result, head) : headHeatmap(result, head, ScoreStage::Weights);
  });
  paintGroup(maps.heads, colours);
  std::vector<ReadyMap> average;
  average.push_back(readyMap(pooled ? pooledHeatmap(result, -1) : averageHeatmap(result)));
  paintGroup(average, colours);
  maps.average = std::move(average.front());
  if (result.ok() && result.encoder) {
    const int heads = result.heads();
    const int layers = int(result.encoder->trace->layers.size());
    maps.layerHeads = readyMaps(layers * heads, [&](int item) {
      return layerHeadHeatmap(result, item / heads, item % heads);
    });
    paintGroup(maps.layerHeads, colours);
    std::vector<ReadyMap> rollout;
    rollout.push_back(readyMap(rolloutHeatmap(result)));
    paintGroup(rollout, colours);
    maps.rollout = std::move(rollout.front());
  }
  return maps;
}

}  // namespace attnscope
