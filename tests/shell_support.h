#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace attnscope::testing {

// An argument quoted for /bin/sh, so tests can run the real binary as a script would.
inline std::string shellQuote(const std::string& argument) {
  std::string quoted = "'";
  for (char c : argument) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// A whole file's bytes ("" if it cannot be read).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace attnscope::testing
