#pragma once

#include <algorithm>
#include <vector>

namespace attnscope::cli {

// The median of timings: what the benchmarks report, since single runs vary too much.
inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

}  // namespace attnscope::cli
