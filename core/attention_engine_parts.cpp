// AttentionEngine's helpers shared by the full-trace and streaming paths (declared in
// attention_engine_parts.h).
#include "core/attention_engine_parts.h"

namespace attnscope {

using kernels::kPanelWidth;

void packKeys(const float* keys, std::size_t first, std::size_t count, std::size_t headWidth,
              std::size_t keyLength, float* panels) {
  for (std::size_t q = first / kPanelWidth; q < blockCount(first + count, kPanelWidth); ++q) {
    float* panel = panels + q * headWidth * kPanelWidth;
    for (std::size_t j = 0; j < kPanelWidth; ++j) {
      const std::size_t key = q * kPanelWidth + j;
      if (key >= keyLength) {
        for (std::size_t f = 0; f < headWidth; ++f) panel[f * kPanelWidth + j] = 0.0f;
        continue;
      }
      const float* row = keys + (key - first) * headWidth;
      for (std::size_t f = 0; f < headWidth; ++f) panel[f * kPanelWidth + j] = row[f];
    }
  }
}

}  // namespace attnscope
