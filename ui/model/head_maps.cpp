#include "ui/model/head_maps.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

#include "core/attention_rollout.h"

namespace attnscope {

// Gives these free functions tr(), under a context lupdate sees.
class HeadMaps {
  Q_DECLARE_TR_FUNCTIONS(attnscope::HeadMaps)
};

namespace {

// The first line of every cell's tooltip: which query row looks at which key column.
QString cellHeading(const QString& query, int row, const QString& key, int col) {
  return HeadMaps::tr("query “%1” (row %2) → key “%3” (column %4)")
      .arg(query)
      .arg(row + 1)
      .arg(key)
      .arg(col + 1);
}

// The value of cell (row, col) of a map drawn whole.
double cellValue(const HeatmapData& map, int row, int col) {
  return map.values[std::size_t(row) * std::size_t(map.cols) + std::size_t(col)];
}

// English has no plural forms of its own here (no English translation file): "average of 8
// heads", and with one head simply that head.
QString averageTitle(int heads) {
  return heads == 1 ? HeadMaps::tr("head %1").arg(1)
                    : HeadMaps::tr("average of %n heads", nullptr, heads);
}

HeatmapData emptyMap(const AttentionResult& result) {
  HeatmapData data;
  data.rows = int(result.trace->queryLength());
  data.cols = int(result.trace->keyLength());
  const std::size_t cells = std::size_t(data.rows) * std::size_t(data.cols);
  data.values.resize(cells);
  data.blocked.resize(cells);
  data.rowLabels = result.queryLabels;
  data.colLabels = result.keyLabels;
  return data;
}

float stageValue(const AttentionTrace& trace, std::size_t h, std::size_t i, std::size_t j,
                 ScoreStage stage) {
  switch (stage) {
    case ScoreStage::Scores:
      return trace.scores(h, i, j);
    case ScoreStage::Scaled:
      return trace.scaled(h, i, j);
    case ScoreStage::Masked:
      return trace.masked(h, i, j);
    case ScoreStage::Weights:
      break;
  }
  return trace.weights(h, i, j);
}

}  // namespace

HeatmapData headHeatmap(const AttentionResult& result, int head, ScoreStage stage) {
  const AttentionTrace& trace = *result.trace;
  HeatmapData data = emptyMap(result);
  const auto h = std::size_t(head);
  if (stage == ScoreStage::Weights) {
    const auto weights = trace.weights.head(h);  // row-major, as the map's cells
    std::copy(weights.data(), weights.data() + weights.size(), data.values.begin());
  }
  std::size_t cell = 0;
  for (std::size_t i = 0; i < trace.queryLength(); ++i) {
    for (std::size_t j = 0; j < trace.keyLength(); ++j, ++cell) {
      if (stage != ScoreStage::Weights) data.values[cell] = stageValue(trace, h, i, j, stage);
      data.blocked[cell] = !trace.mask.keeps(head, i, j);
    }
  }
  data.title = HeadMaps::tr("head %1").arg(head + 1);
  return data;
}

HeatmapData averageHeatmap(const AttentionResult& result) {
  const AttentionTrace& trace = *result.trace;
  HeatmapData data = emptyMap(result);
  // Summed head by head over contiguous arrays (in double, as a mean of many small weights
  // wants), then divided; a cell is blocked when every head blocks it.
  std::vector<double> sums(data.values.size(), 0.0);
  std::fill(data.blocked.begin(), data.blocked.end(), std::uint8_t{1});
  for (int h = 0; h < trace.heads; ++h) {
    const float* weights = trace.weights.head(std::size_t(h)).data();
    for (std::size_t cell = 0; cell < sums.size(); ++cell) sums[cell] += weights[cell];
    std::size_t cell = 0;
    for (std::size_t i = 0; i < trace.queryLength(); ++i) {
      for (std::size_t j = 0; j < trace.keyLength(); ++j, ++cell) {
        if (trace.mask.keeps(h, i, j)) data.blocked[cell] = 0;
      }
    }
  }
  for (std::size_t cell = 0; cell < sums.size(); ++cell) {
    data.values[cell] = float(sums[cell] / trace.heads);
  }
  data.title = averageTitle(trace.heads);
  return data;
}

HeatmapData rolloutHeatmap(const AttentionResult& result) {
  const Matrix rollout = attentionRollout(*result.encoder->trace);
  HeatmapData data;
  data.rows = int(rollout.rows());
  data.cols = int(rollout.cols());
  data.values.assign(rollout.data(), rollout.data() + rollout.size());
  data.rowLabels = result.queryLabels;  // the pieces read
  data.colLabels = data.rowLabels;
  data.title = HeadMaps::tr("attention rollout: layers 1–%1, (A+I)/2 averaged over heads")
                   .arg(result.encoder->trace->layers.size());
  return data;
}

HeatmapData layerHeadHeatmap(const AttentionResult& result, int layer, int head) {
  const HeadTensor& weights = result.encoder->trace->layers[std::size_t(layer)].attention.weights;
  HeatmapData data = emptyMap(result);
  const auto map = weights.head(std::size_t(head));
  data.values.assign(map.data(), map.data() + map.size());
  data.title = HeadMaps::tr("layer %1 · head %2").arg(layer + 1).arg(head + 1);
  return data;
}

QString layerHeadToolTip(const HeatmapData& map, int row, int col) {
  if (row < 0 || col < 0 || row >= map.rows || col >= map.cols) return {};
  return cellHeading(map.rowLabels[row], row, map.colLabels[col], col) + QLatin1Char('\n') +
         map.title + QStringLiteral(": ") +
         HeadMaps::tr("weight %1").arg(cellValue(map, row, col), 0, 'f', 4);
}

QString rolloutToolTip(const HeatmapData& rollout, int row, int col) {
  if (row < 0 || col < 0 || row >= rollout.rows || col >= rollout.cols) return {};
  return cellHeading(rollout.rowLabels[row], row, rollout.colLabels[col], col) + QLatin1Char('\n') +
         HeadMaps::tr("rollout %1: the share of input piece %2 in piece %3's final representation")
             .arg(cellValue(rollout, row, col), 0, 'f', 4)
             .arg(col + 1)
             .arg(row + 1);
}

QString matrixCellToolTip(const HeatmapData& map, int row, int col) {
  if (row < 0 || col < 0 || row >= map.rows || col >= map.cols || map.isPicture()) return {};
  const std::size_t cell = std::size_t(row) * std::size_t(map.cols) + std::size_t(col);
  const QString where = HeadMaps::tr("%1, row “%2”, column “%3”")
                            .arg(map.title, map.rowLabels.value(row), map.colLabels.value(col));
  if (!map.blocked.empty() && map.blocked[cell]) {
    return where + QLatin1Char('\n') + HeadMaps::tr("blocked by the mask: −1e9");
  }
  return where + QLatin1Char('\n') +
         HeadMaps::tr("value %1").arg(cellValue(map, row, col), 0, 'g', 5);
}

HeatmapData pooledHeatmap(const AttentionResult& result, int head) {
  const AttentionSummary& summary = *result.summary;
  const HeadTensor& picture = summary.picture;
  HeatmapData data;
  data.rows = int(summary.queryLength);
  data.cols = int(summary.keyLength);
  data.pictureRows = int(picture.rows());
  data.pictureCols = int(picture.cols());
  data.values.assign(picture.rows() * picture.cols(), 0.0f);
  const int first = head < 0 ? 0 : head, last = head < 0 ? summary.heads : head + 1;
  for (int h = first; h < last; ++h) {
    const float* cells = picture.head(std::size_t(h)).data();
    for (std::size_t cell = 0; cell < data.values.size(); ++cell) data.values[cell] += cells[cell];
  }
  for (float& value : data.values) value /= float(last - first);
  data.blocked = result.blockedPictureCells;
  data.rowLabels = result.queryLabels;
  data.colLabels = result.keyLabels;
  data.title = head < 0 ? averageTitle(summary.heads) : HeadMaps::tr("head %1").arg(head + 1);
  return data;
}

namespace {

QString pooledToolTip(const AttentionResult& result, int head, int row, int col) {
  const AttentionSummary& summary = *result.summary;
  const HeadTensor& picture = summary.picture;
  // The picture's cell r covers rows [rowStart(r), rowStart(r + 1)): find the one holding row.
  const auto cellOf = [](std::size_t index, std::size_t cells, std::size_t length) {
    return std::min(cells - 1, ((index + 1) * cells - 1) / length);
  };
  const std::size_t r = cellOf(std::size_t(row), picture.rows(), summary.queryLength);
  const std::size_t c = cellOf(std::size_t(col), picture.cols(), summary.keyLength);
  const std::size_t firstRow = summary.rowStart(r), endRow = summary.rowStart(r + 1);
  const std::size_t firstCol = summary.columnStart(c), endCol = summary.columnStart(c + 1);
  double sum = 0.0;
  const int first = head < 0 ? 0 : head, last = head < 0 ? summary.heads : head + 1;
  for (int h = first; h < last; ++h) sum += picture(std::size_t(h), r, c);
  const double mean = sum / (last - first);
  return HeadMaps::tr("queries %1–%2 → keys %3–%4 (pooled)")
             .arg(firstRow + 1)
             .arg(endRow)
             .arg(firstCol + 1)
             .arg(endCol) +
         QLatin1Char('\n') +
         (head < 0
              ? HeadMaps::tr("mean weight over the heads and the block %1").arg(mean, 0, 'f', 4)
              : HeadMaps::tr("head %1: mean weight over the block %2")
                    .arg(head + 1)
                    .arg(mean, 0, 'f', 4));
}

}  // namespace

QString cellToolTip(const AttentionResult& result, int head, int row, int col) {
  if (row < 0 || col < 0 || std::size_t(row) >= result.queryTokens.size() ||
      std::size_t(col) >= result.keyTokens.size()) {
    return {};
  }
  if (result.pooled()) return pooledToolTip(result, head, row, col);
  if (!result.trace) return {};
  const AttentionTrace& trace = *result.trace;
  const QString query = result.queryLabels.value(row);
  const QString key = result.keyLabels.value(col);
  const QString header = cellHeading(query, row, key, col);
  const auto i = std::size_t(row), j = std::size_t(col);
  if (head < 0) {
    double sum = 0.0;  // the mean of this one cell, not the whole average map on every hover
    for (std::size_t h = 0; h < std::size_t(trace.heads); ++h) sum += trace.weights(h, i, j);
    return header + QLatin1Char('\n') +
           HeadMaps::tr("mean weight %1").arg(sum / trace.heads, 0, 'f', 4);
  }
  const auto h = std::size_t(head);
  const bool blocked = !trace.mask.keeps(head, i, j);
  return header + QLatin1Char('\n') + HeadMaps::tr("head %1").arg(head + 1) + QLatin1Char('\n') +
         HeadMaps::tr("raw score q·k = %1").arg(trace.scores(h, i, j), 0, 'f', 4) +
         QLatin1Char('\n') +
         HeadMaps::tr("scaled score = %1").arg(trace.scaled(h, i, j), 0, 'f', 4) +
         QLatin1Char('\n') +
         (blocked ? HeadMaps::tr("blocked by the mask: set to −1e9") + QLatin1Char('\n')
                  : QString()) +
         HeadMaps::tr("weight = %1").arg(trace.weights(h, i, j), 0, 'f', 4);
}

std::pair<double, double> valueRange(const HeatmapData& data) {
  double low = INFINITY, high = -INFINITY;
  for (std::size_t cell = 0; cell < data.values.size(); ++cell) {
    if (!data.blocked.empty() && data.blocked[cell]) continue;
    low = std::min(low, double(data.values[cell]));
    high = std::max(high, double(data.values[cell]));
  }
  if (!(low <= high)) return {0.0, 1.0};
  if (low == high) return {low - 0.5, high + 0.5};
  return {low, high};
}

std::pair<double, double> symmetricRange(const HeatmapData& data) {
  const auto [low, high] = valueRange(data);
  const double extent = std::max({std::abs(low), std::abs(high), 1e-6});
  return {-extent, extent};
}

}  // namespace attnscope
