// Kernels for AVX-512 (F, BW, DQ, VL), compiled with those -m flags and nothing else in the
// program: only the dispatcher calls into this file, after checking CPUID and XCR0. No Eigen and
// no standard-library templates here (see kernel_table.h).
#include <immintrin.h>

#include <cassert>

#include "core/blocked_score.h"
#include "core/kernel_table.h"

namespace attnscope::kernels::avx512 {
namespace {

unsigned long long gGemmCalls = 0;

// One zmm register of C per row: 8 rows × 16 columns keeps 8 independent FMA chains in flight,
// enough to hide the 4-cycle FMA latency at one 512-bit FMA per cycle (Zen 4), with the row
// pointers of A still fitting in general registers.
constexpr std::size_t kTileRows = 8;

__mmask16 columnMask(std::size_t cols) {
  return cols >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << cols) - 1u);
}

// C[r][0:cols] (=|+=) Σ_k A[r][k]·B[k][0:16] (+ bias): each step broadcasts one value of A per
// row and multiplies it into the same 16 values of B.
template <int Rows>
void tile(const float* a, std::size_t lda, const float* b, std::size_t ldb, std::size_t depth,
          float* c, std::size_t ldc, std::size_t cols, const float* bias, bool accumulate) {
  // The loops over rows are unrolled so that sum[] lives in registers.
  __m512 sum[Rows];
#pragma GCC unroll 16
  for (int r = 0; r < Rows; ++r) sum[r] = _mm512_setzero_ps();
  for (std::size_t k = 0; k < depth; ++k) {
    const __m512 bk = _mm512_loadu_ps(b + k * ldb);
#pragma GCC unroll 16
    for (int r = 0; r < Rows; ++r) {
      sum[r] = _mm512_fmadd_ps(_mm512_set1_ps(a[r * lda + k]), bk, sum[r]);
    }
  }
  const __mmask16 mask = columnMask(cols);
#pragma GCC unroll 16
  for (int r = 0; r < Rows; ++r) {
    float* row = c + r * ldc;
    __m512 value = sum[r];
    if (accumulate) value = _mm512_add_ps(value, _mm512_maskz_loadu_ps(mask, row));
    if (bias != nullptr) value = _mm512_add_ps(value, _mm512_loadu_ps(bias));
    _mm512_mask_storeu_ps(row, mask, value);
  }
}

#include "core/finite_loops_inl.h"
#include "core/gemm_loops_inl.h"

// exp(x) for x ≤ 0 to about 1 ulp (Cephes expf): x = n·ln2 + r with n = round(x / ln2) and
// |r| ≤ ln2/2, exp(r) by a degree-7 polynomial, then scaled by 2ⁿ with vscalefps, which rounds
// correctly into the subnormals and gives exactly 0 below them (blocked cells need exact 0).
__m512 exponential(__m512 x) {
  x = _mm512_max_ps(x, _mm512_set1_ps(-110.0f));  // exp(−110) < 2⁻¹⁵⁰ rounds to 0 anyway
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  // ln2 split in two so that n·ln2hi is exact and r keeps its low bits.
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
  __m512 p = _mm512_set1_ps(1.9875691500e-4f);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
  p = _mm512_fmadd_ps(p, _mm512_mul_ps(r, r), _mm512_add_ps(r, _mm512_set1_ps(1.0f)));
  return _mm512_scalef_ps(p, n);
}

float exponential(float x) { return _mm512_cvtss_f32(exponential(_mm512_set1_ps(x))); }

// Sixteen floats per vector, lanes past the end of a row masked off (for the shared softmax
// loops, softmax_loops_inl.h).
struct VectorOps {
  static constexpr std::size_t kWidth = 16;
  using Vector = __m512;
  using Lanes = __mmask16;
  static Lanes first(std::size_t count) { return columnMask(count); }
  static Vector load(const float* p, Lanes lanes) { return _mm512_maskz_loadu_ps(lanes, p); }
  static void store(float* p, Lanes lanes, Vector v) { _mm512_mask_storeu_ps(p, lanes, v); }
  static Vector broadcast(float x) { return _mm512_set1_ps(x); }
  static Vector divide(Vector a, Vector b) { return _mm512_div_ps(a, b); }
  static Vector multiply(Vector a, Vector b) { return _mm512_mul_ps(a, b); }
  static Vector subtract(Vector a, Vector b) { return _mm512_sub_ps(a, b); }
  static Vector keptOr(Vector x, Vector blocked, const std::uint8_t* keep, Lanes lanes,
                       std::size_t) {
    const __m128i bytes = _mm_maskz_loadu_epi8(lanes, keep);
    return _mm512_mask_blend_ps(_mm_test_epi8_mask(bytes, bytes), blocked, x);
  }
  static Vector maximumOver(Vector running, Lanes lanes, Vector x) {
    return _mm512_mask_max_ps(running, lanes, running, x);
  }
  static Vector sumOver(Vector running, Lanes lanes, Vector x) {
    return _mm512_add_ps(running, _mm512_maskz_mov_ps(lanes, x));
  }
  static float largest(Vector v) { return _mm512_reduce_max_ps(v); }
  static float total(Vector v) { return _mm512_reduce_add_ps(v); }
  static Vector exp(Vector x) { return exponential(x); }
  static float exp(float x) { return exponential(x); }
};

#include "core/softmax_loops_inl.h"

}  // namespace

constinit const KernelTable kTable = {
    .name = "avx512",
    .description =
        "AVX-512 F, BW, DQ and VL, with AVX2 and FMA3 (Intel Skylake-SP, AMD Zen 4 and later)",
    .requiredFeatures =
        kCpuAvx512F | kCpuAvx512Bw | kCpuAvx512Dq | kCpuAvx512Vl | kCpuAvx2 | kCpuFma,
    .gemm = gemm,
    .softmaxRow = softmaxRow<VectorOps>,
    .onlineSoftmaxBlock = onlineSoftmaxBlock<VectorOps>,
    .allFinite = allFinite,
    .gemmCalls = &gGemmCalls,
};

}  // namespace attnscope::kernels::avx512
