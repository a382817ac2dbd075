#pragma once

#include <atomic>
#include <cstdint>

// Finite inputs can still overflow float32 on the way (weights of 1e20 give scores of 1e40):
// the engine checks each array it produces, block by block while the block is in cache, and
// reports the first stage that went non-finite instead of passing infinities and NaNs on.
namespace attnscope {

// In the order the forward pass computes them.
enum class ComputedStage : std::uint32_t { Query, Key, Value, Scores, Output };

// The earliest (stage, head) in which any task found a non-finite value. Tasks on any thread
// note what they find; once the phase is over the lowest is reported, so the message does not
// depend on which thread got there first.
class OverflowWatch {
 public:
  void reset() { m_first.store(kNothing, std::memory_order_relaxed); }
  // `head` counts from 0 (the output has none: 0).
  void note(ComputedStage stage, int head);
  // Throws Error(InvalidData) "the scores overflow float32 at head 2 (…)" for the first noted.
  void throwIfNoted() const;

 private:
  static constexpr std::uint32_t kNothing = UINT32_MAX;
  std::atomic<std::uint32_t> m_first{kNothing};
};

}  // namespace attnscope
