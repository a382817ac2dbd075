// Each instruction set's kernels against plain double-precision arithmetic, over odd sizes that
// exercise every edge (partial tiles, partial panels, depth blocks, tails of vectors), as ggml's
// test-backend-ops sweeps its backends.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/blocked_score.h"
#include "core/kernel_table.h"
#include "tests/isa_test_support.h"

namespace attnscope {
namespace {

using kernels::kPanelWidth;
using testing::PerIsa;

std::vector<float> pattern(std::size_t size, unsigned seed, float scale = 1.0f) {
  std::vector<float> values(size);
  unsigned state = seed * 2654435761u + 7u;
  for (float& v : values) {
    state = state * 1664525u + 1013904223u;
    v = scale * (float(state >> 8) / float(1u << 24) * 2.0f - 1.0f);
  }
  return values;
}

class Kernels : public PerIsa {
 protected:
  const kernels::KernelTable& table() const { return kernelsFor(isa()); }
};

struct GemmCase {
  std::size_t rows, cols, depth;
  bool bias, accumulate, rowDepth;
};

TEST_P(Kernels, GemmMatchesDoublePrecisionOnOddSizes) {
  const std::vector<GemmCase> cases = {
      {1, 1, 1, false, false, false},    {3, 5, 7, true, false, false},
      {8, 16, 64, false, false, false},  {9, 17, 257, true, false, false},
      {13, 40, 300, false, true, false}, {20, 33, 513, true, false, true},
      {6, 16, 0, true, false, false},    {31, 7, 100, false, false, true}};
  for (const GemmCase& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.rows << "×" << c.cols << "×" << c.depth);
    const std::size_t lda = c.depth + 3, ldc = c.cols + 5, panels = (c.cols + 15) / 16;
    const std::size_t ldb = kPanelWidth + 2, panelStride = c.depth * ldb + 11;
    std::vector<float> a = pattern(c.rows * lda + 1, 1);
    const std::vector<float> b = pattern(panels * panelStride + 16, 2);
    const std::vector<float> bias = pattern(panels * kPanelWidth, 3);
    std::vector<std::size_t> rowDepth(c.rows);
    for (std::size_t i = 0; i < c.rows; ++i) {
      rowDepth[i] = c.rowDepth ? std::min(c.depth, i * 37 % (c.depth + 1)) : c.depth;
      // A row is zero past its rowDepth: that is the promise that lets the kernel skip.
      for (std::size_t k = rowDepth[i]; k < c.depth; ++k) a[i * lda + k] = 0.0f;
    }
    const std::vector<float> before = pattern(c.rows * ldc, 4);
    std::vector<float> out = before;
    table().gemm({.a = a.data(),
                  .lda = lda,
                  .b = b.data(),
                  .ldb = ldb,
                  .panelStride = panelStride,
                  .bias = c.bias ? bias.data() : nullptr,
                  .c = out.data(),
                  .ldc = ldc,
                  .rows = c.rows,
                  .cols = c.cols,
                  .depth = c.depth,
                  .rowDepth = c.rowDepth ? rowDepth.data() : nullptr,
                  .accumulate = c.accumulate});
    for (std::size_t i = 0; i < c.rows; ++i) {
      for (std::size_t j = 0; j < ldc; ++j) {
        if (j >= c.cols) {
          EXPECT_EQ(out[i * ldc + j], before[i * ldc + j])
              << "wrote past cols at " << i << "," << j;
          continue;
        }
        double expected = c.accumulate ? before[i * ldc + j] : 0.0;
        if (c.bias) expected += bias[j];
        const std::size_t p = j / kPanelWidth, jj = j % kPanelWidth;
        for (std::size_t k = 0; k < c.depth; ++k) {
          expected += double(a[i * lda + k]) * b[p * panelStride + k * ldb + jj];
        }
        EXPECT_NEAR(out[i * ldc + j], expected, 1e-5 * (1.0 + std::sqrt(double(c.depth))))
            << i << "," << j;
      }
    }
  }
}

// softmax of masked(scores / divisor) in double precision.
std::vector<double> expectedSoftmax(const std::vector<float>& scores, float divisor,
                                    const std::vector<bool>& kept) {
  std::vector<double> x(scores.size());
  double maximum = -INFINITY, sum = 0.0;
  for (std::size_t j = 0; j < x.size(); ++j) {
    x[j] = kept[j] ? double(scores[j] / divisor) : -1e9;
    maximum = std::max(maximum, x[j]);
  }
  for (double& v : x) sum += (v = std::exp(v - maximum));
  for (double& v : x) v /= sum;
  return x;
}

TEST_P(Kernels, SoftmaxRowMatchesDoublePrecisionForEveryMaskForm) {
  for (std::size_t length : {1u, 7u, 8u, 15u, 16u, 17u, 33u, 100u, 1000u}) {
    for (float scale : {1.0f, 60.0f}) {
      const std::vector<float> scores = pattern(length, unsigned(length), scale);
      const std::vector<float> keepValues = pattern(length, 99);
      std::vector<std::uint8_t> keepBytes(length);
      std::vector<bool> keepMask(length);
      for (std::size_t j = 0; j < length; ++j) {
        keepBytes[j] = keepValues[j] > -0.4f;
        keepMask[j] = keepBytes[j] != 0;
      }
      for (std::size_t prefix : {std::size_t(0), std::size_t(1), length / 2, length}) {
        SCOPED_TRACE(::testing::Message()
                     << "length " << length << " prefix " << prefix << " scale " << scale);
        std::vector<bool> kept(length);
        for (std::size_t j = 0; j < length; ++j) kept[j] = j < prefix;
        std::vector<float> weights(length, -1.0f);
        const bool zeros = table().softmaxRow(scores.data(), weights.data(), length, 2.5f,
                                              {.keptPrefix = prefix, .keep = nullptr});
        const std::vector<double> expected = expectedSoftmax(scores, 2.5f, kept);
        for (std::size_t j = 0; j < length; ++j) EXPECT_NEAR(weights[j], expected[j], 2e-6) << j;
        // Blocked cells are exact zeros whenever some cell is kept; all blocked is uniform.
        EXPECT_EQ(zeros, prefix > 0);
        if (prefix > 0) {
          for (std::size_t j = prefix; j < length; ++j) EXPECT_EQ(weights[j], 0.0f);
        }
      }
      std::vector<float> weights(length);
      table().softmaxRow(scores.data(), weights.data(), length, 2.5f,
                         {.keptPrefix = 0, .keep = keepBytes.data()});
      const std::vector<double> expected = expectedSoftmax(scores, 2.5f, keepMask);
      for (std::size_t j = 0; j < length; ++j) EXPECT_NEAR(weights[j], expected[j], 2e-6) << j;
    }
  }
}

TEST_P(Kernels, OnlineSoftmaxOverBlocksEqualsTheWholeRow) {
  const std::size_t length = 1000, block = 96;
  std::vector<float> scores = pattern(length, 5, 40.0f);
  scores[700] = 300.0f;  // a late maximum forces a rescale of everything before it
  std::vector<bool> kept(length);
  for (std::size_t j = 0; j < length; ++j) kept[j] = j < 850;
  const std::vector<double> expected = expectedSoftmax(scores, 3.0f, kept);

  kernels::OnlineSoftmaxState state{-std::numeric_limits<float>::infinity(), 0.0f};
  std::vector<double> partial(length);  // exp(x_j − m) rescaled to the final m
  for (std::size_t first = 0; first < length; first += block) {
    const std::size_t count = std::min(block, length - first);
    std::vector<float> values(scores.begin() + std::ptrdiff_t(first),
                              scores.begin() + std::ptrdiff_t(first + count));
    const std::size_t prefix = 850 > first ? std::min<std::size_t>(850 - first, count) : 0;
    const float rescale = table().onlineSoftmaxBlock(
        values.data(), count, 3.0f, {.keptPrefix = prefix, .keep = nullptr}, &state);
    for (std::size_t j = 0; j < first; ++j) partial[j] *= rescale;
    for (std::size_t j = 0; j < count; ++j) partial[first + j] = values[j];
  }
  for (std::size_t j = 0; j < length; ++j) {
    EXPECT_NEAR(partial[j] / state.sum, expected[j], 2e-6) << j;
  }
}

TEST_P(Kernels, GemmCallsAreCountedPerInstructionSet) {
  const unsigned long long before = *table().gemmCalls;
  const std::vector<float> a(16, 1.0f), b(16, 1.0f);
  std::vector<float> c(16);
  table().gemm({.a = a.data(),
                .lda = 1,
                .b = b.data(),
                .ldb = 16,
                .panelStride = 16,
                .c = c.data(),
                .ldc = 16,
                .rows = 1,
                .cols = 16,
                .depth = 1});
  EXPECT_EQ(*table().gemmCalls, before + 1);
  EXPECT_EQ(c[15], 1.0f);
}

TEST_P(Kernels, AllFiniteFindsEveryNaNAndInfinityAndNothingElse) {
  // Every position of a 3 × 37 block inside rows of 40 (odd sizes reach the vector tails); the
  // extreme finite values are not flagged, nor is anything outside the block.
  const float inf = std::numeric_limits<float>::infinity();
  const float finite[] = {
      0.0f, -0.0f, 1e-45f, -std::numeric_limits<float>::max(), std::numeric_limits<float>::max(),
      1.0f};
  std::vector<float> rows(3 * 40);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = finite[i % 6];
  rows[39] = inf;  // outside the block: past its 37 columns
  EXPECT_TRUE(table().allFinite(rows.data(), 3, 37, 40));
  for (const float bad : {inf, -inf, std::numeric_limits<float>::quiet_NaN()}) {
    for (std::size_t r = 0; r < 3; ++r) {
      for (std::size_t c = 0; c < 37; ++c) {
        const float kept = rows[r * 40 + c];
        rows[r * 40 + c] = bad;
        EXPECT_FALSE(table().allFinite(rows.data(), 3, 37, 40)) << r << ", " << c;
        rows[r * 40 + c] = kept;
      }
    }
  }
}

// Issue 11: every blocked cell weighs 1/Σ times its exponential, like a kept cell. The case where
// that matters: the kept cells' logits sit just above −1e9 (float32 steps by 64 there), so a
// blocked cell's exp(−1e9 − m) = e⁻⁶⁴ is not 0, and with 7 cells at the maximum the sum is 7,
// for which e⁻⁶⁴ · (1/7) and e⁻⁶⁴ / 7 round apart (the scalar and the AVX kernels used to differ
// so). Cell 7 is kept but holds exactly −1e9 · divisor: the blocked cells must weigh what it
// weighs.
TEST_P(Kernels, BlockedCellWeighsWhatAKeptCellOfTheSameLogitWeighs) {
  const float divisor = 2.0f, nearBlocked = (kBlockedScore + 64.0f) * divisor;
  for (std::size_t length : {9u, 17u, 40u}) {
    SCOPED_TRACE(::testing::Message() << "length " << length);
    std::vector<float> scores(length, 123.0f);  // blocked cells' scores are never read
    std::fill_n(scores.begin(), 7, nearBlocked);
    scores[7] = kBlockedScore * divisor;
    std::vector<float> weights(length);
    table().softmaxRow(scores.data(), weights.data(), length, divisor,
                       {.keptPrefix = 8, .keep = nullptr});
    ASSERT_GT(weights[7], 0.0f);
    for (std::size_t j = 8; j < length; ++j) EXPECT_EQ(weights[j], weights[7]) << j;
  }
}

// Debug builds check each kernel's stated preconditions at its top (kernel_table.h), as ggml
// asserts each op's; Release builds skip the checks.
TEST_P(Kernels, BrokenPreconditionsStopDebugBuilds) {
#ifdef NDEBUG
  GTEST_SKIP() << "assertions are compiled out of this (NDEBUG) build";
#else
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::vector<float> row(32, 1.0f);
  kernels::OnlineSoftmaxState state{0.0f, 0.0f};
  const kernels::RowMask all{.keptPrefix = 32, .keep = nullptr};
  EXPECT_DEATH(table().softmaxRow(row.data(), row.data(), 0, 1.0f, all), "empty row");
  EXPECT_DEATH(table().softmaxRow(row.data(), row.data(), 32, 0.0f, all), "divisor");
  EXPECT_DEATH(table().softmaxRow(nullptr, row.data(), 32, 1.0f, all), "null row");
  EXPECT_DEATH(table().onlineSoftmaxBlock(row.data(), 32, -1.0f, all, &state), "divisor");
  EXPECT_DEATH(table().onlineSoftmaxBlock(row.data(), 32, 1.0f, all, nullptr), "null");
  EXPECT_DEATH(table().allFinite(row.data(), 2, 16, 8), "stride < cols");
  EXPECT_DEATH(table().gemm({.a = row.data(),
                             .lda = 4,
                             .b = row.data(),
                             .ldb = 16,
                             .c = row.data(),
                             .ldc = 16,
                             .rows = 2,
                             .cols = 16,
                             .depth = 8}),
               "lda < depth");
#endif
}

// The bits of a row's weights on every instruction set this machine runs.
std::vector<std::vector<float>> weightsOnEachIsa(const std::vector<float>& scores, float divisor,
                                                 kernels::RowMask mask) {
  std::vector<std::vector<float>> rows;
  for (Isa isa : knownIsas()) {
    if (!cpuSupports(isa)) continue;
    std::vector<float> weights(scores.size(), -1.0f);
    kernelsFor(isa).softmaxRow(scores.data(), weights.data(), scores.size(), divisor, mask);
    rows.push_back(std::move(weights));
  }
  return rows;
}

// Issue 11: the instruction sets share one softmax, so on a masked row every one of them gives
// each blocked cell the same weight, bit for bit: exactly 0 when some kept cell dominates, the
// same 1/L when everything is blocked, the same e⁻⁶⁴ · (1/7) in the near-blocked case above.
// Kept cells may differ in the last bits (the exponentials differ: std::exp against Cephes).
TEST(KernelsAgree, BlockedWeightsAreIdenticalOnEveryInstructionSet) {
  const float divisor = 2.0f;
  std::size_t compared = 0;
  for (std::size_t length : {1u, 7u, 16u, 33u, 100u}) {
    const std::vector<float> normal = pattern(length, unsigned(length) + 17, 30.0f);
    std::vector<float> nearBlocked(length, 5.0f);
    for (std::size_t j = 0; j < length && j < 7; ++j)
      nearBlocked[j] = (kBlockedScore + 64.0f) * divisor;
    std::vector<std::uint8_t> keepSome(length), keepNone(length, 0);
    for (std::size_t j = 0; j < length; ++j) keepSome[j] = j % 3 == 1;
    struct Case {
      const char* name;
      const std::vector<float>* scores;
      kernels::RowMask mask;
    };
    const Case cases[] = {
        {"prefix", &normal, {.keptPrefix = (length + 1) / 2, .keep = nullptr}},
        {"all blocked, prefix", &normal, {.keptPrefix = 0, .keep = nullptr}},
        {"per cell", &normal, {.keptPrefix = 0, .keep = keepSome.data()}},
        {"all blocked, per cell", &normal, {.keptPrefix = 0, .keep = keepNone.data()}},
        {"near blocked",
         &nearBlocked,
         {.keptPrefix = std::min<std::size_t>(7, length), .keep = nullptr}},
    };
    for (const Case& c : cases) {
      SCOPED_TRACE(::testing::Message() << c.name << ", length " << length);
      const std::vector<std::vector<float>> rows = weightsOnEachIsa(*c.scores, divisor, c.mask);
      for (std::size_t j = 0; j < length; ++j) {
        const bool blocked = c.mask.keep != nullptr ? c.mask.keep[j] == 0 : j >= c.mask.keptPrefix;
        if (!blocked) continue;
        for (const std::vector<float>& row : rows) {
          EXPECT_EQ(std::bit_cast<std::uint32_t>(row[j]), std::bit_cast<std::uint32_t>(rows[0][j]))
              << "cell " << j << ": " << row[j] << " against " << rows[0][j];
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 0u);
  if (!cpuSupports(Isa::Avx2)) GTEST_SKIP() << "only the scalar path runs here: nothing to compare";
}

// The same for the online softmax's blocks: blocked cells' exponentials agree bit for bit.
TEST(KernelsAgree, OnlineBlockedValuesAreIdenticalOnEveryInstructionSet) {
  const float divisor = 2.0f;
  for (std::size_t length : {1u, 9u, 40u}) {
    std::vector<float> scores(length, 7.0f);
    for (std::size_t j = 0; j < length && j < 7; ++j) scores[j] = (kBlockedScore + 64.0f) * divisor;
    for (std::size_t prefix : {std::size_t(0), std::min<std::size_t>(7, length)}) {
      SCOPED_TRACE(::testing::Message() << "length " << length << " prefix " << prefix);
      std::vector<std::vector<float>> rows;
      for (Isa isa : knownIsas()) {
        if (!cpuSupports(isa)) continue;
        std::vector<float> values = scores;
        kernels::OnlineSoftmaxState state{-std::numeric_limits<float>::infinity(), 0.0f};
        kernelsFor(isa).onlineSoftmaxBlock(values.data(), length, divisor,
                                           {.keptPrefix = prefix, .keep = nullptr}, &state);
        rows.push_back(std::move(values));
      }
      for (std::size_t j = prefix; j < length; ++j) {
        for (const std::vector<float>& row : rows) {
          EXPECT_EQ(std::bit_cast<std::uint32_t>(row[j]), std::bit_cast<std::uint32_t>(rows[0][j]))
              << "cell " << j;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EachInstructionSet, Kernels, ::testing::ValuesIn(testing::kAllIsas),
                         testing::isaTestName);

}  // namespace
}  // namespace attnscope
