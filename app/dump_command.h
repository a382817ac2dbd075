#pragma once

#include <span>
#include <string>

namespace attnscope::cli {

// `attnscope dump …`: runs one forward pass headless and writes the whole trace as .npy files.
// Returns the exit status; throws UsageError (status 2) or attnscope::Error (status 1).
int runDump(std::span<const std::string> arguments);

extern const char* const kDumpUsage;

}  // namespace attnscope::cli
