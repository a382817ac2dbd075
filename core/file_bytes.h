#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <vector>

namespace attnscope {

// Reads a whole file. Throws Error: Io if it cannot be read, LimitExceeded if it is larger than
// maxBytes (checked before reading when the size is known, and while reading otherwise).
std::vector<std::byte> readFileBytes(const std::filesystem::path& path, std::uintmax_t maxBytes);

// Creates or replaces a file. Throws Error Io, with the system's reason, if any write, the final
// flush or the close fails.
void writeFileBytes(const std::filesystem::path& path, std::span<const std::byte> bytes);

// Hands each piece of a file's content to the file, in order.
using ByteSink = std::function<void(std::span<const std::byte>)>;
// Creates or replaces a file with what `produce` hands to its sink, piece by piece, for contents
// too large to hold whole a second time. Throws as writeFileBytes does.
void writeFilePieces(const std::filesystem::path& path,
                     const std::function<void(const ByteSink&)>& produce);

}  // namespace attnscope
