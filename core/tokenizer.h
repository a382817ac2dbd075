#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

// Typed text into tokens (Unicode-aware, through ICU), each with its byte range in the text.
namespace attnscope {

// One token of typed text, with its place in that text so the UI can highlight it.
struct Token {
  std::string text;   // the token's UTF-8 bytes, exactly as in the input
  std::size_t begin;  // byte offset of its first byte in the original text
  std::size_t end;    // one past its last byte
  bool operator==(const Token&) const = default;
};

// How a run of ideographs (Chinese, Japanese kanji), written without spaces, becomes tokens:
// one per character, or one per dictionary word as ICU's word break iterator cuts the run
// (注意力 / 机制 / 很 / 强大), the unit a Chinese reader sees.
enum class ChineseTokens { Words, Characters };

// Splits typed text into tokens, working on grapheme clusters so no emoji or accent is cut:
//  - white space, control characters and lone format characters separate tokens and are dropped;
//  - a word is a run of letters, digits and marks, and keeps ' ’ or . between two of them;
//  - a run of ideographs is cut as `chinese` says;
//  - every emoji, other punctuation mark or symbol is a token of its own.
// Throws Error(ErrorKind::InvalidData) on invalid UTF-8, naming the byte offset, and
// Error(ErrorKind::LimitExceeded) past 2^31 - 1 bytes (ICU's break positions are 32-bit).
std::vector<Token> tokenize(std::string_view utf8,
                            ChineseTokens chinese = ChineseTokens::Characters);

// Whether text (ill-formed bytes skipped) holds an ideograph: where ChineseTokens matters.
bool hasIdeographs(std::string_view utf8);

}  // namespace attnscope
