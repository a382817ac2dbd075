#include "ui/head_maps.h"

#include <QCoreApplication>
#include <cmath>

#include "ui/token_labels.h"

namespace attnscope {

// Carries tr() for these free functions, with a context lupdate can see.
class HeadMaps {
  Q_DECLARE_TR_FUNCTIONS(attnscope::HeadMaps)
};

namespace {



HeatmapData emptyMap(const AttentionResult& result) {
  HeatmapData data;
  data.rows = int(result.trace->queryLength());
  data.cols = int(result.trace->keyLength());
  const std::size_t cells = std::size_t(data.rows) * std::size_t(data.cols);
  data.values.resize(cells);
  data.blocked.resize(cells);
  data.rowLabels = tokenLabels(result.queryTokens);
  data.colLabels = tokenLabels(result.keyTokens);
  return data;
}

float stageValue(const AttentionTrace& trace, std::size_t h, std::size_t i, std::size_t j,
                 ScoreStage stage) {
  switch (stage) {
    case ScoreStage::Scores: return trace.scores(h, i, j);
    case ScoreStage::Scaled: return trace.scaled(h, i, j);
    case ScoreStage::Masked: return trace.masked(h, i, j);
    case ScoreStage::Weights: break;
  }
  return trace.weights(h, i, j);
}

}  // namespace

HeatmapData headHeatmap(const AttentionResult& result, int head, ScoreStage stage) {
  const AttentionTrace& trace = *result.trace;
  HeatmapData data = emptyMap(result);
  const auto h = std::size_t(head);
  std::size_t cell = 0;
  for (std::size_t i = 0; i < trace.queryLength(); ++i) {
    for (std::size_t j = 0; j < trace.keyLength(); ++j, ++cell) {
      data.values[cell] = stageValue(trace, h, i, j, stage);
      data.blocked[cell] = !trace.mask.keeps(head, i, j);
    }
  }
  data.title = HeadMaps::tr("head %1").arg(head + 1);
  return data;
}

HeatmapData averageHeatmap(const AttentionResult& result) {
  const AttentionTrace& trace = *result.trace;
  HeatmapData data = emptyMap(result);
  std::size_t cell = 0;
  for (std::size_t i = 0; i < trace.queryLength(); ++i) {
    for (std::size_t j = 0; j < trace.keyLength(); ++j, ++cell) {
      double sum = 0.0;
      bool blockedEverywhere = true;
      for (int h = 0; h < trace.heads; ++h) {
        sum += trace.weights(std::size_t(h), i, j);
        blockedEverywhere = blockedEverywhere && !trace.mask.keeps(h, i, j);
      }
      data.values[cell] = float(sum / trace.heads);
      data.blocked[cell] = blockedEverywhere;
    }
  }
  data.title = HeadMaps::tr("average of %n head(s)", nullptr, trace.heads);
  return data;
}

QString cellToolTip(const AttentionResult& result, int head, int row, int col) {
  if (!result.trace || row < 0 || col < 0 || std::size_t(row) >= result.queryTokens.size() ||
      std::size_t(col) >= result.keyTokens.size()) {
    return {};
  }
  const AttentionTrace& trace = *result.trace;
  const QString query = tokenLabels(std::span(&result.queryTokens[std::size_t(row)], 1)).front();
  const QString key = tokenLabels(std::span(&result.keyTokens[std::size_t(col)], 1)).front();
  const QString header = HeadMaps::tr("query “%1” (row %2) → key “%3” (column %4)")
                             .arg(query)
                             .arg(row + 1)
                             .arg(key)
                             .arg(col + 1);
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
         HeadMaps::tr("raw score q·k = %1").arg(trace.scores(h, i, j), 0, 'f', 4) + QLatin1Char('\n') +
         HeadMaps::tr("scaled score = %1").arg(trace.scaled(h, i, j), 0, 'f', 4) + QLatin1Char('\n') +
         (blocked ? HeadMaps::tr("blocked by the mask: set to −1e9") + QLatin1Char('\n') : QString()) +
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
