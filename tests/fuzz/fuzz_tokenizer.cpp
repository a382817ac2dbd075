// The tokenizer on arbitrary bytes: invalid UTF-8 must be refused with an Error, and every token
// must be a non-empty, in-order slice of the text holding exactly that slice's bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/tokenizer.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using attnscope::fuzz::check;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<attnscope::Token> tokens;
  try {
    tokens = attnscope::tokenize(text);
  } catch (const attnscope::Error& error) {
    check(error.kind() == attnscope::ErrorKind::InvalidData, "only invalid UTF-8 is refused");
    return 0;
  }
  std::size_t previousEnd = 0;
  for (const attnscope::Token& token : tokens) {
    check(previousEnd <= token.begin, "tokens are in order and do not overlap");
    check(token.begin < token.end, "tokens are not empty");
    check(token.end <= text.size(), "tokens end inside the text");
    check(token.text == text.substr(token.begin, token.end - token.begin),
          "a token's text is its span of the input");
    previousEnd = token.end;
  }
  return 0;
}
