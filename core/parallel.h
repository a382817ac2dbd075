#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

// The engine's threads: a pool whose results never depend on the thread count, and the rule for
// how many threads a request means.
namespace attnscope {

// The number of threads `threads` means: itself if positive, else the core count.
int effectiveThreads(int threads);

// A small pool of worker threads that the caller joins: run(count, task) calls task(i, worker)
// once for every i in [0, count), spread over the pool by an atomic counter, and returns when all
// are done. Which thread runs an index never changes what it computes, so results do not depend
// on the thread count. Workers sleep (futex) between runs; nothing is allocated per run.
class ThreadPool {
 public:
  // `threads` in total, counting the caller (0: one per core). Throws Error(LimitExceeded) above
  // maxThreads() and Error(OutOfMemory) when the system refuses a thread; the threads already
  // started are then stopped and joined.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(m_workers.size()) + 1; }

  // `worker` is in [0, threads()): an index for per-thread scratch space. The first exception
  // thrown by a task is rethrown here after every task has finished.
  template <class Task>
  void run(std::size_t count, Task&& task) {
    runErased(count, &task, [](void* callable, std::size_t index, int worker) {
      (*static_cast<std::remove_reference_t<Task>*>(callable))(index, worker);
    });
  }

 private:
  using Trampoline = void (*)(void* callable, std::size_t index, int worker);
  void runErased(std::size_t count, void* callable, Trampoline trampoline);
  void work(int worker);
  void workerLoop(int worker);
  void stopWorkers();

  std::vector<std::jthread> m_workers;
  std::atomic<unsigned> m_generation{0};  // bumped to start a run
  std::atomic<int> m_busy{0};             // workers still in the current run
  std::atomic<std::size_t> m_next{0};
  std::size_t m_count = 0;
  void* m_callable = nullptr;
  Trampoline m_trampoline = nullptr;
  bool m_stopping = false;
  std::mutex m_errorMutex;
  std::exception_ptr m_error;
};

}  // namespace attnscope
