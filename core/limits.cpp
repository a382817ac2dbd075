#include "core/limits.h"

#include <algorithm>
#include <string>
#include <thread>

#include "core/error.h"

namespace attnscope {

void requireModelWidth(int dModel) {
  if (dModel < 1) {
    throw Error(ErrorKind::InvalidArgument,
                "d_model must be at least 1, got " + std::to_string(dModel));
  }
  if (dModel > kMaxModelWidth) {
    throw Error(ErrorKind::LimitExceeded, "d_model " + std::to_string(dModel) +
                                              " exceeds the limit of " +
                                              std::to_string(kMaxModelWidth));
  }
}

void requireHeads(int heads, int dModel) {
  if (heads < 1) {
    throw Error(ErrorKind::InvalidArgument,
                "the number of heads must be at least 1, got " + std::to_string(heads));
  }
  if (heads > kMaxHeads) {
    throw Error(ErrorKind::LimitExceeded, "the number of heads " + std::to_string(heads) +
                                              " exceeds the limit of " + std::to_string(kMaxHeads));
  }
  if (dModel % heads != 0) {
    throw Error(ErrorKind::InvalidArgument,
                "d_model " + std::to_string(dModel) + " is not divisible by " +
                    std::to_string(heads) +
                    " heads (d_k = d_model / heads must be a whole number)");
  }
}

int maxThreads() {
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  return std::min(kMaxThreads, kMaxThreadsPerCore * cores);
}

void requireThreads(int threads) {
  if (threads < 1) {
    throw Error(ErrorKind::InvalidArgument,
                "the number of threads must be at least 1, got " + std::to_string(threads));
  }
  if (threads > maxThreads()) {
    throw Error(ErrorKind::LimitExceeded,
                std::to_string(threads) + " threads exceed the limit of " +
                    std::to_string(maxThreads()) +
                    " (4 × this machine's hardware threads, at most 256)");
  }
}

void requireSequenceLength(std::size_t length) {
  if (length > kMaxSequenceLength) {
    throw Error(ErrorKind::LimitExceeded, "sequence length " + std::to_string(length) +
                                              " exceeds the limit of " +
                                              std::to_string(kMaxSequenceLength) + " tokens");
  }
}

std::uint64_t fullTraceBytes(int heads, std::size_t queryLength, std::size_t keyLength) {
  return 2ULL * static_cast<std::uint64_t>(heads) * queryLength * keyLength * sizeof(float);
}

bool fullTraceFits(int heads, std::size_t queryLength, std::size_t keyLength) {
  return queryLength <= kMaxSequenceLength && keyLength <= kMaxSequenceLength &&
         fullTraceBytes(heads, queryLength, keyLength) <= kFullTraceBudgetBytes;
}

void requireTraceFits(int heads, std::size_t queryLength, std::size_t keyLength) {
  requireSequenceLength(queryLength);
  requireSequenceLength(keyLength);
  const std::uint64_t bytes = fullTraceBytes(heads, queryLength, keyLength);
  if (bytes > kFullTraceBudgetBytes) {
    throw Error(ErrorKind::LimitExceeded,
                "the full trace for " + std::to_string(heads) + " heads × " +
                    std::to_string(queryLength) + " × " + std::to_string(keyLength) + " needs " +
                    std::to_string(bytes >> 20) + " MiB, over the budget of " +
                    std::to_string(kFullTraceBudgetBytes >> 20) +
                    " MiB (the streaming path has no such limit)");
  }
}

}  // namespace attnscope
