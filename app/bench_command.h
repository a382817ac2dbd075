#pragma once

#include <span>
#include <string>

namespace attnscope::cli {

// `attnscope bench …`: times the forward pass on random inputs of a given size, after a warm-up,
// and prints the median and minimum, GFLOP/s, memory and the kernels' instruction set.
// Returns the exit status; throws UsageError (status 2) or attnscope::Error (status 1).
int runBench(std::span<const std::string> arguments);

// `bench --help`, listing the instruction sets this build has kernels for.
std::string benchUsage();

}  // namespace attnscope::cli
