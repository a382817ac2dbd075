// Kernels for the x86-64 baseline (SSE2, which every x86-64 processor has): the path every
// machine can run, and the one ATTNSCOPE_ISA=scalar forces, with the same algorithms and blocking
// as the AVX files.
#include <emmintrin.h>

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/blocked_score.h"
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

// One float per "vector": the shared softmax loops (softmax_loops_inl.h) run over single cells,
// in the order the cells come, with std::exp.
struct VectorOps {
  static constexpr std::size_t kWidth = 1;
  using Vector = float;
  using Lanes = bool;  // the one lane is always in range
  static Lanes first(std::size_t) { return true; }
  static Vector load(const float* p, Lanes) { return *p; }
  static void store(float* p, Lanes, Vector v) { *p = v; }
  static Vector broadcast(float x) { return x; }
  static Vector divide(Vector a, Vector b) { return a / b; }
  static Vector multiply(Vector a, Vector b) { return a * b; }
  static Vector subtract(Vector a, Vector b) { return a - b; }
  static Vector keptOr(Vector x, Vector blocked, const std::uint8_t* keep, Lanes, std::size_t) {
    return keep[0] != 0 ? x : blocked;
  }
  static Vector maximumOver(Vector running, Lanes, Vector x) { return std::max(running, x); }
  static Vector sumOver(Vector running, Lanes, Vector x) { return running + x; }
  static float largest(Vector v) { return v; }
  static float total(Vector v) { return v; }
  static float exp(float x) { return std::exp(x); }
};

#include "core/softmax_loops_inl.h"

}  // namespace

constinit const KernelTable kTable = {
    .name = "scalar",
    .description = "x86-64 baseline (SSE2): runs on every x86-64 processor",
    .requiredFeatures = 0,
    .gemm = gemm,
    .softmaxRow = softmaxRow<VectorOps>,
    .onlineSoftmaxBlock = onlineSoftmaxBlock<VectorOps>,
    .allFinite = allFinite,
    .gemmCalls = &gGemmCalls,
};

}  // namespace attnscope::kernels::scalar
