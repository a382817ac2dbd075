#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

namespace attnscope {

// Replaces `path` with `bytes` so that readers, and the disk after a crash, see the old file or
// the new one, never a mixture: the bytes go to a temporary file in the same folder, which is
// flushed to disk (fsync) and renamed over the target; the folder is then synced too. A new file
// gets mode 0644, a replaced one keeps its mode. `path` follows the rules of outputFileTarget
// (core/output_target.h): a symbolic link to a regular file has its target replaced; anything
// else that is not a regular file is refused untouched. Throws Error(Io) with the system's reason
// and leaves no temporary file behind.
void writeFileAtomically(const std::filesystem::path& path, std::span<const std::byte> bytes);

}  // namespace attnscope
