#include "core/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <limits>
#include <memory>

namespace attnscope {
namespace {

// How one grapheme cluster takes part in tokenization.
enum class Kind {
  Skip,       // white space, control or format characters: dropped, and ends any word
  Word,       // starts with a letter, digit or mark: extends the current word
  Joiner,     // ' ’ or . : inside a word only when a word cluster follows
  Ideograph,  // a Chinese character or kanji: alone, or cut into words with its neighbours
  Single,     // emoji, punctuation or symbol: always a token of its own
};

struct Cluster {
  std::size_t begin;
  std::size_t end;
  Kind kind;
};

[[noreturn]] void throwInvalid(std::size_t offset) {
  throw Error(ErrorKind::InvalidData, "invalid UTF-8 at byte " + std::to_string(offset));
}

// Strict UTF-8 check (Unicode table 3-7): ICU would quietly turn bad bytes into U+FFFD, which
// would hide corrupt input and shift byte offsets. Rejects overlongs, surrogates and > U+10FFFF.
void checkUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // range allowed for the second byte
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    } else {
      throwInvalid(i);
    }
    if (text.size() - i < length) throwInvalid(i);
    for (std::size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF)) throwInvalid(i);
    }
    i += length;
  }
}

// Classifies a (valid UTF-8) cluster by its first code point, looking past leading format
// characters: Arabic number signs (Cf) prefix the digits they share a cluster with.
Kind classify(std::string_view cluster) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(cluster.data());
  std::size_t i = 0;
  UChar32 c = 0;
  do {
    U8_NEXT_UNSAFE(bytes, i, c);
  } while (u_charType(c) == U_FORMAT_CHAR && i < cluster.size());

  const auto type = u_charType(c);
  if (u_isUWhiteSpace(c) || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR) return Kind::Skip;
  // Ideographs are letters but never part of a spaced word. Emoji stand alone even when they
  // start with a letter (ℹ️ is Ll) or a digit (keycaps like 1️⃣ end in U+20E3).
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return Kind::Ideograph;
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
      cluster.find("\u20E3") != std::string_view::npos) {
    return Kind::Single;
  }
  if (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) return Kind::Word;
  if (c == '\'' || c == 0x2019 /* ’ */ || c == '.') return Kind::Joiner;
  return Kind::Single;
}

// ICU keeps a zero width joiner (U+200D) in the cluster before it (it extends any character),
// so "a\u200Db" would read as one word. Inside an emoji sequence a joiner is never last in its
// cluster (the pictograph it joins follows); a last one is a stray format character and separates
// tokens (README rule 1), except after a virama, where Indic scripts use it to choose a letter's
// joined form. Returns where the cluster's trailing stray joiners begin: end when there are none.
std::size_t strayJoinersStart(std::string_view text, std::size_t begin, std::size_t end) {
  constexpr std::string_view kJoiner = "\u200D";
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  std::size_t start = end;
  while (start - begin > kJoiner.size() &&
         text.substr(start - kJoiner.size(), kJoiner.size()) == kJoiner) {
    start -= kJoiner.size();
  }
  if (start == end) return end;
  std::int32_t before = std::int32_t(start);
  UChar32 previous = 0;
  U8_PREV_UNSAFE(bytes, before, previous);
  constexpr std::uint8_t kViramaCombiningClass = 9;
  // After a virama the first joiner stays with its letter; any further ones are stray.
  return u_getCombiningClass(previous) == kViramaCombiningClass ? start + kJoiner.size() : start;
}

// An ICU break iterator (`create` makes it for a locale) over the UTF-8 bytes of `text`
// directly, so its boundaries are byte offsets. The UText must outlive the iterator's use.
struct Breaks {
  icu::LocalUTextPointer utext;
  std::unique_ptr<icu::BreakIterator> iterator;
};

template <typename Create>
Breaks breaksOf(std::string_view text, Create create) {
  UErrorCode status = U_ZERO_ERROR;
  Breaks breaks;
  breaks.utext.adoptInstead(
      utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status));
  breaks.iterator.reset(create(status));
  if (U_SUCCESS(status)) breaks.iterator->setText(breaks.utext.getAlias(), status);
  if (U_FAILURE(status)) {
    // Only happens when ICU cannot load its data or allocate memory.
    throw Error(ErrorKind::Io, std::string("ICU cannot segment text: ") + u_errorName(status));
  }
  return breaks;
}

// Splits text into grapheme clusters.
std::vector<Cluster> clusters(std::string_view text) {
  const Breaks breaks = breaksOf(text, [](UErrorCode& status) {
    return icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status);
  });
  icu::BreakIterator* boundaries = breaks.iterator.get();

  std::vector<Cluster> result;
  for (std::int32_t begin = boundaries->first(), end = boundaries->next();
       end != icu::BreakIterator::DONE; begin = end, end = boundaries->next()) {
    const auto b = static_cast<std::size_t>(begin);
    const auto e = static_cast<std::size_t>(end);
    const Kind kind = classify(text.substr(b, e - b));
    const std::size_t joinerStart = strayJoinersStart(text, b, e);
    if (joinerStart > b) result.push_back({b, joinerStart, kind});
    if (joinerStart < e) result.push_back({joinerStart, e, Kind::Skip});
  }
  return result;
}

// Cuts a run of ideographs, bytes [begin, end) of `text`, into dictionary words with ICU's
// word break iterator for Chinese (its CJK dictionary), appending one token per word.
void appendChineseWords(std::string_view text, std::size_t begin, std::size_t end,
                        std::vector<Token>& tokens) {
  const Breaks breaks = breaksOf(text.substr(begin, end - begin), [](UErrorCode& status) {
    return icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status);
  });
  icu::BreakIterator* words = breaks.iterator.get();
  for (std::int32_t from = words->first(), to = words->next(); to != icu::BreakIterator::DONE;
       from = to, to = words->next()) {
    tokens.push_back({{}, begin + std::size_t(from), begin + std::size_t(to)});
  }
}

}  // namespace

bool hasIdeographs(std::string_view utf8) {
  // The checked U8_NEXT: a lesson's text may not be valid UTF-8 yet (it is refused later), and
  // a truncated sequence must not read past the end. Ill-formed bytes give c < 0.
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int64_t>(utf8.size());
  for (std::int64_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
  }
  return false;
}

std::vector<Token> tokenize(std::string_view utf8, ChineseTokens chinese) {
  if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw Error(ErrorKind::LimitExceeded, "text is longer than 2147483647 bytes");
  }
  checkUtf8(utf8);
  if (utf8.empty()) return {};

  const std::vector<Cluster> parts = clusters(utf8);
  std::vector<Token> tokens;
  bool inWord = false;  // the last token is a word that ends where this cluster begins
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Cluster& part = parts[i];
    if (part.kind == Kind::Ideograph && chinese == ChineseTokens::Words) {
      std::size_t last = i;  // the run of ideographs is parts[i..last]
      while (last + 1 < parts.size() && parts[last + 1].kind == Kind::Ideograph) ++last;
      appendChineseWords(utf8, part.begin, parts[last].end, tokens);
      i = last;
      inWord = false;
      continue;
    }
    const bool wordFollows = i + 1 < parts.size() && parts[i + 1].kind == Kind::Word;
    const bool extends =
        inWord && (part.kind == Kind::Word || (part.kind == Kind::Joiner && wordFollows));
    if (extends) {
      tokens.back().end = part.end;
    } else if (part.kind != Kind::Skip) {
      tokens.push_back({{}, part.begin, part.end});
    }
    inWord = extends || part.kind == Kind::Word;
  }
  for (Token& token : tokens) token.text = utf8.substr(token.begin, token.end - token.begin);
  return tokens;
}

}  // namespace attnscope
