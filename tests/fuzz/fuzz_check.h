#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/error.h"
#include "core/printable_text.h"

namespace attnscope::fuzz {

// A broken invariant must stop the run the way a sanitizer report does, so libFuzzer saves the
// input and the replay test fails.
inline void check(bool condition, const char* invariant) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", invariant);
  std::abort();
}

// Issue 20, point 8: a message is one line, and printing it escaped is stable (escaping the
// escaped text changes nothing, so no control character or invalid byte survives).
inline void checkMessage(const Error& error) {
  const std::string shown = printableText(error.what());
  check(shown.find('\n') == std::string::npos, "an escaped message is one line");
  check(printableText(shown) == shown, "an escaped message is printable");
}

}  // namespace attnscope::fuzz
