// Kernels for AVX2 + FMA, compiled with -mavx2 -mfma and called only by the dispatcher after it
// checked CPUID and XCR0. No Eigen and no standard-library templates here (see kernel_table.h).
#include <immintrin.h>

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

constexpr float kBlocked = -1e9f;

// Pass 1 of both softmaxes: logits[j] = masked(scores[j] / divisor), a true division as the
// reference divides; returns their maximum over j < kept.
float writeLogits(const float* scores, float* logits, std::size_t kept, float divisor,
                  const std::uint8_t* keep) {
  const __m256 divisorVector = _mm256_set1_ps(divisor);
  const __m256 blocked = _mm256_set1_ps(kBlocked);
  const __m256 lowest = _mm256_set1_ps(-__builtin_inff());
  __m256 maximum = lowest;
  for (std::size_t j = 0; j < kept; j += 8) {
    const __m256i lanes = firstLanes(kept - j);
    __m256 x = _mm256_div_ps(_mm256_maskload_ps(scores + j, lanes), divisorVector);
    if (keep != nullptr) x = _mm256_blendv_ps(blocked, x, keptLanes(keep + j, kept - j));
    _mm256_maskstore_ps(logits + j, lanes, x);
    maximum = _mm256_max_ps(maximum, _mm256_blendv_ps(lowest, x, _mm256_castsi256_ps(lanes)));
  }
  return horizontalMaximum(maximum);
}

// Pass 2: values[j] = exp(values[j] − maximum) for j < kept; returns their sum.
float exponentiate(float* values, std::size_t kept, float maximum) {
  const __m256 shift = _mm256_set1_ps(maximum);
  __m256 sum = _mm256_setzero_ps();
  for (std::size_t j = 0; j < kept; j += 8) {
    const __m256i lanes = firstLanes(kept - j);
    const __m256 e = exponential(_mm256_sub_ps(_mm256_maskload_ps(values + j, lanes), shift));
    _mm256_maskstore_ps(values + j, lanes, e);
    sum = _mm256_add_ps(sum, _mm256_and_ps(e, _mm256_castsi256_ps(lanes)));
  }
  return horizontalSum(sum);
}

void fill(float* values, std::size_t length, float value) {
  const __m256 v = _mm256_set1_ps(value);
  for (std::size_t j = 0; j < length; j += 8) {
    _mm256_maskstore_ps(values + j, firstLanes(length - j), v);
  }
}

// softmax(x)_j = exp(x_j − m) / Σ_k exp(x_k − m) with m = max_k x_k: subtracting the maximum
// changes nothing mathematically and keeps exp from overflowing. Blocked cells of a kept prefix
// all hold −1e9, so they share one value exp(−1e9 − m), computed once.
bool softmaxRow(const float* scores, float* weights, std::size_t length, float divisor,
                RowMask mask) {
  const std::size_t kept = mask.keep != nullptr ? length : smaller(mask.keptPrefix, length);
  float maximum = writeLogits(scores, weights, kept, divisor, mask.keep);
  if (kept < length && maximum < kBlocked) maximum = kBlocked;
  float sum = exponentiate(weights, kept, maximum);
  const float blockedValue = kept < length ? exponential(kBlocked - maximum) : 0.0f;
  sum += blockedValue * float(length - kept);
  // Multiplying by the reciprocal, as PyTorch's vectorised softmax does.
  const __m256 scale = _mm256_set1_ps(1.0f / sum);
  for (std::size_t j = 0; j < kept; j += 8) {
    const __m256i lanes = firstLanes(kept - j);
    _mm256_maskstore_ps(weights + j, lanes,
                        _mm256_mul_ps(_mm256_maskload_ps(weights + j, lanes), scale));
  }
  fill(weights + kept, length - kept, blockedValue / sum);
  return mask.keep == nullptr && blockedValue == 0.0f;
}

// The online softmax's step over one block of keys: with m' = max(m, max_j x_j), earlier sums
// were taken relative to m and are rescaled by exp(m − m'); this block adds Σ_j exp(x_j − m').
float onlineSoftmaxBlock(float* values, std::size_t length, float divisor, RowMask mask,
                         OnlineSoftmaxState* state) {
  const std::size_t kept = mask.keep != nullptr ? length : smaller(mask.keptPrefix, length);
  float blockMaximum = writeLogits(values, values, kept, divisor, mask.keep);
  if (kept < length && blockMaximum < kBlocked) blockMaximum = kBlocked;
  const float maximum = state->maximum > blockMaximum ? state->maximum : blockMaximum;
  const float rescale = exponential(state->maximum - maximum);
  float sum = exponentiate(values, kept, maximum);
  const float blockedValue = kept < length ? exponential(kBlocked - maximum) : 0.0f;
  fill(values + kept, length - kept, blockedValue);
  sum += blockedValue * float(length - kept);
  state->sum = state->sum * rescale + sum;
  state->maximum = maximum;
  return rescale;
}

}  // namespace

constinit const KernelTable kTable = {
    .name = "avx2",
    .description = "AVX2 and FMA3 (Intel Haswell, AMD Zen and later)",
    .requiredFeatures = kCpuAvx2 | kCpuFma,
    .gemm = gemm,
    .softmaxRow = softmaxRow,
    .onlineSoftmaxBlock = onlineSoftmaxBlock,
    .allFinite = allFinite,
    .gemmCalls = &gGemmCalls,
};

}  // namespace attnscope::kernels::avx2
