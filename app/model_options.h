#pragma once

#include <vector>

#include "app/command_line.h"
#include "core/lesson.h"

// --model NAME|PATH and --layer N: a pretrained encoder instead of the sandbox, as dump, export,
// bench and the window form accept it. The model fixes what the sandbox's options would choose.
namespace attnscope::cli {

std::vector<OptionSpec> modelOptionSpecs();  // --model, --layer

// With --model, any sandbox option given is a usage error naming it: --weights, --query,
// --key-value, --key-value-text, --d-model, --heads, --seed, --positional, --mask, and the
// verb's own `others` (bench's --d-model-like options).
void rejectSandboxOptions(const ParsedOptions& options,
                          std::initializer_list<const char*> others = {});

// --model and --layer laid over `model` (a lesson's, perhaps from a file): a given --model
// replaces it, --layer its layer (a whole number from 1; whether the model has that layer is
// checked when it runs). UsageError for an empty --model or a malformed --layer.
void overlayModelOptions(const ParsedOptions& options, LessonModel& model);

}  // namespace attnscope::cli
