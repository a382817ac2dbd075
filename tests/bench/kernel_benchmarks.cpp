// Google Benchmark for the engine's kernels on every instruction set this machine runs: the
// softmax row, the GEMM shapes of a forward pass, and the whole forward pass. Run by hand:
//   build/tests/bench/kernel_benchmarks [--benchmark_filter=Gemm]
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/attention_engine.h"
#include "core/isa.h"

namespace attnscope {
namespace {

using kernels::kPanelWidth;

std::vector<float> pattern(std::size_t size) {
  std::vector<float> values(size);
  unsigned state = 17u;
  for (float& v : values) {
    state = state * 1664525u + 1013904223u;
    v = float(state >> 8) / float(1u << 24) * 2.0f - 1.0f;
  }
  return values;
}

void softmaxRow(benchmark::State& state, Isa isa, std::size_t length) {
  const kernels::KernelTable& table = kernelsFor(isa);
  const std::vector<float> scores = pattern(length);
  std::vector<float> weights(length);
  for (auto _ : state) {
    table.softmaxRow(scores.data(), weights.data(), length, 8.0f,
                     {.keptPrefix = length * 3 / 4, .keep = nullptr});
    benchmark::DoNotOptimize(weights.data());
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(length));
}

// C (m × n) = A (m × k) · B (k × n) with B in panels, as the projections, QKᵀ and weights·V run.
void gemm(benchmark::State& state, Isa isa, std::size_t m, std::size_t n, std::size_t k) {
  const kernels::KernelTable& table = kernelsFor(isa);
  const std::size_t panels = (n + kPanelWidth - 1) / kPanelWidth;
  const std::vector<float> a = pattern(m * k), b = pattern(panels * k * kPanelWidth);
  std::vector<float> c(m * n);
  for (auto _ : state) {
    table.gemm({.a = a.data(),
                .lda = k,
                .b = b.data(),
                .ldb = kPanelWidth,
                .panelStride = k * kPanelWidth,
                .c = c.data(),
                .ldc = n,
                .rows = m,
                .cols = n,
                .depth = k});
    benchmark::DoNotOptimize(c.data());
  }
  state.counters["GFLOP/s"] =
      benchmark::Counter(2.0 * double(m * n * k) * double(state.iterations()),
                         benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

void forward(benchmark::State& state, Isa isa, int length, int dModel, int heads) {
  AttentionEngine engine(isa);
  const AttentionWeights weights = randomWeights(dModel, 0);
  Matrix x(length, dModel);
  const std::vector<float> values = pattern(std::size_t(x.size()));
  std::copy(values.begin(), values.end(), x.data());
  for (auto _ : state) {
    engine.run(weights, x, x, MaskSpec::causal(), heads, 1);
    benchmark::ClobberMemory();
  }
  const double l = length, d = dModel;
  state.counters["GFLOP/s"] =
      benchmark::Counter((8.0 * l * d * d + 4.0 * l * l * d) * double(state.iterations()),
                         benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

void registerAll() {
  for (Isa isa : knownIsas()) {  // the dispatcher's own list, best first
    if (!cpuSupports(isa)) continue;
    const std::string name = isaName(isa);
    for (std::size_t length : {64u, 512u, 4096u}) {
      benchmark::RegisterBenchmark(("SoftmaxRow/" + name + "/" + std::to_string(length)).c_str(),
                                   softmaxRow, isa, length);
    }
    // Projections (L × d·3 × d), QKᵀ per head block (rows × L × d_k), weights·V (rows × d_k × L).
    const std::size_t shapes[][3] = {{512, 1536, 512}, {128, 512, 512}, {8, 192, 64},
                                     {128, 512, 64},   {128, 64, 512},  {16, 4096, 64},
                                     {16, 64, 4096}};
    for (const auto& s : shapes) {
      benchmark::RegisterBenchmark(("Gemm/" + name + "/" + std::to_string(s[0]) + "x" +
                                    std::to_string(s[1]) + "x" + std::to_string(s[2]))
                                       .c_str(),
                                   gemm, isa, s[0], s[1], s[2]);
    }
    const int forwards[][3] = {{8, 64, 4}, {64, 256, 8}, {512, 512, 8}};
    for (const auto& f : forwards) {
      benchmark::RegisterBenchmark(("Forward/" + name + "/" + std::to_string(f[0]) + "," +
                                    std::to_string(f[1]) + "," + std::to_string(f[2]))
                                       .c_str(),
                                   forward, isa, f[0], f[1], f[2]);
    }
  }
}

}  // namespace
}  // namespace attnscope

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  attnscope::registerAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
