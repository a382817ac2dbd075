// The tokenizer on arbitrary bytes, Chinese cut both ways: invalid UTF-8 must be refused with an
// Error, and every token must be a non-empty, in-order slice of the text holding exactly that
// slice's bytes. Cutting into words only merges characters: never more tokens than characters.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/printable_text.h"
#include "core/tokenizer.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using attnscope::fuzz::check;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<attnscope::Token> tokens, words;
  try {
    tokens = attnscope::tokenize(text, attnscope::ChineseTokens::Characters);
  } catch (const attnscope::Error& error) {
    check(error.kind() == attnscope::ErrorKind::InvalidData, "only invalid UTF-8 is refused");
    return 0;
  }
  words = attnscope::tokenize(text, attnscope::ChineseTokens::Words);  // valid now: no throw
  check(words.size() <= tokens.size(), "words never outnumber characters");
  check(words.empty() == tokens.empty(), "both cuts find text or neither");
  check(attnscope::hasIdeographs(text) || words == tokens, "without Chinese both cuts agree");
  // Issue 20, point 9: a zero width joiner ends a token only after a virama (its Indic use).
  for (const attnscope::Token& token : tokens) {
    if (!token.text.ends_with("\u200D")) continue;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(token.text.data());
    std::int32_t offset = std::int32_t(token.text.size() - 3);
    UChar32 previous = 0;
    if (offset > 0) U8_PREV_UNSAFE(bytes, offset, previous);
    check(u_getCombiningClass(previous) == 9, "a joiner ends a token only after a virama");
  }
  // Issue 20, point 8: any text, escaped, is printable and stays so.
  const std::string shown = attnscope::printableText(text);
  check(attnscope::printableText(shown) == shown, "escaped text is a fixed point");
  for (const std::vector<attnscope::Token>* cut : {&tokens, &words}) {
    std::size_t previousEnd = 0;
    for (const attnscope::Token& token : *cut) {
      check(previousEnd <= token.begin, "tokens are in order and do not overlap");
      check(token.begin < token.end, "tokens are not empty");
      check(token.end <= text.size(), "tokens end inside the text");
      check(token.text == text.substr(token.begin, token.end - token.begin),
            "a token's text is its span of the input");
      previousEnd = token.end;
    }
  }
  return 0;
}
