#pragma once

#include <QString>
#include <vector>

#include "ui/model/attention_result.h"

namespace attnscope {

// The arithmetic behind one attention weight, step by step, in numbers a student can check by
// hand: q·k term by term, the division by √d_k, the mask, the exponentials of the row (after
// subtracting its maximum, as a stable softmax does), their sum, and the final division.
struct WorkedNumbers {
  int head = 0, query = 0, key = 0;
  std::vector<float> queryVector, keyVector;  // q_i and k_j of this head (d_k entries)
  double dot = 0.0;                           // Σ q_c·k_c, recomputed here in double
  float score = 0.0f;                         // the engine's q·k
  float divisor = 1.0f;                       // √d_k
  float scaled = 0.0f;
  bool blocked = false;
  std::vector<float> rowLogits;  // the masked, scaled row of this query
  std::vector<bool> rowBlocked;  // which keys of the row the mask blocks
  float rowMaximum = 0.0f;
  std::vector<double> exponentials;  // exp(logit − max) for every key of the row
  double sum = 0.0;
  double weight = 0.0;  // exponentials[key] / sum: equals the engine's weight
};

WorkedNumbers workedNumbers(const AttentionResult& result, int head, int query, int key);
// Plain text a student can check by hand, one term per line so no number is ever broken across
// lines: every product of q·k, every exponential of the row (a blocked key shown contributing
// exp(−1e9 − max) = 0), up to kWorkedTermsShown of each, then how many more there are.
QString describeWorkedNumbers(const WorkedNumbers& numbers, const AttentionResult& result);

// More terms than anyone adds by hand; the cap keeps the text cheap for a row of 4096 keys.
inline constexpr std::size_t kWorkedTermsShown = 256;

}  // namespace attnscope
