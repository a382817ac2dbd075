#include "app/model_options.h"

#include <string>

namespace attnscope::cli {

std::vector<OptionSpec> modelOptionSpecs() { return {{"model", true}, {"layer", true}}; }

void rejectSandboxOptions(const ParsedOptions& options, std::initializer_list<const char*> others) {
  if (!options.has("model")) return;
  const auto reject = [&options](const char* name) {
    if (options.has(name)) {
      throw UsageError(std::string("--") + name +
                       " does not apply with --model: the pretrained model fixes its "
                       "embeddings, widths, heads and weights");
    }
  };
  for (const char* name : {"weights", "query", "key-value", "key-value-text", "d-model", "heads",
                           "seed", "positional", "mask", "tokens"}) {
    reject(name);
  }
  for (const char* name : others) reject(name);
}

void overlayModelOptions(const ParsedOptions& options, LessonModel& model) {
  if (const auto name = options.value("model")) {
    if (name->empty()) throw UsageError("--model needs a model name (use-lite) or a folder");
    model = LessonModel{*name, 1, {}};
  }
  if (options.has("layer")) {
    if (model.isSandbox()) throw UsageError("--layer applies only with --model");
    model.layer = int(options.integer("layer", 1, 1024, 1));
  }
}

}  // namespace attnscope::cli
