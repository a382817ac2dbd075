#pragma once

// AttentionEngine's internals shared by its two source files (the full trace and streaming).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/attention_engine.h"
#include "core/error.h"
#include "core/kernel_table.h"

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
