// Google Benchmark for the pretrained encoder (issue 12, point 6): one forward pass of Universal
// Sentence Encoder lite with every layer's full trace, at L = 16, 64 and 128 pieces, one thread,
// on this machine's best instruction set (ATTNSCOPE_ISA forces another). Needs the model that
// scripts/fetch-model installs. Run by hand:
//   build/tests/bench/encoder_benchmarks --benchmark_repetitions=10
//     --benchmark_report_aggregates_only=true   (one command line)
// TensorFlow.js's time for the same pass at L = 64 is in tests/golden/encoder/timing.json.
#include <benchmark/benchmark.h>

#include <iostream>
#include <memory>
#include <vector>

#include "core/encoder.h"
#include "core/error.h"
#include "core/isa.h"

namespace attnscope {
namespace {

const EncoderModel* model() {
  static std::unique_ptr<EncoderModel> loaded = [] {
    try {
      return std::make_unique<EncoderModel>(loadEncoder(encoderFolder("use-lite")));
    } catch (const Error& error) {
      std::cerr << "encoder_benchmarks: " << error.what() << "\n";
      return std::unique_ptr<EncoderModel>();
    }
  }();
  return loaded.get();
}

// The ids of the sentence, repeated to L pieces (as the TF.js timing does).
std::vector<int> sentenceIds(const EncoderModel& encoder, std::size_t length) {
  const std::vector<int> base =
      pieceIds(encoder.tokenize("The animal didn't cross the street because it was too tired."));
  std::vector<int> ids(length);
  for (std::size_t i = 0; i < length; ++i) ids[i] = base[i % base.size()];
  return ids;
}

void forwardPass(benchmark::State& state) {
  const EncoderModel* encoder = model();
  if (encoder == nullptr) {
    state.SkipWithError("the model is not installed: run scripts/fetch-model");
    return;
  }
  const std::vector<int> ids = sentenceIds(*encoder, std::size_t(state.range(0)));
  EncoderRunner runner;
  runner.run(*encoder, ids, {.threads = 1});  // prepares each layer's weights once
  for (auto _ : state) {
    const EncoderTrace& trace = runner.run(*encoder, ids, {.threads = 1});
    benchmark::DoNotOptimize(trace.embedding.data());
  }
  state.SetLabel(isaName(activeIsa()));
}
BENCHMARK(forwardPass)->Arg(16)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace attnscope

BENCHMARK_MAIN();
