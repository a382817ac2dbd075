#pragma once

#include <cstddef>
#include <cstdint>

// Every size the engine accepts is checked here, so a typo ("--d-model 1000000") is a clear
// message rather than an exhausted machine. The README lists the same numbers.
namespace attnscope {

inline constexpr int kMaxModelWidth = 8192;
inline constexpr int kMaxHeads = 256;
inline constexpr std::size_t kMaxSequenceLength = 65536;
// The full trace keeps two h × Lq × Lk float arrays (scores and weights); beyond this budget
// the request is refused.
inline constexpr std::uint64_t kFullTraceBudgetBytes = std::uint64_t{4} << 30;

// Each throws Error (InvalidArgument below 1, LimitExceeded above the limit) naming the limit.
void requireModelWidth(int dModel);
void requireHeads(int heads, int dModel);
void requireSequenceLength(std::size_t length);
void requireTraceFits(int heads, std::size_t queryLength, std::size_t keyLength);

}  // namespace attnscope
