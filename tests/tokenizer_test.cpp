#include "core/tokenizer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace attnscope {
namespace {

using Span = std::pair<std::size_t, std::size_t>;

std::vector<std::string> texts(std::string_view utf8) {
  std::vector<std::string> result;
  for (const Token& token : tokenize(utf8)) result.push_back(token.text);
  return result;
}

std::vector<Span> spans(std::string_view utf8) {
  std::vector<Span> result;
  for (const Token& token : tokenize(utf8)) result.emplace_back(token.begin, token.end);
  return result;
}

// Tokenizes text that must be rejected and returns the error message.
std::string rejection(std::string_view utf8) {
  try {
    tokenize(utf8);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidData);
    return error.what();
  }
  ADD_FAILURE() << "accepted invalid UTF-8";
  return {};
}

// Checks what every result must satisfy: tokens are non-empty, in order, disjoint, and their
// text is exactly the bytes they span.
void expectConsistent(std::string_view utf8, const std::vector<Token>& tokens) {
  std::size_t previousEnd = 0;
  for (const Token& token : tokens) {
    EXPECT_LE(previousEnd, token.begin);
    EXPECT_LT(token.begin, token.end);
    ASSERT_LE(token.end, utf8.size());
    EXPECT_EQ(token.text, utf8.substr(token.begin, token.end - token.begin));
    previousEnd = token.end;
  }
}

std::string encode(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

using Texts = std::vector<std::string>;
using Spans = std::vector<Span>;

TEST(Tokenizer, EmptyOrBlankTextGivesNoTokens) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize("   \t\r\n").empty());
  EXPECT_TRUE(tokenize("\u00A0\u3000\u2028").empty());
  EXPECT_TRUE(tokenize("\x01\u200F\uFEFF").empty());
}

TEST(Tokenizer, SplitsOnUnicodeWhiteSpaceWithByteSpans) {
  const std::vector<Token> expected = {{"hello", 2, 7}, {"world", 10, 15}};
  EXPECT_EQ(tokenize("  hello \t world\n"), expected);
  // No-break space (2 bytes), ideographic space (3), line separator (3), next line (2).
  EXPECT_EQ(texts("a\u00A0b\u3000c\u2028d\u0085e"), (Texts{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(spans("a\u00A0b\u3000c"), (Spans{{0, 1}, {3, 4}, {7, 8}}));
}

TEST(Tokenizer, KeepsApostropheOrPeriodBetweenWordCharacters) {
  EXPECT_EQ(texts("didn't"), (Texts{"didn't"}));
  EXPECT_EQ(texts("it\u2019s"), (Texts{"it\u2019s"}));
  EXPECT_EQ(texts("3.14"), (Texts{"3.14"}));
  EXPECT_EQ(texts("v1.2.3"), (Texts{"v1.2.3"}));
}

TEST(Tokenizer, SplitsApostropheOrPeriodAtTheEdgeOfAWord) {
  EXPECT_EQ(texts("cats'"), (Texts{"cats", "'"}));
  EXPECT_EQ(texts("e.g."), (Texts{"e.g", "."}));
  EXPECT_EQ(texts("'quoted'"), (Texts{"'", "quoted", "'"}));
  EXPECT_EQ(texts(".5"), (Texts{".", "5"}));
  EXPECT_EQ(texts("a..b"), (Texts{"a", ".", ".", "b"}));
  EXPECT_EQ(texts("a. b"), (Texts{"a", ".", "b"}));
  EXPECT_EQ(spans("don't."), (Spans{{0, 5}, {5, 6}}));
}

TEST(Tokenizer, MakesEachPunctuationOrSymbolItsOwnToken) {
  EXPECT_EQ(texts("Hi!!"), (Texts{"Hi", "!", "!"}));
  EXPECT_EQ(texts("1+1=2"), (Texts{"1", "+", "1", "=", "2"}));
  EXPECT_EQ(texts("snake_case"), (Texts{"snake", "_", "case"}));
  EXPECT_EQ(texts("\u00AB\u20AC5\u00BB"), (Texts{"\u00AB", "\u20AC", "5", "\u00BB"}));
}

TEST(Tokenizer, MakesEachIdeographItsOwnToken) {
  const std::vector<Token> tokens = tokenize("注意力机制很强大");  // eight ideographs
  ASSERT_EQ(tokens.size(), 8u);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i].begin, 3 * i);
    EXPECT_EQ(tokens[i].end, 3 * i + 3);
  }
  EXPECT_EQ(tokens[0].text, "注");
  EXPECT_EQ(tokens[7].text, "大");
}

TEST(Tokenizer, SplitsIdeographsFromAdjacentLettersAndPunctuation) {
  const std::vector<Token> expected = {{"AI", 0, 2}, {"模", 2, 5}, {"型", 5, 8}};
  EXPECT_EQ(tokenize("AI模型"), expected);
  EXPECT_EQ(texts("模.型"), (Texts{"模", ".", "型"}));
}

TEST(Tokenizer, HandlesIdeographsOutsideTheBmp) {
  const std::vector<Token> expected = {{"𠮷", 0, 4}, {"野", 4, 7}, {"家", 7, 10}};
  EXPECT_EQ(tokenize("𠮷野家"), expected);
}

TEST(Tokenizer, MixesEnglishAndChinese) {
  const std::vector<Token> expected = {{"I", 0, 1},    {"love", 2, 6}, {"注", 7, 10},
                                       {"意", 10, 13}, {"力", 13, 16}, {"!", 16, 17}};
  EXPECT_EQ(tokenize("I love 注意力!"), expected);
}

TEST(Tokenizer, KeepsCombiningMarksInTheirWord) {
  const std::vector<Token> expected = {{"cafe\u0301", 0, 6}, {"au", 7, 9}};
  EXPECT_EQ(tokenize("cafe\u0301 au"), expected);
  EXPECT_EQ(texts("e\u0301t\u00E9"), (Texts{"e\u0301t\u00E9"}));
  EXPECT_EQ(texts("नमस्ते दुनिया"), (Texts{"नमस्ते", "दुनिया"}));
  EXPECT_EQ(texts("n\u0303o'e\u0301"), (Texts{"n\u0303o'e\u0301"}));
}

TEST(Tokenizer, FormsWordsFromHangulAndKana) {
  EXPECT_EQ(texts("안녕하세요 세계"), (Texts{"안녕하세요", "세계"}));
  EXPECT_EQ(texts("こんにちは世界"), (Texts{"こんにちは", "世", "界"}));
  EXPECT_EQ(texts("コーヒー"), (Texts{"コーヒー"}));
}

TEST(Tokenizer, KeepsZwjEmojiSequenceWhole) {
  const std::string family = "👨\u200D👩\u200D👧";
  const std::vector<Token> expected = {{family, 0, 18}};
  EXPECT_EQ(tokenize(family), expected);
}

TEST(Tokenizer, KeepsEachFlagWhole) {
  const std::vector<Token> expected = {{"🇫🇷", 0, 8}, {"🇩🇪", 8, 16}};
  EXPECT_EQ(tokenize("🇫🇷🇩🇪"), expected);
}

TEST(Tokenizer, KeepsSkinToneAndKeycapEmojiWhole) {
  EXPECT_EQ(spans("👍🏽"), (Spans{{0, 8}}));
  EXPECT_EQ(spans("1\uFE0F\u20E3"), (Spans{{0, 7}}));
  EXPECT_EQ(texts("#\uFE0F\u20E3!"), (Texts{"#\uFE0F\u20E3", "!"}));
}

TEST(Tokenizer, SplitsEmojiFromAdjacentWords) {
  const std::vector<Token> expected = {{"hi", 0, 2}, {"😀", 2, 6}, {"there", 6, 11}};
  EXPECT_EQ(tokenize("hi😀there"), expected);
  EXPECT_EQ(texts("wow!🎉🎉"), (Texts{"wow", "!", "🎉", "🎉"}));
  // Emoji that begin with a digit or a letter still stand alone.
  EXPECT_EQ(texts("a1\uFE0F\u20E3b"), (Texts{"a", "1\uFE0F\u20E3", "b"}));
  EXPECT_EQ(texts("info\u2139\uFE0F"), (Texts{"info", "\u2139\uFE0F"}));
}

TEST(Tokenizer, DropsControlCharactersAndSplitsThere) {
  const std::vector<Token> expected = {{"a", 0, 1}, {"b", 2, 3}, {"c", 4, 5}};
  EXPECT_EQ(tokenize("a\tb\u0001c"), expected);
  EXPECT_EQ(texts(std::string_view("a\0b", 3)), (Texts{"a", "b"}));
  EXPECT_EQ(texts("x\x7Fy\u0090z"), (Texts{"x", "y", "z"}));
}

TEST(Tokenizer, DropsLoneFormatCharactersAndSplitsThere) {
  EXPECT_EQ(spans("\uFEFFhello"), (Spans{{3, 8}}));
  EXPECT_EQ(texts("abc\u200Fdef"), (Texts{"abc", "def"}));
  EXPECT_EQ(texts("\u200Dx"), (Texts{"x"}));
  EXPECT_EQ(texts("\x01\u200D"), (Texts{}));
}

// Issue 20, point 9: ICU puts a joiner in the cluster before it, which made "a\u200Db" a word.
TEST(Tokenizer, SplitsAtAZeroWidthJoinerOutsideEmoji) {
  EXPECT_EQ(texts("a\u200Db"), (Texts{"a", "b"}));
  EXPECT_EQ(spans("ab\u200D\u200Dcd"), (Spans{{0, 2}, {8, 10}}));
  EXPECT_EQ(texts("\u6CE8\u200D\u610F"), (Texts{"\u6CE8", "\u610F"}));
  EXPECT_EQ(texts("x\u200D"), (Texts{"x"}));
  // An emoji sequence keeps its joiners: 👩‍💻 is one token.
  EXPECT_EQ(texts("hi\U0001F469\u200D\U0001F4BB"), (Texts{"hi", "\U0001F469\u200D\U0001F4BB"}));
  // After a virama the joiner selects a half form (Devanagari क्‍ष), inside the word.
  EXPECT_EQ(texts("\u0915\u094D\u200D\u0937"), (Texts{"\u0915\u094D\u200D\u0937"}));
  // Only one: a second joiner after the virama is stray (found by fuzz_tokenizer).
  EXPECT_EQ(texts("\u0C95\u0CCD\u200D\u200D\u0C95"), (Texts{"\u0C95\u0CCD\u200D", "\u0C95"}));
}

TEST(Tokenizer, KeepsFormatCharactersThatBelongToACluster) {
  // ZWNJ shapes Persian letters and joins the cluster before it, so the word stays whole.
  EXPECT_EQ(texts("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"),
            (Texts{"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"}));
  // An Arabic number sign (Cf) prefixes the digits after it.
  EXPECT_EQ(texts("\u0600\u0661\u0662"), (Texts{"\u0600\u0661\u0662"}));
}

TEST(Tokenizer, RejectsBadLeadBytes) {
  EXPECT_EQ(rejection("hello\xFF"), "invalid UTF-8 at byte 5");
  EXPECT_EQ(rejection("a\x80"), "invalid UTF-8 at byte 1");
  EXPECT_EQ(rejection("\xF5\x80\x80\x80"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(rejection("\xFE"), "invalid UTF-8 at byte 0");
}

TEST(Tokenizer, RejectsTruncatedSequences) {
  EXPECT_EQ(rejection("ab\xE6\xB3"), "invalid UTF-8 at byte 2");
  EXPECT_EQ(rejection("\xE6\xB3x"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(rejection("\xF0\x9F\x98"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(rejection("\xC3"), "invalid UTF-8 at byte 0");
}

TEST(Tokenizer, RejectsOverlongEncodings) {
  EXPECT_EQ(rejection("\xC0\xAF"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(rejection("\xC1\xBF"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(rejection("\xE0\x80\xAF"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(rejection("\xF0\x8F\xBF\xBF"), "invalid UTF-8 at byte 0");
}

TEST(Tokenizer, RejectsSurrogates) {
  EXPECT_EQ(rejection("x\xED\xA0\x80"), "invalid UTF-8 at byte 1");
  EXPECT_EQ(rejection("\xED\xBF\xBF"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(texts("\xED\x9F\xBF"), (Texts{"\xED\x9F\xBF"}));  // U+D7FF, just below, is fine
}

TEST(Tokenizer, RejectsCodePointsAboveU10FFFF) {
  EXPECT_EQ(rejection("\xF4\x90\x80\x80"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(rejection("\xF7\xBF\xBF\xBF"), "invalid UTF-8 at byte 0");
  EXPECT_EQ(spans("\xF4\x8F\xBF\xBF"), (Spans{{0, 4}}));  // U+10FFFF itself is valid
}

TEST(Tokenizer, ThrowsOnlyErrorOnRandomBytes) {
  constexpr std::uint32_t kSeed = 12345;
  SCOPED_TRACE("std::mt19937 seed " + std::to_string(kSeed));
  std::mt19937 random(kSeed);
  std::uniform_int_distribution<int> length(0, 64);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    for (int n = length(random); n > 0; --n) input += static_cast<char>(byte(random));
    try {
      expectConsistent(input, tokenize(input));
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::InvalidData) << "round " << round;
    } catch (...) {
      ADD_FAILURE() << "round " << round << " threw something other than Error";
    }
  }
}

TEST(Tokenizer, GivesConsistentSpansOnRandomValidText) {
  constexpr std::uint32_t kSeed = 12345;
  SCOPED_TRACE("std::mt19937 seed " + std::to_string(kSeed));
  std::mt19937 random(kSeed);
  std::uniform_int_distribution<int> length(0, 32);
  // Even rounds mix characters the rules treat specially; odd rounds use any code point.
  const std::vector<char32_t> common = {U' ',          U'a',          U'Z',         U'7',
                                        U'\'',         U'.',          U'!',         U'\u0301',
                                        U'\u200D',     U'\uFE0F',     U'\u20E3',    U'\u4E2D',
                                        U'\U0001F600', U'\U0001F1EB', U'\U0001F3FD'};
  std::uniform_int_distribution<std::size_t> pick(0, common.size() - 1);
  std::uniform_int_distribution<std::uint32_t> any(0, 0x10FFFF);
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    for (int n = length(random); n > 0; --n) {
      char32_t c = any(random);
      if (round % 2 == 0 || (c >= 0xD800 && c <= 0xDFFF)) c = common[pick(random)];
      input += encode(c);
    }
    try {
      expectConsistent(input, tokenize(input));
    } catch (...) {
      ADD_FAILURE() << "round " << round << " threw on valid UTF-8";
    }
  }
}

// Issue 19, point 15: runs of ideographs cut into dictionary words by ICU, byte spans exact,
// Latin words around them untouched.
TEST(Tokenizer, CutsChineseIntoDictionaryWordsOnRequest) {
  const std::vector<Token> expected = {
      {"注意力", 0, 9}, {"机制", 9, 15}, {"很", 15, 18}, {"强大", 18, 24}};
  EXPECT_EQ(tokenize("注意力机制很强大", ChineseTokens::Words), expected);
  const std::vector<Token> mixed = {{"I", 0, 1}, {"love", 2, 6}, {"注意力", 7, 16}, {"!", 16, 17}};
  EXPECT_EQ(tokenize("I love 注意力!", ChineseTokens::Words), mixed);
  EXPECT_EQ(tokenize("注意力机制很强大", ChineseTokens::Characters).size(), 8u);
  EXPECT_EQ(tokenize("cat", ChineseTokens::Words), tokenize("cat", ChineseTokens::Characters));
  EXPECT_TRUE(hasIdeographs("I love 注意力"));
  EXPECT_FALSE(hasIdeographs("I love you ❤️"));
  EXPECT_FALSE(hasIdeographs(std::string_view("\xe6\xb3", 2))) << "a truncated sequence";
}

}  // namespace
}  // namespace attnscope
