#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// RFC 4648 base64 with padding, for binary data inside JSON (embedded weights in sessions).
namespace attnscope {

std::string encodeBase64(std::span<const std::byte> bytes);
// Strict: the standard alphabet, length a multiple of 4, '=' only as final padding, no white
// space, and the unused bits of the last character zero (so each byte string has one encoding).
// nullopt for anything else.
std::optional<std::vector<std::byte>> decodeBase64(std::string_view text);

}  // namespace attnscope
