// The fp32 FMA ceiling of this machine: independent chains of fused multiply-adds in registers,
// on 1 thread and on all threads at once, in GFLOP/s (an FMA counts as 2 FLOPs).
//   fma_peak [--json]
#include <immintrin.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include "core/isa.h"
#include "core/parallel.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr long kIterations = 200'000'000;

// 12 independent accumulators: more than latency (4) × FMAs per cycle (2 × 256 bit) needs.
#define ATTNSCOPE_CHAINS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)

__attribute__((target("avx512f"))) double loop512() {
#define DECLARE(i) __m512 a##i = _mm512_set1_ps(1.0f + float(i) * 1e-7f);
  ATTNSCOPE_CHAINS(DECLARE)
#undef DECLARE
  const __m512 m = _mm512_set1_ps(0.9999999f), c = _mm512_set1_ps(1e-7f);
  for (long n = 0; n < kIterations; ++n) {
#define STEP(i) a##i = _mm512_fmadd_ps(a##i, m, c);
    ATTNSCOPE_CHAINS(STEP)
#undef STEP
  }
#define SUM(i) +_mm512_reduce_add_ps(a##i)
  return 0.0 ATTNSCOPE_CHAINS(SUM);
#undef SUM
}

__attribute__((target("avx2,fma"))) double loop256() {
#define DECLARE(i) __m256 a##i = _mm256_set1_ps(1.0f + float(i) * 1e-7f);
  ATTNSCOPE_CHAINS(DECLARE)
#undef DECLARE
  const __m256 m = _mm256_set1_ps(0.9999999f), c = _mm256_set1_ps(1e-7f);
  for (long n = 0; n < kIterations; ++n) {
#define STEP(i) a##i = _mm256_fmadd_ps(a##i, m, c);
    ATTNSCOPE_CHAINS(STEP)
#undef STEP
  }
  float lanes[8];
  __m256 sum = _mm256_setzero_ps();
#define SUM(i) sum = _mm256_add_ps(sum, a##i);
  ATTNSCOPE_CHAINS(SUM)
#undef SUM
  _mm256_storeu_ps(lanes, sum);
  return double(lanes[0]);
}

// GFLOP/s of each of `threads` threads running the loop at once, summed.
double measure(bool wide, int threads) {
  std::vector<double> seconds(static_cast<std::size_t>(threads), 0.0);
  std::vector<std::thread> pool;
  volatile double sink = 0.0;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      const Clock::time_point start = Clock::now();
      sink = sink + (wide ? loop512() : loop256());
      seconds[std::size_t(t)] = std::chrono::duration<double>(Clock::now() - start).count();
    });
  }
  for (std::thread& thread : pool) thread.join();
  const double flopsPerThread = double(kIterations) * 12.0 * (wide ? 32.0 : 16.0);
  double total = 0.0;
  for (double s : seconds) total += flopsPerThread / s / 1e9;
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  const bool json = argc > 1 && std::strcmp(argv[1], "--json") == 0;
  if (!attnscope::cpuSupports(attnscope::Isa::Avx2)) {
    std::fprintf(stderr, "fma_peak: this processor has no AVX2 + FMA\n");
    return 1;
  }
  const bool wide = attnscope::cpuSupports(attnscope::Isa::Avx512);
  const int all = attnscope::effectiveThreads(0);
  const double one = measure(wide, 1);
  const double many = measure(wide, all);
  if (json) {
    std::printf(
        "{\"isa\": \"%s\", \"gflops_1_thread\": %.1f, \"threads\": %d, "
        "\"gflops_all_threads\": %.1f}\n",
        wide ? "avx512" : "avx2", one, all, many);
  } else {
    std::printf("fp32 FMA peak (%s): %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on %d threads\n",
                wide ? "avx512" : "avx2", one, many, all);
  }
  return 0;
}
