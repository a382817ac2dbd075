#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
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

// A folder's entries with their contents ("<dir>" for folders, "-> target" for links,
// "<special>" for anything else), to check that a failure left it exactly as it was.
using Snapshot = std::map<std::string, std::string>;

inline Snapshot snapshot(const std::filesystem::path& root) {
  Snapshot result;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::string name = entry.path().lexically_relative(root).string();
    if (entry.is_symlink()) {
      result[name] = "-> " + std::filesystem::read_symlink(entry.path()).string();
    } else if (entry.is_directory()) {
      result[name] = "<dir>";
    } else if (entry.is_regular_file()) {
      result[name] = slurp(entry.path());
    } else {
      result[name] = "<special>";
    }
  }
  return result;
}

}  // namespace attnscope::testing
