#pragma once

#include <span>
#include <string>
#include <vector>

#include "app/command_line.h"
#include "core/session_file.h"

namespace attnscope::cli {

// `attnscope --text "..." [--d-model D] [--heads H] ...`: the window opened on a state given as
// options, so that a teacher can prepare a lesson as one shell command. The options are those of
// `dump --text` with the window's defaults (d_model 64, 8 heads, seed 0, no mask, sinusoidal
// positions); --mask MASK.npy becomes a custom mask of one (Lq, Lk) pattern for every head.
std::vector<OptionSpec> windowOptionSpecs();
extern const char* const kWindowUsage;

// Throws UsageError for unknown, malformed or contradictory options and attnscope::Error for
// unreadable files or text the window cannot compute.
Session windowSession(std::span<const std::string> arguments);

}  // namespace attnscope::cli
