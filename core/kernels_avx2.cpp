// Kernels for AVX2 + FMA, compiled with -mavx2 -mfma and called only by the dispatcher after it
// checked CPUID and XCR0. No Eigen and no standard-library templates here (see kernel_table.h).
#include <immintrin.h>

#include <cassert>

#include "core/blocked_score.h"
#include "core/kernel_table.h"

namespace attnscope::kernels::avx2 {
namespace {

unsigned long long gGemmCalls = 0;

// Two ymm registers of C per row (16 columns): 6 rows give 12 independent FMA chains, enough
// for two FMA pipes of 4-cycle latency, and leave 4 of the 16 registers for B and A.
constexpr std::size_t kTileRows = 6;

// Lanes [0, count) set, for the partial vector at the end of a row.
__m256i firstLanes(std::size_t count) {
  const int n = count >= 8 ? 8 : int(count);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

void storeColumns(float* row, __m256 low, __m256 high, std::size_t cols) {
  if (cols >= 16) {
    _mm256_storeu_ps(row, low);
    _mm256_storeu_ps(row + 8, high);
    return;
  }
  _mm256_maskstore_ps(row, firstLanes(cols), low);
  if (cols > 8) _mm256_maskstore_ps(row + 8, firstLanes(cols - 8), high);
}

void loadColumns(const float* row, std::size_t cols, __m256* low, __m256* high) {
  if (cols >= 16) {
    *low = _mm256_loadu_ps(row);
    *high = _mm256_loadu_ps(row + 8);
    return;
  }
  *low = _mm256_maskload_ps(row, firstLanes(cols));
  *high = cols > 8 ? _mm256_maskload_ps(row + 8, firstLanes(cols - 8)) : _mm256_setzero_ps();
}

// C[r][0:cols] (=|+=) Σ_k A[r][k]·B[k][0:16] (+ bias): one broadcast of A per row and step,
// multiplied into the same 16 values of B (two registers).
template <int Rows>
void tile(const float* a, std::size_t lda, const float* b, std::size_t ldb, std::size_t depth,
          float* c, std::size_t ldc, std::size_t cols, const float* bias, bool accumulate) {
  // The loops over rows are unrolled so that the sums live in registers.
  __m256 low[Rows], high[Rows];
#pragma GCC unroll 16
  for (int r = 0; r < Rows; ++r) low[r] = high[r] = _mm256_setzero_ps();
  for (std::size_t k = 0; k < depth; ++k) {
    const __m256 b0 = _mm256_loadu_ps(b + k * ldb);
    const __m256 b1 = _mm256_loadu_ps(b + k * ldb + 8);
#pragma GCC unroll 16
    for (int r = 0; r < Rows; ++r) {
      const __m256 ar = _mm256_broadcast_ss(a + r * lda + k);
      low[r] = _mm256_fmadd_ps(ar, b0, low[r]);
      high[r] = _mm256_fmadd_ps(ar, b1, high[r]);
    }
  }
#pragma GCC unroll 16
  for (int r = 0; r < Rows; ++r) {
    float* row = c + r * ldc;
    __m256 l = low[r], h = high[r];
    if (accumulate) {
      __m256 oldLow, oldHigh;
      loadColumns(row, cols, &oldLow, &oldHigh);
      l = _mm256_add_ps(l, oldLow);
      h = _mm256_add_ps(h, oldHigh);
    }
    if (bias != nullptr) {
      l = _mm256_add_ps(l, _mm256_loadu_ps(bias));
      h = _mm256_add_ps(h, _mm256_loadu_ps(bias + 8));
    }
    storeColumns(row, l, h, cols);
  }
}

#include "core/finite_loops_inl.h"
#include "core/gemm_loops_inl.h"

// exp(x) for x ≤ 0 to about 1 ulp (Cephes expf): x = n·ln2 + r with n = round(x / ln2) and
// |r| ≤ ln2/2, exp(r) by a degree-7 polynomial, times 2ⁿ built in the exponent bits. Below
// ln(FLT_MIN) the result is flushed to exactly 0 (blocked cells need exact zeros).
__m256 exponential(__m256 x) {
  const __m256 minimum = _mm256_set1_ps(-87.33654f);  // ln(FLT_MIN)
  const __m256 underflow = _mm256_cmp_ps(x, minimum, _CMP_LT_OQ);
  x = _mm256_max_ps(x, minimum);
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  // ln2 split in two so that n·ln2hi is exact and r keeps its low bits.
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.9875691500e-4f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
  p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
  // 2ⁿ for n in [−126, 0]: the biased exponent n + 127 shifted into place.
  const __m256i exponent =
      _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  const __m256 result = _mm256_mul_ps(p, _mm256_castsi256_ps(exponent));
  return _mm256_andnot_ps(underflow, result);
}

float exponential(float x) { return _mm256_cvtss_f32(exponential(_mm256_set1_ps(x))); }

float horizontalMaximum(__m256 v) {
  __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  m = _mm_max_ps(m, _mm_movehl_ps(m, m));
  m = _mm_max_ss(m, _mm_shuffle_ps(m, m, 1));
  return _mm_cvtss_f32(m);
}

float horizontalSum(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
  return _mm_cvtss_f32(s);
}

// Lanes whose keep byte is non-zero, for `count` ≤ 8 bytes (the rest read as blocked).
__m256 keptLanes(const std::uint8_t* keep, std::size_t count) {
  unsigned char bytes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (std::size_t i = 0; i < count && i < 8; ++i) bytes[i] = keep[i];
  const __m256i wide =
      _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(bytes)));
  return _mm256_castsi256_ps(
      _mm256_xor_si256(_mm256_cmpeq_epi32(wide, _mm256_setzero_si256()), _mm256_set1_epi32(-1)));
}

// Eight floats per vector, lanes past the end of a row masked off (for the shared softmax loops,
// softmax_loops_inl.h).
struct VectorOps {
  static constexpr std::size_t kWidth = 8;
  using Vector = __m256;
  using Lanes = __m256i;
  static Lanes first(std::size_t count) { return firstLanes(count); }
  static Vector load(const float* p, Lanes lanes) { return _mm256_maskload_ps(p, lanes); }
  static void store(float* p, Lanes lanes, Vector v) { _mm256_maskstore_ps(p, lanes, v); }
  static Vector broadcast(float x) { return _mm256_set1_ps(x); }
  static Vector divide(Vector a, Vector b) { return _mm256_div_ps(a, b); }
  static Vector multiply(Vector a, Vector b) { return _mm256_mul_ps(a, b); }
  static Vector subtract(Vector a, Vector b) { return _mm256_sub_ps(a, b); }
  static Vector keptOr(Vector x, Vector blocked, const std::uint8_t* keep, Lanes,
                       std::size_t count) {
    return _mm256_blendv_ps(blocked, x, keptLanes(keep, count));
  }
  static Vector maximumOver(Vector running, Lanes lanes, Vector x) {
    return _mm256_max_ps(
        running, _mm256_blendv_ps(broadcast(-__builtin_inff()), x, _mm256_castsi256_ps(lanes)));
  }
  static Vector sumOver(Vector running, Lanes lanes, Vector x) {
    return _mm256_add_ps(running, _mm256_and_ps(x, _mm256_castsi256_ps(lanes)));
  }
  static float largest(Vector v) { return horizontalMaximum(v); }
  static float total(Vector v) { return horizontalSum(v); }
  static Vector exp(Vector x) { return exponential(x); }
  static float exp(float x) { return exponential(x); }
};

#include "core/softmax_loops_inl.h"

}  // namespace

constinit const KernelTable kTable = {
    .name = "avx2",
    .description = "AVX2 and FMA3 (Intel Haswell, AMD Zen and later)",
    .requiredFeatures = kCpuAvx2 | kCpuFma,
    .gemm = gemm,
    .softmaxRow = softmaxRow<VectorOps>,
    .onlineSoftmaxBlock = onlineSoftmaxBlock<VectorOps>,
    .allFinite = allFinite,
    .gemmCalls = &gGemmCalls,
};

}  // namespace attnscope::kernels::avx2
