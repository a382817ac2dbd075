#pragma once

#include <optional>
#include <vector>

#include "ui/model/heatmap_data.h"

// One head's attention drawn as BertViz's head view draws it: the query tokens in a column on
// the left, the key tokens in a column on the right, and a line from each query to each key
// whose width and opacity grow with the weight. Plain values here; the window's line view and
// the figure export both paint them (ui/figure/figure_lines.h).
namespace attnscope {

// The tokens in view, [from, to), counted over the query sentence (keys are cut to the same
// positions, as far as they reach).
struct TokenWindow {
  int from = 0, to = 0;
  int size() const { return to - from; }
  bool operator==(const TokenWindow&) const = default;
};

// A short sentence whole; a long one's first 32 tokens, so the lines stay readable.
inline constexpr int kWholeSentenceTokens = 40;
inline constexpr int kFocusWindowTokens = 32;
TokenWindow defaultTokenWindow(int tokens);
// `window` moved and cut to lie inside [0, tokens), at least one token wide when there are any.
TokenWindow clampedTokenWindow(TokenWindow window, int tokens);

struct AttentionLine {
  int query = 0, key = 0;  // row and column of the matrix
  double width = 0;        // in units of the widest line
  double opacity = 0;      // 0..1
};

// Others' lines when a query is chosen: faint enough that the chosen one stands out.
inline constexpr double kFadedOpacity = 0.2;

// The lines of `weights` inside `window`: strength s = (w − low) / (high − low), clamped to 0..1,
// gives width = s and opacity = √s (× kFadedOpacity for the queries not chosen, when one is).
// The root keeps the order of the weights but lets a weight spread over many keys still show:
// 1/8 (a query looking evenly at 8 keys) is drawn at opacity 0.35, not 0.125.
// Blocked cells and lines of strength 0 give no line.
std::vector<AttentionLine> attentionLines(const HeatmapData& weights, TokenWindow window,
                                          double low, double high, std::optional<int> chosenQuery);

}  // namespace attnscope
