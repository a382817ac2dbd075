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

bool projectHeadRows(const kernels::KernelTable& kernels, const PreparedWeights::Panels& panels,
                     const float* input, std::size_t modelWidth, std::size_t first,
                     std::size_t rows, std::size_t headWidth, float* out, std::size_t outStride) {
  kernels.gemm({.a = input + first * modelWidth,
                .lda = modelWidth,
                .b = panels.b,
                .ldb = kPanelWidth,
                .panelStride = panels.panelStride,
                .bias = panels.bias,
                .c = out,
                .ldc = outStride,
                .rows = rows,
                .cols = headWidth,
                .depth = modelWidth});
  return kernels.allFinite(out, rows, headWidth, outStride);
}

}  // namespace attnscope
