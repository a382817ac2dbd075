#pragma once

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/shell_support.h"

namespace attnscope::testing {

// An AddressSanitizer build reserves terabytes of shadow memory when it starts, so none of its
// binaries runs under `ulimit -v`: tests of address-space limits skip there (the release suite
// runs them).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSpaceLimitsApply = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSpaceLimitsApply = false;
#else
inline constexpr bool kAddressSpaceLimitsApply = true;
#endif
#else
inline constexpr bool kAddressSpaceLimitsApply = true;
#endif

struct LimitedRun {
  int status;  // the exit status; kHung when the time ran out, -1 for a signal
  std::string err;
  bool hung() const { return status == kHung; }
  static constexpr int kHung = 124;  // what timeout(1) exits with
};

// Runs `binary arguments…` as a script would, in a child shell that first runs `prelude` (limits
// such as "ulimit -v 3000000", or exports), ended after `seconds`; stderr goes to
// `folder`/stderr, the working folder is `folder`. Resource-limit tests need the child: the
// limits must not bind the test itself.
inline LimitedRun runLimited(const std::string& binary, const std::vector<std::string>& arguments,
                             const std::filesystem::path& folder, const std::string& prelude = "",
                             int seconds = 60) {
  std::string command = "cd " + shellQuote(folder.string()) + " && timeout " +
                        std::to_string(seconds) + " sh -c " +
                        shellQuote((prelude.empty() ? "" : prelude + "; ") + "exec \"$0\" \"$@\"") +
                        " " + shellQuote(binary);
  for (const std::string& argument : arguments) command.append(" ").append(shellQuote(argument));
  const std::filesystem::path err = folder / "stderr";
  command += " >/dev/null 2>" + shellQuote(err.string()) + " </dev/null";
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(err)};
}

// One line "attnscope: error: …" holding `fragment`.
inline bool isOneErrorLine(const std::string& err, const std::string& fragment) {
  return err.starts_with("attnscope: error: ") && std::ranges::count(err, '\n') == 1 &&
         err.find(fragment) != std::string::npos;
}

}  // namespace attnscope::testing
