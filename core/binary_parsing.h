#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

// Small pieces shared by the parsers of binary files (.npy, .safetensors).
namespace attnscope {

// The N-byte unsigned integer at p, N ≤ 8, in either byte order. Assembled byte by byte, so p
// needs no alignment and the host's byte order does not matter.
template <std::size_t N>
std::uint64_t loadWord(const std::byte* p, bool bigEndian = false) {
  static_assert(N >= 1 && N <= 8);
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < N; ++i) {
    word |= std::uint64_t{std::to_integer<std::uint8_t>(p[i])} << (8 * (bigEndian ? N - 1 - i : i));
  }
  return word;
}

// Empty when the product does not fit in size_t; any zero dimension makes it 0.
[[nodiscard]] inline std::optional<std::size_t> elementCount(std::span<const std::size_t> shape) {
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) return 0;
  std::size_t count = 1;
  for (std::size_t dim : shape) {
    if (count > std::numeric_limits<std::size_t>::max() / dim) return std::nullopt;
    count *= dim;
  }
  return count;
}

// Names, headers and parser messages can be megabytes long in a hostile file; messages show
// only their start, cut at a UTF-8 character boundary.
inline std::string clip(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return std::string(text);
  while (maxBytes > 0 && (static_cast<unsigned char>(text[maxBytes]) & 0xC0) == 0x80) --maxBytes;
  return std::string(text.substr(0, maxBytes)) + "...";
}

}  // namespace attnscope
