#pragma once

#include <cstddef>
#include <cstdint>

#include "core/cpu_features.h"

// The boundary between the engine (baseline x86-64 code, Eigen) and the kernels of each
// instruction set: plain structs, raw pointers, sizes and strides, and a table of function
// pointers. Nothing here is inline code, so including it from files built with different -m
// flags cannot give the linker two versions of one function to choose between (the trap of
// numpy/numpy#25274).
namespace attnscope::kernels {

// Every B operand is read in panels this many columns wide: one panel row is 16 consecutive
// floats (one AVX-512 register, two AVX2 registers).
inline constexpr std::size_t kPanelWidth = 16;

// C = A·B (+ bias), or C += A·B, for a block of rows:
//   A: rows × depth, row-major, row i at a + i·lda (each row's depth values contiguous).
//   B: depth × cols in panels of kPanelWidth columns; panel p starts at b + p·panelStride and
//      its row k at + k·ldb, with 16 readable floats (zero beyond cols in a partial panel).
//   C: rows × cols, row i at c + i·ldc; only columns < cols are written.
// rowDepth, when given, says that row i of A is zero from column rowDepth[i] on (a causal or
// padded softmax row), so those products are skipped; the sums are unchanged because every
// skipped term is an exact zero.
// Filled with designated initialisers by the engine; the kernels only read it.
struct GemmArgs {
  const float* a = nullptr;
  std::size_t lda = 0;
  const float* b = nullptr;
  std::size_t ldb = 0;
  std::size_t panelStride = 0;
  const float* bias = nullptr;  // kPanelWidth floats per panel, or null; only when !accumulate
  float* c = nullptr;
  std::size_t ldc = 0;
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::size_t depth = 0;
  const std::size_t* rowDepth = nullptr;
  bool accumulate = false;
};

// Which cells of one softmax row are kept: the first keptPrefix cells, or, when keep is given,
// the cells whose byte is non-zero (keptPrefix is then ignored). Blocked cells take the value
// kBlockedScore (blocked_score.h), as the reference's masked_fill writes.
struct RowMask {
  std::size_t keptPrefix;
  const std::uint8_t* keep;
};

// The running state of an online softmax over one row (Milakov & Gimelshein 2018): the largest
// logit seen so far and the sum of exp(logit − that maximum).
struct OnlineSoftmaxState {
  float maximum;
  float sum;
};

// One instruction set's kernels and what the dispatcher (isa.cpp) needs to know about them, as
// simdjson's implementation carries its name, description and required instruction sets. Every
// kernel asserts its preconditions at its top in debug builds (as ggml asserts each op's).
struct KernelTable {
  // What ATTNSCOPE_ISA and `bench --isa` accept and --version prints.
  const char* name;
  // For people: the instructions it uses.
  const char* description;
  // CpuFeature bits that must all be present (and enabled by the OS) to call these kernels.
  CpuFeatures requiredFeatures;
  // See GemmArgs; also requires non-null c, non-null a and b when depth > 0, lda ≥ depth and
  // ldc ≥ cols when rows > 1, ldb ≥ kPanelWidth when depth > 1, and no bias when accumulating.
  void (*gemm)(const GemmArgs& args);
  // weights[j] = softmax(masked(scores[j] / divisor)) over j < length, written to weights.
  // Returns true when every blocked cell's weight is exactly zero (exp underflowed), which lets
  // the caller skip those columns in weights·V. Requires length ≥ 1, divisor > 0, non-null rows
  // (scores and weights may be the same row, not overlapping otherwise).
  bool (*softmaxRow)(const float* scores, float* weights, std::size_t length, float divisor,
                     RowMask mask);
  // One key block of an online softmax: turns values[j] (scores) into
  // exp(masked(scores[j] / divisor) − m) where m is the new running maximum, updates state, and
  // returns exp(old maximum − m), the factor by which earlier partial sums must be rescaled.
  // Requires length ≥ 1, divisor > 0, non-null values and state.
  float (*onlineSoftmaxBlock)(float* values, std::size_t length, float divisor, RowMask mask,
                              OnlineSoftmaxState* state);
  // Whether `rows` rows of `cols` floats, `stride` apart, hold no NaN or infinity. Requires
  // stride ≥ cols (when rows > 1) and non-null values when rows · cols > 0.
  bool (*allFinite)(const float* values, std::size_t rows, std::size_t cols, std::size_t stride);
  // Counts calls into this table's gemm, so tests can prove which path actually ran.
  unsigned long long* gemmCalls;
};

// One table per instruction set, each defined in its own translation unit and namespace, and
// listed best first in isa.cpp.
namespace scalar {
extern const KernelTable kTable;
}
namespace avx2 {
extern const KernelTable kTable;
}
namespace avx512 {
extern const KernelTable kTable;
}

}  // namespace attnscope::kernels
