#pragma once

#include <QString>
#include <random>

namespace attnscope::testing {

// Random text of the kinds that break text handling, for the GUI abuse test. Every function
// draws only from `random`, so a seed replays the same text.
enum class AbuseText {
  Ascii,        // words and punctuation
  Emoji,        // single, skin tones, ZWJ families, flags, keycaps, variation selectors
  RightToLeft,  // Arabic and Hebrew, mixed with Latin and digits
  Chinese,      // ideographs and full-width punctuation
  Combining,    // stacked combining marks, Devanagari and Hangul jamo clusters
  Control,      // \t \r \n, U+0000..U+001F, U+007F, zero-width and bidi controls, BOM
  BrokenUtf16,  // lone or reversed surrogates: invalid UTF-16 that QString still holds
  Mixed,        // a bit of everything
};

// About `length` UTF-16 units of one kind (never cutting a surrogate pair of valid text).
QString abuseText(AbuseText kind, int length, std::mt19937_64& random);
// One word without spaces, `length` units long: letters, ideographs or emoji.
QString longWord(int length, std::mt19937_64& random);
QString abuseTextName(AbuseText kind);
// Text for the log: control and format characters and lone surrogates as \uXXXX, cut to
// `limit` units, in «».
QString printableText(const QString& text, int limit = 24);

}  // namespace attnscope::testing
