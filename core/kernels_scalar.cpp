// Kernels for the x86-64 baseline (SSE2, which every x86-64 processor has): the path every
// machine can run, and the one ATTNSCOPE_ISA=scalar forces, with the same algorithms and blocking
// as the AVX files.
#include <emmintrin.h>

#include <algorithm>
#include <cmath>

#include "core/kernel_table.h"

namespace attnscope::kernels::scalar {
namespace {

unsigned long long gGemmCalls = 0;

// Two rows × 16 columns = 8 SSE registers of sums, leaving the other 8 for B and A: GCC's own
// vectoriser shuffles a 16-wide plain loop badly, so the baseline's SSE2 is written out.
constexpr std::size_t kTileRows = 2;

// C[r][0:cols] (=|+=) Σ_k A[r][k]·B[k][0:16] (+ bias): one broadcast of A per row and step,
// multiplied into the same 16 values of B (four registers).
template <int Rows>
void tile(const float* a, std::size_t lda, const float* b, std::size_t ldb, std::size_t depth,
          float* c, std::size_t ldc, std::size_t cols, const float* bias, bool accumulate) {
  __m128 sum[Rows][4];
  for (int r = 0; r < Rows; ++r)
    for (int q = 0; q < 4; ++q) sum[r][q] = _mm_setzero_ps();
  for (std::size_t k = 0; k < depth; ++k) {
    const float* bk = b + k * ldb;
    const __m128 b0 = _mm_loadu_ps(bk), b1 = _mm_loadu_ps(bk + 4), b2 = _mm_loadu_ps(bk + 8),
                 b3 = _mm_loadu_ps(bk + 12);
    for (int r = 0; r < Rows; ++r) {
      const __m128 ar = _mm_set1_ps(a[r * lda + k]);
      sum[r][0] = _mm_add_ps(sum[r][0], _mm_mul_ps(ar, b0));
      sum[r][1] = _mm_add_ps(sum[r][1], _mm_mul_ps(ar, b1));
      sum[r][2] = _mm_add_ps(sum[r][2], _mm_mul_ps(ar, b2));
      sum[r][3] = _mm_add_ps(sum[r][3], _mm_mul_ps(ar, b3));
    }
  }
  for (int r = 0; r < Rows; ++r) {
    float values[kPanelWidth];
    for (int q = 0; q < 4; ++q) _mm_storeu_ps(values + 4 * q, sum[r][q]);
    float* row = c + r * ldc;
    for (std::size_t j = 0; j < cols; ++j) {
      float value = values[j];
      if (accumulate) value += row[j];
      if (bias != nullptr) value += bias[j];
      row[j] = value;
    }
  }
}

#include "core/finite_loops_inl.h"
#include "core/gemm_loops_inl.h"

constexpr float kBlocked = -1e9f;

// Pass 1 of both softmaxes: logits[j] = masked(scores[j] / divisor), a true division as the
// reference divides; returns their maximum over j < kept.
float writeLogits(const float* scores, float* logits, std::size_t kept, float divisor,
                  const std::uint8_t* keep) {
  float maximum = -INFINITY;
  for (std::size_t j = 0; j < kept; ++j) {
    const float x = keep != nullptr && keep[j] == 0 ? kBlocked : scores[j] / divisor;
    logits[j] = x;
    maximum = std::max(maximum, x);
  }
  return maximum;
}

// Pass 2: values[j] = exp(values[j] − maximum) for j < kept; returns their sum.
float exponentiate(float* values, std::size_t kept, float maximum) {
  float sum = 0.0f;
  for (std::size_t j = 0; j < kept; ++j) {
    values[j] = std::exp(values[j] - maximum);
    sum += values[j];
  }
  return sum;
}

// softmax(x)_j = exp(x_j − m) / Σ_k exp(x_k − m) with m = max_k x_k: subtracting the maximum
// changes nothing mathematically and keeps exp from overflowing. Blocked cells of a kept prefix
// all hold −1e9, so they share one value exp(−1e9 − m), computed once.
bool softmaxRow(const float* scores, float* weights, std::size_t length, float divisor,
                RowMask mask) {
  const std::size_t kept = mask.keep != nullptr ? length : std::min(mask.keptPrefix, length);
  float maximum = writeLogits(scores, weights, kept, divisor, mask.keep);
  if (kept < length) maximum = std::max(maximum, kBlocked);
  float sum = exponentiate(weights, kept, maximum);
  const float blockedValue = kept < length ? std::exp(kBlocked - maximum) : 0.0f;
  sum += blockedValue * float(length - kept);
  // Multiplying by the reciprocal, as PyTorch's vectorised softmax does.
  const float scale = 1.0f / sum;
  for (std::size_t j = 0; j < kept; ++j) weights[j] *= scale;
  std::fill(weights + kept, weights + length, blockedValue * scale);
  return mask.keep == nullptr && blockedValue == 0.0f;
}

// The online softmax's step over one block of keys: with m' = max(m, max_j x_j), earlier sums
// were taken relative to m and are rescaled by exp(m − m'); this block adds Σ_j exp(x_j − m').
float onlineSoftmaxBlock(float* values, std::size_t length, float divisor, RowMask mask,
                         OnlineSoftmaxState* state) {
  const std::size_t kept = mask.keep != nullptr ? length : std::min(mask.keptPrefix, length);
  float blockMaximum = writeLogits(values, values, kept, divisor, mask.keep);
  if (kept < length) blockMaximum = std::max(blockMaximum, kBlocked);
  const float maximum = std::max(state->maximum, blockMaximum);
  const float rescale = std::exp(state->maximum - maximum);
  float sum = exponentiate(values, kept, maximum);
  const float blockedValue = kept < length ? std::exp(kBlocked - maximum) : 0.0f;
  std::fill(values + kept, values + length, blockedValue);
  sum += blockedValue * float(length - kept);
  state->sum = state->sum * rescale + sum;
  state->maximum = maximum;
  return rescale;
}

}  // namespace

constinit const KernelTable kTable = {
    .name = "scalar",
    .description = "x86-64 baseline (SSE2): runs on every x86-64 processor",
    .requiredFeatures = 0,
    .gemm = gemm,
    .softmaxRow = softmaxRow,
    .onlineSoftmaxBlock = onlineSoftmaxBlock,
    .allFinite = allFinite,
    .gemmCalls = &gGemmCalls,
};

}  // namespace attnscope::kernels::scalar
