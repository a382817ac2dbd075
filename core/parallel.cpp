#include "core/parallel.h"

#include <emmintrin.h>

#include <algorithm>
#include <cerrno>
#include <new>
#include <string>
#include <system_error>

#include "core/error.h"
#include "core/limits.h"

namespace attnscope {
namespace {

// How long a worker polls for the next run before sleeping: a forward pass starts its phases
// microseconds apart, and a futex wake-up costs about as much as a small phase.
constexpr int kSpinsBeforeSleeping = 2000;

}  // namespace

int effectiveThreads(int threads) {
  if (threads > 0) return threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

ThreadPool::ThreadPool(int threads) {
  const int total = effectiveThreads(threads);
  requireThreads(total);
  const std::string what = "starting " + std::to_string(total - 1) + " worker threads";
  try {
    m_workers.reserve(static_cast<std::size_t>(total - 1));
    for (int worker = 1; worker < total; ++worker) {
      m_workers.emplace_back([this, worker] { workerLoop(worker); });
    }
  } catch (const std::system_error& error) {
    // The workers already started wait for a run: they must be told to stop before m_workers
    // joins them on the way out, or the constructor never returns.
    stopWorkers();
    // The system refuses a thread (EAGAIN) when it has no memory for its stack or the process
    // is at its thread limit (ulimit -u): both are out of a resource, not a bug.
    if (error.code() == std::errc::resource_unavailable_try_again ||
        error.code() == std::errc::not_enough_memory) {
      throw Error(ErrorKind::OutOfMemory, "out of memory (" + what +
                                              ": the system refused thread " +
                                              std::to_string(m_workers.size() + 1) + ")");
    }
    throw;
  } catch (const std::bad_alloc&) {
    stopWorkers();
    throw Error(ErrorKind::OutOfMemory, "out of memory (" + what + ")");
  }
}

ThreadPool::~ThreadPool() {
  stopWorkers();
  // The jthreads join here.
}

void ThreadPool::stopWorkers() {
  m_stopping = true;
  m_generation.fetch_add(1, std::memory_order_release);
  m_generation.notify_all();
}

void ThreadPool::work(int worker) {
  for (std::size_t i = m_next.fetch_add(1, std::memory_order_relaxed); i < m_count;
       i = m_next.fetch_add(1, std::memory_order_relaxed)) {
    try {
      m_trampoline(m_callable, i, worker);
    } catch (...) {
      std::lock_guard lock(m_errorMutex);
      if (!m_error) m_error = std::current_exception();
    }
  }
}

void ThreadPool::workerLoop(int worker) {
  unsigned seen = 0;
  for (;;) {
    unsigned generation = m_generation.load(std::memory_order_acquire);
    for (int spin = 0; generation == seen && spin < kSpinsBeforeSleeping; ++spin) {
      _mm_pause();
      generation = m_generation.load(std::memory_order_acquire);
    }
    while (generation == seen) {
      m_generation.wait(seen, std::memory_order_acquire);
      generation = m_generation.load(std::memory_order_acquire);
    }
    seen = generation;
    if (m_stopping) return;
    work(worker);
    if (m_busy.fetch_sub(1, std::memory_order_acq_rel) == 1) m_busy.notify_one();
  }
}

void ThreadPool::runErased(std::size_t count, void* callable, Trampoline trampoline) {
  m_error = nullptr;
  m_callable = callable;
  m_trampoline = trampoline;
  m_count = count;
  m_next.store(0, std::memory_order_relaxed);
  if (m_workers.empty() || count <= 1) {
    work(0);
  } else {
    m_busy.store(static_cast<int>(m_workers.size()), std::memory_order_relaxed);
    m_generation.fetch_add(1, std::memory_order_release);
    m_generation.notify_all();
    work(0);
    for (int busy = m_busy.load(std::memory_order_acquire); busy != 0;
         busy = m_busy.load(std::memory_order_acquire)) {
      m_busy.wait(busy, std::memory_order_acquire);
    }
  }
  if (m_error) std::rethrow_exception(m_error);
}

}  // namespace attnscope
