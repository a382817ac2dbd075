#include "core/base64.h"

#include <array>
#include <cstdint>

namespace attnscope {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> decodingTable() {
  std::array<std::int8_t, 256> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    table[std::uint8_t(kAlphabet[i])] = std::int8_t(i);
  return table;
}
constexpr std::array<std::int8_t, 256> kDecoding = decodingTable();

}  // namespace

std::string encodeBase64(std::span<const std::byte> bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      group = (group << 8) | (j < count ? std::uint32_t(bytes[i + j]) : 0u);
    }
    for (std::size_t j = 0; j < 4; ++j) {
      text += j <= count ? kAlphabet[(group >> (18 - 6 * j)) & 0x3F] : '=';
    }
  }
  return text;
}

std::optional<std::vector<std::byte>> decodeBase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::vector<std::byte> bytes;
  bytes.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t padding = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
    if (padding == 1 && text[i + 2] == '=') return std::nullopt;  // "x=y=" style
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const std::int8_t value = j < 4 - padding ? kDecoding[std::uint8_t(text[i + j])] : 0;
      if (value < 0) return std::nullopt;
      group = (group << 6) | std::uint32_t(value);
    }
    const std::size_t count = 3 - padding;
    // Bits beyond the last byte must be zero: otherwise two texts would decode alike.
    if ((group & ((1u << (8 * padding)) - 1)) != 0) return std::nullopt;
    for (std::size_t j = 0; j < count; ++j)
      bytes.push_back(std::byte((group >> (16 - 8 * j)) & 0xFF));
  }
  return bytes;
}

}  // namespace attnscope
