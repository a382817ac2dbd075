#include "app/window_options.h"

#include <filesystem>

#include "app/attention_setup.h"
#include "app/model_options.h"
#include "app/option_file.h"
#include "core/lesson_inputs.h"
#include "core/lesson_run.h"
#include "core/lesson_weights.h"
#include "core/limits.h"
#include "core/mask.h"

namespace attnscope::cli {

const char* const kWindowUsage = R"(Usage:
  attnscope --text "The cat sat on the mat." [--key-value-text "..."] [--d-model D] [--heads H]
            [--seed S] [--mask none|causal|MASK.npy] [--positional none|sinusoidal]
            [--tokens words|characters] [--weights W.safetensors]
  attnscope --text "..." --model use-lite|MODEL_DIR [--layer N]

Opens the window on this state, as a lesson prepared in one shell command. The options mean what
they mean for 'attnscope dump --text'; left out, they take the window's defaults: d_model 64
(or the weights' width), 8 heads, seed 0, no mask, sinusoidal positions, Chinese cut into
words. A MASK.npy of shape
(Lq, Lk), 0 = blocked, becomes a custom mask the window can paint on. With --model the window
shows a pretrained encoder's layer N (default 1) on the text instead, as 'attnscope export
--model' draws it; the model fixes the other options.
)";

namespace {

// The mask file's pattern as custom cells; the window paints one pattern for all heads.
void paintMaskFile(const std::string& path, const LessonInputs& inputs, Session& session) {
  const MaskSpec spec = maskFromOption(path);
  const std::size_t queries = inputs.queryTokens.size(), keys = inputs.keyTokens.size();
  const ResolvedMask mask(spec, session.heads, queries, keys);
  session.mask = LessonMask::Custom;
  for (std::size_t i = 0; i < queries; ++i) {
    for (std::size_t j = 0; j < keys; ++j) {
      const bool kept = mask.keeps(0, i, j);
      for (int h = 1; h < session.heads; ++h) {
        if (mask.keeps(h, i, j) != kept) {
          throw UsageError("--mask " + path +
                           " differs between heads; the window shows one mask for every head");
        }
      }
      if (!kept) {
        if (session.blockedCells.size() == kMaxBlockedCells)
          throw UsageError("--mask " + path + " blocks more cells than a custom mask holds");
        session.blockedCells.insert({int(i), int(j)});
      }
    }
  }
}

}  // namespace

std::vector<OptionSpec> windowOptionSpecs() {
  return {{"text", true},  {"key-value-text", true}, {"d-model", true},    {"heads", true},
          {"seed", true},  {"mask", true},           {"positional", true}, {"weights", true},
          {"model", true}, {"layer", true},          {"tokens", true}};
}

Session windowSession(std::span<const std::string> arguments) {
  const std::vector<OptionSpec> specs = windowOptionSpecs();
  const ParsedOptions options = parseOptions(arguments, specs);
  if (!options.has("text")) throw UsageError("give --text to open the window on a sentence");
  Session session;
  rejectSandboxOptions(options);
  overlayModelOptions(options, session.model);
  if (!session.model.isSandbox()) {
    // A model named by a relative folder is found from here, not from where the window runs.
    if (session.model.name.find('/') != std::string::npos) {
      session.model.name = std::filesystem::absolute(session.model.name).string();
    }
    session.text = options.required("text");
    // Read now, so a model that is not installed, a layer it lacks or a text with no pieces is
    // reported before any window appears.
    readOptionFile("--model", [&] { loadModel(session.model); });
    runEncoderLesson(session);
    return session;
  }
  overlaySessionOptions(options, session);
  const long long dModel = options.integer("d-model", 1, kMaxModelWidth, session.modelWidth);
  if (session.weights.source == LessonWeights::Source::File) {
    // The window resolves a session's relative paths against its folder: make it absolute.
    // A bad weights file is reported here, before any window appears.
    const std::string path = std::filesystem::absolute(session.weights.path).string();
    session.weights = readOptionFile("--weights", [&] { return weightsFromFile(path); });
    session.modelWidth = session.weights.loaded->weights.modelWidth();
    // As in dump: --d-model may be given with --weights when it agrees.
    if (options.has("d-model") && dModel != session.modelWidth) {
      throw UsageError("--d-model " + std::to_string(dModel) + " disagrees with the weights' " +
                       std::to_string(session.modelWidth));
    }
  } else {
    session.modelWidth = int(dModel);
  }
  // What the window would refuse after opening (heads that do not divide d_model, text with no
  // tokens or invalid UTF-8, lengths over the limits) is refused here, as dump refuses it.
  requireHeads(session.heads, session.modelWidth);
  const LessonInputs inputs = lessonInputs(session);
  const std::string mask = options.value("mask").value_or("none");
  if (mask != "none" && mask != "causal") {
    if (session.weights.source != LessonWeights::Source::Seed)
      throw UsageError("--mask MASK.npy and --weights together: paint the mask in the window");
    paintMaskFile(mask, inputs, session);
  }
  return session;
}

}  // namespace attnscope::cli
