#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/file_bytes.h"

namespace attnscope {

struct OutputFile {
  std::string name;  // a plain file name, no directories
  std::vector<std::byte> bytes;
  // When set, the content instead: written piece by piece as the file is written, for contents
  // too large to hold a second time as bytes (dump's H × Lq × Lk arrays).
  std::function<void(const ByteSink&)> pieces;
};

// Puts `files` into `directory` (created, with its parents, if missing) so that they appear
// complete or not at all: everything is first written into a hidden staging folder beside or
// inside the target, then moved into place by rename. On failure the staging folder is removed
// and the directory is left as it was. Throws Error(Io) with the reason.
void publishFiles(const std::filesystem::path& directory, std::span<const OutputFile> files);

}  // namespace attnscope
