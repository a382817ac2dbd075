#pragma once

#include <span>
#include <string>

#include "app/live_update_bench.h"

namespace attnscope::cli {

// `attnscope bench …`: times the forward pass on random inputs of a given size, after a warm-up,
// and prints the median and minimum, GFLOP/s, memory and the kernels' instruction set.
// Returns the exit status; throws UsageError (status 2) or attnscope::Error (status 1).
// `--ui` runs `uiBenchmark`, which the executable passes in: it needs the window's library,
// which the headless verbs do not link.
int runBench(std::span<const std::string> arguments, UiBenchmark uiBenchmark);

// `bench --help`, listing the instruction sets this build has kernels for.
std::string benchUsage();

}  // namespace attnscope::cli
