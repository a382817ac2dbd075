#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/shell_support.h"
#include "tests/temp_folder_test.h"

namespace attnscope::testing {

struct CommandResult {
  int status;
  std::string out;
  std::string err;
};

// Runs the real attnscope binary as scripts do, each test in a fresh folder of its own (m_root),
// and checks the one-line error convention.
class CliTest : public TempFolderTest {
 protected:
  // prefix goes before the command in the shell, e.g. "ulimit -v 2000000;" or "timeout 20".
  CommandResult run(const std::vector<std::string>& arguments,
                    const std::string& prefix = "") const {
    std::string command = prefix + " " + shellQuote(ATTNSCOPE_BINARY);
    for (const std::string& argument : arguments) command.append(" ").append(shellQuote(argument));
    command += " >" + shellQuote(m_root / "stdout") + " 2>" + shellQuote(m_root / "stderr") +
               " </dev/null";
    const int raw = std::system(("(" + command + ")").c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(m_root / "stdout"),
            slurp(m_root / "stderr")};
  }

  static void expectOneErrorLine(const CommandResult& result, int status,
                                 const std::string& fragment) {
    EXPECT_EQ(result.status, status) << result.err;
    EXPECT_TRUE(result.err.starts_with("attnscope: error: ")) << result.err;
    EXPECT_EQ(std::ranges::count(result.err, '\n'), 1) << result.err;
    EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
  }
};

}  // namespace attnscope::testing
