#include "app/attention_setup.h"

#include "app/option_file.h"
#include "core/error.h"
#include "core/lesson_inputs.h"
#include "core/limits.h"
#include "core/npy.h"

namespace attnscope::cli {
namespace {

Matrix readInputMatrix(const char* option, const std::string& path) {
  npy::FloatArray array = readOptionFile(option, [&] { return npy::readFloatArray(path); });
  if (array.shape.size() != 2 || array.shape[0] == 0) {
    throw Error(ErrorKind::InvalidData,
                std::string(option) + ": " + path +
                    ": expected a (length, d_model) array with at least one row");
  }
  requireSequenceLength(array.shape[0]);
  return Eigen::Map<const Matrix>(array.values.data(), Eigen::Index(array.shape[0]),
                                  Eigen::Index(array.shape[1]));
}

void rejectAll(const ParsedOptions& options, std::initializer_list<const char*> names,
               const char* reason) {
  for (const char* name : names) {
    if (options.has(name)) throw UsageError(std::string("--") + name + " " + reason);
  }
}

}  // namespace

std::vector<OptionSpec> attentionOptionSpecs() {
  return {{"weights", true},        {"query", true},      {"key-value", true}, {"text", true},
          {"key-value-text", true}, {"d-model", true},    {"heads", true},     {"seed", true},
          {"mask", true},           {"positional", true}, {"threads", true},   {"tokens", true}};
}

AttentionSetup buildAttentionSetup(const ParsedOptions& options) {
  AttentionSetup setup;
  setup.heads = static_cast<int>(options.integer("heads", 1, kMaxHeads, 0));
  if (!options.has("heads")) throw UsageError("missing required option --heads");
  setup.threads = threadsFromOption(options);
  positionalFromOption(options.value("positional"));  // a usage error before any file is read
  chineseTokensFromOption(options.value("tokens"));

  if (options.has("text") == options.has("weights")) {
    throw UsageError("give either --text (with --d-model) or --weights (with --query)");
  }
  if (options.has("weights")) {
    rejectAll(options, {"key-value-text", "seed", "positional", "tokens"},
              "applies only with --text, not with --weights");
    setup.weights =
        readOptionFile("--weights", [&] { return readWeights(options.required("weights")); });
    const long long dModel = options.integer("d-model", 1, kMaxModelWidth, 0);
    if (options.has("d-model") && dModel != setup.weights.modelWidth()) {
      throw UsageError("--d-model " + std::to_string(dModel) + " disagrees with the weights' " +
                       std::to_string(setup.weights.modelWidth()));
    }
    setup.query = readInputMatrix("--query", options.required("query"));
    setup.keyValue = options.has("key-value")
                         ? readInputMatrix("--key-value", *options.value("key-value"))
                         : setup.query;
  } else {
    rejectAll(options, {"query", "key-value"}, "applies only with --weights, not with --text");
    if (!options.has("d-model")) throw UsageError("missing required option --d-model");
    Session lesson;
    overlaySessionOptions(options, lesson);
    lesson.modelWidth = static_cast<int>(options.integer("d-model", 1, kMaxModelWidth, 0));
    LessonInputs inputs = lessonInputs(lesson);
    setup.weights = std::move(inputs.weights);
    setup.query = std::move(inputs.query);
    setup.keyValue = std::move(inputs.keyValue);
    if (lesson.crossAttention) setup.keyValueTokens = std::move(inputs.keyTokens);
    setup.queryTokens = std::move(inputs.queryTokens);
  }
  setup.mask = maskFromOption(options.value("mask"));
  return setup;
}

MaskSpec maskFromOption(const std::optional<std::string>& option) {
  if (!option || *option == "none") return MaskSpec::none();
  if (*option == "causal") return MaskSpec::causal();
  if (option->empty()) throw UsageError("--mask needs none, causal or a .npy file");
  npy::MaskArray array = readOptionFile("--mask", [&] { return npy::readMaskArray(*option); });
  if (array.shape.empty() || array.shape.size() > 4) {
    throw Error(
        ErrorKind::InvalidData,
        "--mask: " + *option + ": a mask needs 1 to 4 dimensions, e.g. (Lq, Lk) or (H, Lq, Lk)");
  }
  return MaskSpec::cells(std::move(array.shape), std::move(array.keep));
}

int threadsFromOption(const ParsedOptions& options) {
  const std::optional<std::string> text = options.value("threads");
  try {
    return static_cast<int>(options.integer("threads", 0, maxThreads(), 0));
  } catch (const UsageError&) {
    throw UsageError("--threads needs a whole number from 0 (one per core) to " +
                     std::to_string(maxThreads()) +
                     " (4 × this machine's hardware threads, at most 256), got '" + *text + "'");
  }
}

PositionalEncoding positionalFromOption(const std::optional<std::string>& option) {
  if (!option || *option == "sinusoidal") return PositionalEncoding::Sinusoidal;
  if (*option == "none") return PositionalEncoding::None;
  throw UsageError("--positional must be none or sinusoidal, got '" + *option + "'");
}

ChineseTokens chineseTokensFromOption(const std::optional<std::string>& option) {
  if (!option || *option == "words") return ChineseTokens::Words;
  if (*option == "characters") return ChineseTokens::Characters;
  throw UsageError("--tokens must be words or characters, got '" + *option + "'");
}

void overlaySessionOptions(const ParsedOptions& options, Session& session) {
  if (const auto text = options.value("text")) session.text = *text;
  if (const auto text = options.value("key-value-text")) {
    session.keyValueText = *text;
    session.crossAttention = true;
  }
  session.heads = int(options.integer("heads", 1, kMaxHeads, session.heads));
  session.seed = options.unsignedInteger("seed", session.seed);
  if (options.has("positional")) {
    session.positional =
        positionalFromOption(options.value("positional")) == PositionalEncoding::Sinusoidal;
  }
  if (options.has("tokens"))
    session.chineseTokens = chineseTokensFromOption(options.value("tokens"));
  const std::optional<std::string> mask = options.value("mask");
  if (mask == "none") session.mask = LessonMask::None;
  if (mask == "causal") session.mask = LessonMask::Causal;
  if (const auto path = options.value("weights")) {
    if (path->empty()) throw UsageError("--weights needs a file name");
    session.weights = {LessonWeights::Source::File, *path, WeightsLayout::Reference, {}};
  }
}

AttentionTrace runSetup(const AttentionSetup& setup) {
  return runAttention(setup.weights, setup.query, setup.keyValue, setup.mask, setup.heads,
                      setup.threads);
}

}  // namespace attnscope::cli
