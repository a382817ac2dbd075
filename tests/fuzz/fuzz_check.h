#pragma once

#include <cstdio>
#include <cstdlib>

namespace attnscope::fuzz {

// A broken invariant must stop the run the way a sanitizer report does, so libFuzzer saves the
// input and the replay test fails.
inline void check(bool condition, const char* invariant) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", invariant);
  std::abort();
}

}  // namespace attnscope::fuzz
