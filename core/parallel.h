#pragma once

#include <cstddef>
#include <functional>

namespace attnscope {

// Runs task(i) for i in [0, count) on up to `threads` threads (0 = one per core). Each index runs
// on exactly one thread with the same arithmetic, so results never depend on the thread count.
// The first exception thrown by a task is rethrown here after all threads have finished.
void parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& task);

// The number of threads `threads` means: itself if positive, else the core count.
int effectiveThreads(int threads);

}  // namespace attnscope
