#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace attnscope {

// Reads a whole regular file (or a symbolic link to one). Throws Error: Io if it cannot be read
// or is not a regular file (a folder, device, FIFO or socket is refused before any byte is
// read, and a FIFO without a writer does not block), LimitExceeded if it is larger than
// maxBytes (checked from its size before reading, and again while reading).
std::vector<std::byte> readFileBytes(const std::filesystem::path& path, std::uintmax_t maxBytes);

// Writes all of `bytes` to an open descriptor, retrying short writes. Throws Error Io
// "cannot write <name>: <the system's reason>", e.g. "No space left on device".
void writeAllBytes(int fd, std::span<const std::byte> bytes, const std::string& name);

// Creates or replaces a file (through whatever is at `path`: callers that write user-chosen
// outputs check the path with core/output_target.h first). Throws Error Io, with the system's
// reason, if any write, the final flush or the close fails.
void writeFileBytes(const std::filesystem::path& path, std::span<const std::byte> bytes);

// Hands each piece of a file's content to the file, in order.
using ByteSink = std::function<void(std::span<const std::byte>)>;
// Creates or replaces a file with what `produce` hands to its sink, piece by piece, for contents
// too large to hold whole a second time. Throws as writeFileBytes does.
void writeFilePieces(const std::filesystem::path& path,
                     const std::function<void(const ByteSink&)>& produce);

}  // namespace attnscope
