#pragma once

// AttentionEngine's internals shared by its two source files (the full trace and streaming).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/attention_engine.h"
#include "core/error.h"
#include "core/head_tensor.h"
#include "core/kernel_table.h"
#include "core/prepared_weights.h"

namespace attnscope {

struct AttentionEngine::Shape {
  int heads;
  std::size_t modelWidth;   // d_model
  std::size_t outputWidth;  // W_o's rows: d_model, or wider in a layer of a trained encoder
  std::size_t headWidth;    // d_k = d_v
  std::size_t valueStride;  // d_k rounded up to whole panels, the row length of padded values
  std::size_t queryLength;
  std::size_t keyLength;
  std::size_t keyPanels;  // ⌈Lk / 16⌉
  float divisor;          // √d_k rounded to float32, as the reference divides by it
};

// Per-thread buffers, sized before the parallel phases so that they never allocate.
struct AttentionEngine::Scratch {
  std::vector<std::size_t> rowDepth;
  std::vector<std::uint8_t> keep;
  std::vector<float>
      blockScores;  // full trace: a block's scores, when the trace does not keep them
  std::vector<float> blockWeights;  // full trace: likewise for the weights
  std::vector<float> queries;       // streaming: a block of query rows of one head
  std::vector<float> values;        // streaming: scores, then probabilities, of a key block
  std::vector<float> accumulator;   // streaming: Σ p·v of a block of rows
  std::vector<float> bins;          // streaming: Σ p per picture column, per row
  std::vector<kernels::OnlineSoftmaxState> states;
  std::vector<float> projected;  // streaming: projected keys or values before packing
};

// Rows per projection task: a multiple of the 16-key panels, so each task packs whole panels.
inline constexpr std::size_t kProjectionRows = 64;
static_assert(kProjectionRows % kernels::kPanelWidth == 0);

// ⌈length / block⌉: how many blocks of `block` items cover `length` items (block > 0).
constexpr std::size_t blockCount(std::size_t length, std::size_t block) {
  return (length + block - 1) / block;
}

// Keys [first, first + count) of one head, rows of d_k at `keys` (row 0 is key `first`), into
// the panels QKᵀ reads: panel q holds, for each feature f, keys 16q … 16q + 15 side by side.
// `first` is a multiple of 16; keys past keyLength in the last panel are zero.
void packKeys(const float* keys, std::size_t first, std::size_t count, std::size_t headWidth,
              std::size_t keyLength, float* panels);

// One head's projection of input rows [first, first + rows): out = X[first …]·W_headᵀ + b_head,
// rows of headWidth written `outStride` floats apart; X has modelWidth columns. Returns whether
// every value written is finite (the overflow watch's question).
bool projectHeadRows(const kernels::KernelTable& kernels, const PreparedWeights::Panels& panels,
                     const float* input, std::size_t modelWidth, std::size_t first,
                     std::size_t rows, std::size_t headWidth, float* out, std::size_t outStride);

// Bytes a workspace buffer may hold beyond twice what a run needs before fitBuffer gives them
// back: typing a letter changes the sizes a little and must not reallocate every time.
inline constexpr std::size_t kBufferSlackBytes = std::size_t{16} << 20;

// Sizes a workspace buffer to `size` elements (contents unspecified: every user overwrites
// them). A much smaller run after a large one gives the memory back, before the new size is
// taken, so the two never coexist.
template <class T>
void fitBuffer(std::vector<T>& buffer, std::size_t size) {
  if (buffer.capacity() > 2 * size + kBufferSlackBytes / sizeof(T)) {
    buffer.clear();
    buffer.shrink_to_fit();
  }
  buffer.resize(size);
}

// HeadTensor::resize under the same rule as fitBuffer.
inline void fitTensor(HeadTensor& tensor, std::size_t heads, std::size_t rows, std::size_t cols) {
  if (tensor.capacity() > 2 * heads * rows * cols + kBufferSlackBytes / sizeof(float)) {
    tensor = HeadTensor();
  }
  tensor.resize(heads, rows, cols);
}

using Clock = std::chrono::steady_clock;

// Projections before and after the attention blocks; the attention blocks in between.
inline AttentionEngine::PhaseTimes phaseTimes(Clock::time_point start, Clock::time_point projected,
                                              Clock::time_point attended, Clock::time_point end) {
  const auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
  return {seconds(projected - start) + seconds(end - attended), seconds(attended - projected)};
}

template <class Task>
void AttentionEngine::forEach(std::size_t count, Task&& task) {
  // Every long phase runs through here in blocks of work, so checking before each block
  // stops a cancelled run within one block's time.
  const auto cancelled = [this] { return m_cancel && m_cancel->load(std::memory_order_relaxed); };
  auto checked = [&](std::size_t i, int worker) {
    if (!cancelled()) task(i, worker);
  };
  if (m_parallel) {
    m_pool->run(count, checked);
  } else {
    for (std::size_t i = 0; i < count && !cancelled(); ++i) task(i, 0);
  }
  if (cancelled()) throw Error(ErrorKind::Cancelled, "the computation was cancelled");
}

}  // namespace attnscope
