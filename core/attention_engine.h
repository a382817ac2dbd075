#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

#include "core/attention.h"
#include "core/attention_summary.h"
#include "core/isa.h"
#include "core/overflow_watch.h"
#include "core/parallel.h"
#include "core/prepared_weights.h"

namespace attnscope {

// The forward pass with a workspace that lives across runs: weights are rearranged for the
// kernels once and buffers are sized once, so recomputing as the user types allocates nothing
// when the sizes repeat. Runs on one instruction set's kernels (see isa.h) and a pool of
// threads; results are bit-identical for any thread count (the work is cut the same way
// whatever the number of threads). Not for use by two threads at once.
class AttentionEngine {
 public:
  // The kernels of activeIsa(): ATTNSCOPE_ISA if set, else the best this machine runs.
  AttentionEngine();
  // A forced path; throws Error(InvalidArgument) if this machine cannot run it.
  explicit AttentionEngine(Isa isa);
  ~AttentionEngine();
  AttentionEngine(const AttentionEngine&) = delete;
  AttentionEngine& operator=(const AttentionEngine&) = delete;

  Isa isa() const { return m_isa; }
  // Whether later runs divide scores by √d_k (the reference's rule, the default) or not.
  void setScoreScaling(ScoreScaling scaling) { m_scaling = scaling; }
  // Which Lq × Lk arrays later runs keep in the trace (Both, the default); the others are
  // computed block by block in per-thread scratch and dropped, so they take no memory.
  void setKeptScoreArrays(KeptScoreArrays kept) { m_kept = kept; }
  // A flag another thread may set to stop a run early: the run then throws
  // Error(ErrorKind::Cancelled) and its results are meaningless. Null: runs always finish.
  void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }
  const std::atomic<bool>* cancelFlag() const { return m_cancel; }

  // The reference module's forward pass with every intermediate (see runAttention). The trace
  // belongs to the engine and is overwritten by the next run. Throws Error for bad inputs, when
  // the trace exceeds kFullTraceBudgetBytes (use runStreaming then), and when finite inputs
  // overflow float32 in Q, K, V, the scores or the output (naming the stage and the head).
  const AttentionTrace& run(const AttentionWeights& weights, const Matrix& query,
                            const Matrix& keyValue, const MaskSpec& mask, int heads,
                            int threads = 0);
  // Hands the last trace over to the caller (the engine's trace is then empty).
  AttentionTrace takeTrace() { return std::move(m_trace); }

  // The same forward pass without the Lq × Lk arrays: keys are streamed in blocks through an
  // online softmax, and each head's weights are pooled (mean) into a picture of at most
  // pictureSize × pictureSize cells. Memory grows as O(L·d + pixels).
  const AttentionSummary& runStreaming(const AttentionWeights& weights, const Matrix& query,
                                       const Matrix& keyValue, const MaskSpec& mask, int heads,
                                       int threads = 0, std::size_t pictureSize = kMaxPictureSize);

  // Bytes the engine holds now: trace or summary, workspace, prepared weights.
  std::size_t workspaceBytes() const;

  // Where the last run's time went, for `bench --breakdown`: the four projections (on the
  // streaming path K, V and W^O; Q is projected inside the attention blocks) and the rest.
  struct PhaseTimes {
    double projectionSeconds = 0.0;
    double attentionSeconds = 0.0;
  };
  const PhaseTimes& lastPhaseTimes() const { return m_times; }

 private:
  struct Shape;
  struct Scratch;
  Shape prepare(const AttentionWeights& weights, const Matrix& query, const Matrix& keyValue,
                int heads, int threads);
  template <class Task>
  void forEach(std::size_t count, Task&& task);

  void projectTrace(const Shape& shape, const Matrix& query, const Matrix& keyValue);
  void attendTrace(const Shape& shape, const MaskSpec& mask);
  void projectOutput(const Shape& shape, const Matrix& context, Matrix& output);
  void projectKeysForStreaming(const Shape& shape, const Matrix& keyValue);
  void attendStreaming(const Shape& shape, const Matrix& query, const MaskSpec& mask,
                       const ResolvedMask& resolved);

  Isa m_isa;
  ScoreScaling m_scaling = ScoreScaling::SqrtHeadWidth;
  KeptScoreArrays m_kept = KeptScoreArrays::Both;
  const std::atomic<bool>* m_cancel = nullptr;
  const kernels::KernelTable& m_kernels;
  std::unique_ptr<ThreadPool> m_pool;
  bool m_parallel = false;  // this run is large enough to wake the pool
  PreparedWeights m_weights;
  AttentionTrace m_trace;
  AttentionSummary m_summary;
  std::vector<float> m_packedKeys;  // per head: ⌈Lk/16⌉ panels of d_k × 16 (keys side by side)
  std::vector<float> m_paddedValues;  // per head: Lk × ⌈d_k/16⌉·16, when d_k is not a multiple
  std::vector<Scratch> m_scratch;     // one per thread
  OverflowWatch m_overflow;           // the first stage of this run that went non-finite
  PhaseTimes m_times;
};

}  // namespace attnscope
