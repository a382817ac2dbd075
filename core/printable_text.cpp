#include "core/printable_text.h"

#include <cstdint>
#include <cstdio>

namespace attnscope {
namespace {

// Length of the valid UTF-8 sequence at the start of text and its code point, or 0 when the
// first byte does not begin one (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
std::size_t decodeUtf8(std::string_view text, char32_t& codePoint) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t lead = byte(0);
  if (lead < 0x80) {
    codePoint = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, minimum = 0x80, codePoint = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, minimum = 0x800, codePoint = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, minimum = 0x10000, codePoint = lead & 0x07;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    codePoint = codePoint << 6 | (byte(i) & 0x3F);
  }
  const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
  if (codePoint < minimum || codePoint > 0x10FFFF || surrogate) return 0;
  return length;
}

// Characters a terminal or a text view acts on instead of showing.
bool isControl(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||       // C0, DEL, C1 (0x9B is a CSI on its own)
         c == 0x061C || c == 0x200E || c == 0x200F ||  // bidirectional marks
         (c >= 0x2028 && c <= 0x202E) ||               // line/paragraph separators, overrides
         (c >= 0x2066 && c <= 0x2069);                 // bidirectional isolates
}

void appendEscape(std::string& out, const char* format, unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, value);
  out += buffer;
}

}  // namespace

std::string printableText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    char32_t codePoint = 0;
    const std::size_t length = decodeUtf8(text, codePoint);
    if (length == 0) {
      appendEscape(out, "\\x%02x", static_cast<std::uint8_t>(text[0]));
      text.remove_prefix(1);
      continue;
    }
    if (!isControl(codePoint)) {
      out.append(text.substr(0, length));
    } else if (codePoint < 0x80) {
      appendEscape(out, "\\x%02x", unsigned(codePoint));
    } else {
      appendEscape(out, "\\u{%04x}", unsigned(codePoint));
    }
    text.remove_prefix(length);
  }
  return out;
}

}  // namespace attnscope
