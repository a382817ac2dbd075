#pragma once

#include <algorithm>
#include <cmath>
#include <span>

#include "core/matrix.h"

namespace attnscope::testing {

// The golden tolerance, judged per tensor: max |ours − reference| ≤ 1e-5 · max(1, max |ref|).
// Element-wise relative tolerances fail spuriously near zero when scores are large.
inline double normalisedError(std::span<const float> ours, std::span<const float> reference) {
  double worstDifference = 0.0, largest = 1.0;
  for (std::size_t i = 0; i < reference.size(); ++i) {
    worstDifference = std::max(worstDifference, std::abs(double(ours[i]) - double(reference[i])));
    largest = std::max(largest, std::abs(double(reference[i])));
  }
  return worstDifference / largest;
}

inline constexpr double kGoldenTolerance = 1e-5;

// A matrix with entries from a fixed linear-congruential sequence in [-scale, scale): tests
// need varied values, not statistical quality, and must replay exactly.
inline Matrix patternMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed,
                            float scale = 1.0f) {
  Matrix matrix(rows, cols);
  unsigned state = seed * 2654435761u + 1u;
  for (Eigen::Index i = 0; i < matrix.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    matrix.data()[i] = scale * (float(state >> 8) / float(1u << 24) * 2.0f - 1.0f);
  }
  return matrix;
}

}  // namespace attnscope::testing
