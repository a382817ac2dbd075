#include "ui/model/attention_lines.h"

#include <algorithm>
#include <cmath>

namespace attnscope {

TokenWindow defaultTokenWindow(int tokens) {
  return {0, tokens <= kWholeSentenceTokens ? tokens : kFocusWindowTokens};
}

TokenWindow clampedTokenWindow(TokenWindow window, int tokens) {
  if (tokens <= 0) return {};
  const int size = std::clamp(window.size(), 1, tokens);
  const int from = std::clamp(window.from, 0, tokens - size);
  return {from, from + size};
}

std::vector<AttentionLine> attentionLines(const HeatmapData& weights, TokenWindow window,
                                          double low, double high, std::optional<int> chosenQuery) {
  std::vector<AttentionLine> lines;
  if (weights.isPicture() || !(high > low)) return lines;
  const int rowEnd = std::min(window.to, weights.rows);
  const int colEnd = std::min(window.to, weights.cols);
  for (int row = std::max(window.from, 0); row < rowEnd; ++row) {
    const bool faded = chosenQuery && *chosenQuery != row;
    for (int col = std::max(window.from, 0); col < colEnd; ++col) {
      const std::size_t cell = std::size_t(row) * std::size_t(weights.cols) + std::size_t(col);
      if (!weights.blocked.empty() && weights.blocked[cell]) continue;
      const double strength = std::clamp((weights.values[cell] - low) / (high - low), 0.0, 1.0);
      if (!(strength > 0)) continue;  // also NaN
      const double opacity = std::sqrt(strength);
      lines.push_back({row, col, strength, faded ? opacity * kFadedOpacity : opacity});
    }
  }
  return lines;
}

}  // namespace attnscope
