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
// it is refused and callers use the streaming path instead. 2 GiB (h = 8 up to L ≈ 5800) is
// also dump's peak at the limit: it writes its files, scaled and masked scores included, straight
// from the trace (trace_files.h) and holds no second copy.
inline constexpr std::uint64_t kFullTraceBudgetBytes = std::uint64_t{2} << 30;

// Threads of one computation, the caller's included: 4 × the machine's hardware threads, at most
// 256. More only adds stacks and context switches, and a typo ("--threads 3000") would otherwise
// exhaust the process's memory for thread stacks.
inline constexpr int kMaxThreadsPerCore = 4;
inline constexpr int kMaxThreads = 256;
int maxThreads();

// Each throws Error (InvalidArgument below 1, LimitExceeded above the limit) naming the limit.
void requireModelWidth(int dModel);
void requireHeads(int heads, int dModel);
void requireSequenceLength(std::size_t length);
void requireThreads(int threads);
void requireTraceFits(int heads, std::size_t queryLength, std::size_t keyLength);

// The bytes of the full trace's two h × Lq × Lk arrays, and whether they fit the budget.
std::uint64_t fullTraceBytes(int heads, std::size_t queryLength, std::size_t keyLength);
bool fullTraceFits(int heads, std::size_t queryLength, std::size_t keyLength);

}  // namespace attnscope
