#include "core/overflow_watch.h"

#include <string>

#include "core/error.h"
#include "core/limits.h"

namespace attnscope {
namespace {

// Stage and head as one number that orders them: stage first, then head.
constexpr std::uint32_t kHeadsPerStage = kMaxHeads;

std::string stageSentence(ComputedStage stage) {
  switch (stage) {
    case ComputedStage::Query:
      return "the query projection overflows float32 at head %h (X·W_qᵀ + b_q";
    case ComputedStage::Key:
      return "the key projection overflows float32 at head %h (X·W_kᵀ + b_k";
    case ComputedStage::Value:
      return "the value projection overflows float32 at head %h (X·W_vᵀ + b_v";
    case ComputedStage::Scores:
      return "the scores overflow float32 at head %h (q·kᵀ";
    case ComputedStage::Output:
      break;
  }
  return "the output projection overflows float32 (context·W_oᵀ + b_o";
}

}  // namespace

void OverflowWatch::note(ComputedStage stage, int head) {
  const std::uint32_t here =
      static_cast<std::uint32_t>(stage) * kHeadsPerStage + static_cast<std::uint32_t>(head);
  std::uint32_t first = m_first.load(std::memory_order_relaxed);
  while (here < first && !m_first.compare_exchange_weak(first, here, std::memory_order_relaxed)) {
  }
}

void OverflowWatch::throwIfNoted() const {
  const std::uint32_t first = m_first.load(std::memory_order_relaxed);
  if (first == kNothing) return;
  std::string message = stageSentence(static_cast<ComputedStage>(first / kHeadsPerStage));
  const std::size_t mark = message.find("%h");
  if (mark != std::string::npos) {
    message.replace(mark, 2, std::to_string(first % kHeadsPerStage + 1));  // heads count from 1
  }
  throw Error(ErrorKind::InvalidData,
              message +
                  " goes beyond ±3.4e38 from finite inputs: the weights or the inputs are "
                  "too large)");
}

}  // namespace attnscope
