#pragma once

#include <string>
#include <string_view>

// Messages quote names read from files (an .npy header key, a lesson field, a tensor name) and
// paths typed by the user. A hostile file can hold an escape sequence that clears the terminal
// and fakes a prompt, or bytes that are not UTF-8 at all; every message is passed through here
// before it is printed or shown.
namespace attnscope {

// text as one line of valid UTF-8 that a terminal prints literally: control characters
// (C0, DEL, C1), line and paragraph separators and bidirectional overrides become \xNN or
// \u{NNNN}, and each byte that does not start or continue a valid UTF-8 sequence becomes \xNN.
// Everything else, Chinese included, is kept as it is.
std::string printableText(std::string_view text);

}  // namespace attnscope
