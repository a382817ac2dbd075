#include "app/bench_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "app/attention_setup.h"
#include "app/command_line.h"
#include "app/live_update_bench.h"
#include "app/median.h"
#include "app/model_options.h"
#include "app/option_file.h"
#include "core/attention_engine.h"
#include "core/isa.h"
#include "core/lesson_run.h"
#include "core/limits.h"

namespace attnscope::cli {

// "%ISAS%" stands for the dispatcher's instruction sets (benchUsage() fills it in), so a new one
// reaches `bench --isa` without an edit here.
const char* const kBenchUsageTemplate =
    R"(Usage:
  attnscope bench --seq-len L --d-model D --heads H [--threads T] [--mask causal|none]
                  [--repeat N] [--isa %ISAS%] [--path auto|full|streaming]
                  [--breakdown] [--json] [--ui]
  attnscope bench --model use-lite|MODEL_DIR [--seq-len L] [--threads T] [--repeat N] [--json]

Times the forward pass on self-attention over L random tokens with random weights: a warm-up of
about a second, then at least N runs (default 5) and at least half a second. Prints the median
and minimum time, GFLOP/s (counting 8*L*d^2 for the four projections and 4*L^2*d for QK^T and
weights*V), the engine's memory, the process's peak resident memory and the instruction set.
With --model it times a pretrained encoder's whole forward pass instead (every layer's full
trace and the sentence embedding) over a text of L pieces (default 64, at most the model's
maximum length); the sandbox's options do not apply.

Options:
  --seq-len L        sequence length (tokens)
  --d-model D        model width
  --heads H          number of heads; must divide D
  --threads T        worker threads (default 0: one per core; at most 4 per core, 256 in all)
  --mask M           causal (default) or none
  --repeat N         at least N timed runs (default 5)
  --isa I            force the kernels' instruction set (default: ATTNSCOPE_ISA, else the best)
  --path P           full (the whole trace), streaming (output and pooled pictures), or auto
                     (default: full when the trace fits its memory budget, else streaming)
  --breakdown        also time the four projections apart from the rest
  --json             print one JSON object instead of text
  --model M          a pretrained encoder (use-lite, or a folder with model.json and vocab.json)
  --ui               time the live window instead: from the end of the debounce to the last
                     heatmap drawn, over N recomputes (default 30), and how long the GUI
                     thread was busy meanwhile (offscreen when there is no display)
  --help             show this help
)";

namespace {

using Clock = std::chrono::steady_clock;

constexpr double kWarmUpSeconds = 1.0;
constexpr double kMinimumSeconds = 0.5;

// Inputs in [-1, 1) from a fixed linear-congruential sequence: timing needs varied values, not
// statistical quality.
Matrix benchInput(Eigen::Index rows, Eigen::Index cols) {
  Matrix input(rows, cols);
  unsigned state = 12345u;
  for (Eigen::Index i = 0; i < input.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    input.data()[i] = float(state >> 8) / float(1u << 24) * 2.0f - 1.0f;
  }
  return input;
}

// The process's peak resident set (VmHWM), or 0 where /proc does not tell.
std::uint64_t peakResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

Isa isaFromOption(const std::optional<std::string>& option) {
  if (!option) return activeIsa();
  for (Isa isa : knownIsas()) {
    if (*option == isaName(isa)) return resolveIsa(*option);  // Error if the CPU lacks it
  }
  throw UsageError("--isa must be " + knownIsaNames() + ", got '" + *option + "'");
}

struct Measurement {
  std::vector<double> seconds;
  std::vector<double> projectionSeconds;
  double warmUpSeconds = 0.0;
};

// `run` returns the seconds its projections took (0 when it does not tell them apart).
template <class Run>
Measurement measure(std::size_t repeat, Run&& run) {
  Measurement m;
  const Clock::time_point warmUpStart = Clock::now();
  do {
    run();
  } while (Clock::now() - warmUpStart < std::chrono::duration<double>(kWarmUpSeconds));
  m.warmUpSeconds = std::chrono::duration<double>(Clock::now() - warmUpStart).count();
  double total = 0.0;
  while (m.seconds.size() < repeat || total < kMinimumSeconds) {
    const Clock::time_point start = Clock::now();
    const double projectionSeconds = run();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.seconds.push_back(seconds);
    m.projectionSeconds.push_back(projectionSeconds);
    total += seconds;
  }
  return m;
}

// The ids of the first `length` pieces of a text that repeats one sentence: real words, so the
// pass sees ordinary pieces, and as many as asked for.
std::vector<int> benchIds(const EncoderModel& model, std::size_t length) {
  std::string text;
  std::vector<Piece> pieces;
  while (pieces.size() < length) {
    text += "The quick brown fox jumps over the lazy dog while the cat sleeps on the mat. ";
    pieces = model.tokenizer.tokenize(text);
  }
  std::vector<int> ids = pieceIds(pieces);
  ids.resize(length);
  return ids;
}

// --model: the whole encoder, as `dump --model` runs it.
int runEncoderBench(const ParsedOptions& options) {
  rejectSandboxOptions(options, {"isa", "path", "breakdown", "ui"});
  const std::string name = options.required("model");
  if (name.empty()) throw UsageError("--model needs a model name (use-lite) or a folder");
  const auto length = std::size_t(options.integer("seq-len", 1, 1 << 20, 64));
  const int threads = threadsFromOption(options);
  const auto repeat = static_cast<std::size_t>(options.integer("repeat", 1, 1000000, 5));
  const std::shared_ptr<const EncoderModel> model =
      readOptionFile("--model", [&] { return sharedEncoder(name); });
  if (length > model->maxLength) {
    throw UsageError("--seq-len " + std::to_string(length) + ": the model reads at most " +
                     std::to_string(model->maxLength) + " pieces");
  }
  const std::vector<int> ids = benchIds(*model, length);
  EncoderRunner runner;
  const Measurement m = measure(repeat, [&] {
    runner.run(*model, ids, {.threads = threads, .cancel = nullptr});
    return 0.0;
  });
  const double medianSeconds = median(m.seconds);
  const double minimumSeconds = *std::min_element(m.seconds.begin(), m.seconds.end());
  const int usedThreads = effectiveThreads(threads);
  const std::uint64_t peak = peakResidentBytes();
  if (options.has("json")) {
    std::printf(
        "{\"median_ms\": %.6g, \"min_ms\": %.6g, \"isa\": \"%s\", \"model\": %s, "
        "\"layers\": %zu, \"threads\": %d, \"seq_len\": %zu, \"runs\": %zu, "
        "\"peak_rss_bytes\": %llu}\n",
        medianSeconds * 1e3, minimumSeconds * 1e3, isaName(activeIsa()),
        nlohmann::json(model->folder.filename().string())
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            .c_str(),
        model->layers.size(), usedThreads, length, m.seconds.size(),
        static_cast<unsigned long long>(peak));
    return 0;
  }
  std::printf("attnscope bench: model=%s L=%zu layers=%zu threads=%d isa=%s path=encoder\n",
              model->folder.filename().c_str(), length, model->layers.size(), usedThreads,
              isaName(activeIsa()));
  std::printf("median %.4g ms, min %.4g ms over %zu runs (after %.1f s of warm-up)\n",
              medianSeconds * 1e3, minimumSeconds * 1e3, m.seconds.size(), m.warmUpSeconds);
  std::printf("peak resident %.1f MiB\n", double(peak) / 1048576.0);
  return 0;
}

}  // namespace

std::string benchUsage() {
  std::string usage = kBenchUsageTemplate;
  std::string names;
  for (Isa isa : knownIsas()) names = isaName(isa) + (names.empty() ? "" : "|" + names);
  const std::string placeholder = "%ISAS%";
  usage.replace(usage.find(placeholder), placeholder.size(), names);
  return usage;
}

int runBench(std::span<const std::string> arguments, UiBenchmark uiBenchmark) {
  const std::vector<OptionSpec> specs = {
      {"seq-len", true}, {"d-model", true}, {"heads", true}, {"threads", true},    {"mask", true},
      {"repeat", true},  {"isa", true},     {"path", true},  {"breakdown", false}, {"json", false},
      {"help", false},   {"ui", false},     {"model", true}};
  const ParsedOptions options = parseOptions(arguments, specs);
  if (options.has("help")) {
    std::cout << benchUsage();
    return 0;
  }
  if (options.has("model")) return runEncoderBench(options);
  for (const char* name : {"seq-len", "d-model", "heads"}) options.required(name);
  const auto length = static_cast<std::size_t>(
      options.integer("seq-len", 1, static_cast<long long>(kMaxSequenceLength), 0));
  const int dModel = static_cast<int>(options.integer("d-model", 1, kMaxModelWidth, 0));
  const int heads = static_cast<int>(options.integer("heads", 1, kMaxHeads, 0));
  const int threads = threadsFromOption(options);
  const auto repeat = static_cast<std::size_t>(options.integer("repeat", 1, 1000000, 5));
  const std::string maskName = options.value("mask").value_or("causal");
  if (maskName != "causal" && maskName != "none") {
    throw UsageError("--mask must be causal or none, got '" + maskName + "'");
  }
  const std::string pathName = options.value("path").value_or("auto");
  if (pathName != "auto" && pathName != "full" && pathName != "streaming") {
    throw UsageError("--path must be auto, full or streaming, got '" + pathName + "'");
  }
  requireHeads(heads, dModel);
  if (options.has("ui")) {
    return uiBenchmark({.sequenceLength = int(length),
                        .modelWidth = dModel,
                        .heads = heads,
                        .repeat = int(options.integer("repeat", 1, 100000, 30)),
                        .json = options.has("json")});
  }
  const bool streaming =
      pathName == "streaming" || (pathName == "auto" && !fullTraceFits(heads, length, length));

  AttentionEngine engine(isaFromOption(options.value("isa")));
  const AttentionWeights weights = randomWeights(dModel, 0);
  const Matrix input = benchInput(Eigen::Index(length), dModel);
  const MaskSpec mask = maskName == "causal" ? MaskSpec::causal() : MaskSpec::none();
  const Measurement m = measure(repeat, [&] {
    if (streaming) {
      engine.runStreaming(weights, input, input, mask, heads, threads);
    } else {
      engine.run(weights, input, input, mask, heads, threads);
    }
    return engine.lastPhaseTimes().projectionSeconds;
  });

  const double l = double(length), d = double(dModel);
  const double projectionFlops = 8.0 * l * d * d;
  const double flops = projectionFlops + 4.0 * l * l * d;
  const double medianSeconds = median(m.seconds);
  const double minimumSeconds = *std::min_element(m.seconds.begin(), m.seconds.end());
  const double projectionSeconds = median(m.projectionSeconds);
  const char* path = streaming ? "streaming" : "full";
  const int usedThreads = effectiveThreads(threads);
  const std::size_t workspace = engine.workspaceBytes();
  const std::uint64_t peak = peakResidentBytes();

  if (options.has("json")) {
    std::printf(
        "{\"median_ms\": %.6g, \"min_ms\": %.6g, \"gflops\": %.6g, \"isa\": \"%s\", "
        "\"path\": \"%s\", \"threads\": %d, \"seq_len\": %zu, \"d_model\": %d, \"heads\": %d, "
        "\"mask\": \"%s\", \"runs\": %zu, \"workspace_bytes\": %zu, \"peak_rss_bytes\": %llu",
        medianSeconds * 1e3, minimumSeconds * 1e3, flops / medianSeconds / 1e9,
        isaName(engine.isa()), path, usedThreads, length, dModel, heads, maskName.c_str(),
        m.seconds.size(), workspace, static_cast<unsigned long long>(peak));
    if (options.has("breakdown")) {
      std::printf(", \"projections_ms\": %.6g, \"projections_gflops\": %.6g, \"rest_ms\": %.6g",
                  projectionSeconds * 1e3, projectionFlops / projectionSeconds / 1e9,
                  (medianSeconds - projectionSeconds) * 1e3);
    }
    std::printf("}\n");
    return 0;
  }
  std::printf("attnscope bench: L=%zu d_model=%d heads=%d mask=%s threads=%d isa=%s path=%s\n",
              length, dModel, heads, maskName.c_str(), usedThreads, isaName(engine.isa()), path);
  std::printf("median %.4g ms, min %.4g ms over %zu runs (after %.1f s of warm-up)\n",
              medianSeconds * 1e3, minimumSeconds * 1e3, m.seconds.size(), m.warmUpSeconds);
  std::printf("%.1f GFLOP/s (8*L*d^2 + 4*L^2*d = %.4g GFLOP)\n", flops / medianSeconds / 1e9,
              flops / 1e9);
  std::printf("engine memory %.1f MiB, peak resident %.1f MiB\n", double(workspace) / 1048576.0,
              double(peak) / 1048576.0);
  if (options.has("breakdown")) {
    std::printf("projections %.4g ms (%.1f GFLOP/s), the rest %.4g ms\n", projectionSeconds * 1e3,
                projectionFlops / projectionSeconds / 1e9,
                (medianSeconds - projectionSeconds) * 1e3);
  }
  return 0;
}

}  // namespace attnscope::cli
