#include "tests/ui/abuse_text.h"

#include <QStringList>
#include <array>

namespace attnscope::testing {
namespace {

template <typename Container>
const auto& pick(const Container& items, std::mt19937_64& random) {
  return items[std::uniform_int_distribution<std::size_t>(0, std::size(items) - 1)(random)];
}

const QStringList& pieces(AbuseText kind) {
  static const QStringList ascii = {
      "the",   "cat",   "sat",    "on",       "mat", "attention", "is", "all", "you",
      "need",  "don't", "U.S.",   "3.14",     "a",   "--",        "!!", "?",   "(x)",
      "[PAD]", "<s>",   "e-mail", "'quoted'", "#1",  "\"",        "\\", "..."};
  static const QStringList emoji = {"😀",
                                    "👍🏽",
                                    "👍🏿",
                                    "👨‍👩‍👧‍👦",
                                    "🏳️‍🌈",
                                    "🧑🏻‍💻",
                                    "🇨🇳",
                                    "🇺🇸",
                                    "🇮🇱",
                                    "❤️",
                                    "1️⃣",
                                    "🫠",
                                    "👩‍❤️‍💋‍👨",
                                    "🏴‍☠️",
                                    "🤌🏼",
                                    "☺︎"};
  static const QStringList rightToLeft = {"مرحبا", "بالعالم", "الانتباه", "שלום", "עולם",
                                          "קשב",   "123",     "abc",      "؟",    "،",
                                          "(ב)",   "٣٤٥",     "‏",      "‎"};
  static const QStringList chinese = {
      "注意力", "机制", "很",       "强大",   "，", "。", "我们",
      "的",     "模型", "「引号」", "１２３", "𠀀", "𪚥"};  // the last two are outside the BMP:
                                                            // surrogate pairs
  static const QStringList combining = {"e\u0301",
                                        "a\u0308\u0323",
                                        "Z\u0364\u0351\u0313\u0324\u0354",
                                        "\u0915\u094D\u0937",
                                        "\u1100\u1161\u11A8",
                                        "o\u0338",
                                        "\u05E9\u05C1\u05B8",
                                        "i\u0307\u0307\u0307\u0307",
                                        "\u0301",
                                        "\u20DD"};  // the last two start without a base character
  static const QStringList control = [] {
    QStringList list = {"\t",     "\r",     "\n",     "\r\n",   "\u007F",
                        "\u200B", "\uFEFF", "\u202E", "\u202D", "\u2028",
                        "\u2029", "\u200D", "\u00AD", "\u0085", "word"};
    for (char16_t c = 0; c < 0x20; ++c) list << QString(QChar(c));
    return list;
  }();
  static const QStringList brokenUtf16 = {
      QString(QChar(0xD800)),
      QString(QChar(0xDFFF)),
      QString(QChar(0xDBFF)),
      QString(QChar(0xDC00)) + QChar(0xD83D),  // a pair in the wrong order
      QString(QChar(0xD83D)) + "x",
      "ok",
      QString(QChar(0xFFFF)),
      QString(QChar(0xFFFE))};
  switch (kind) {
    case AbuseText::Ascii:
      return ascii;
    case AbuseText::Emoji:
      return emoji;
    case AbuseText::RightToLeft:
      return rightToLeft;
    case AbuseText::Chinese:
      return chinese;
    case AbuseText::Combining:
      return combining;
    case AbuseText::Control:
      return control;
    case AbuseText::BrokenUtf16:
      return brokenUtf16;
    case AbuseText::Mixed:
      break;
  }
  static const QStringList mixed =
      ascii + emoji + rightToLeft + chinese + combining + control + brokenUtf16;
  return mixed;
}

}  // namespace

QString abuseText(AbuseText kind, int length, std::mt19937_64& random) {
  const QStringList& from = pieces(kind);
  const bool spaced = kind != AbuseText::Chinese && kind != AbuseText::Control;
  QString text;
  text.reserve(length + 32);
  while (text.size() < length) {
    if (spaced && !text.isEmpty()) text += QLatin1Char(' ');
    text += pick(from, random);
  }
  // Cut to length, but not between the halves of a valid surrogate pair.
  qsizetype cut = std::min<qsizetype>(length, text.size());
  if (cut > 0 && cut < text.size() && text[cut - 1].isHighSurrogate() && text[cut].isLowSurrogate())
    --cut;
  text.truncate(cut);
  return text;
}

QString longWord(int length, std::mt19937_64& random) {
  static const std::array<QString, 4> units = {"a", "語", "e\u0301", "😀"};
  const QString& unit = pick(units, random);
  QString word;
  while (word.size() + unit.size() <= length) word += unit;
  return word;
}

// Text for the log: control and format characters as \uXXXX, cut to `limit` units.
QString printableText(const QString& text, int limit) {
  QString shown;
  for (qsizetype i = 0; i < text.size() && shown.size() < limit; ++i) {
    const QChar c = text[i];
    const bool pair = c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate();
    const bool invisible = (c.isSurrogate() && !pair) || c.category() == QChar::Other_Control ||
                           c.category() == QChar::Other_Format ||
                           c.category() == QChar::Separator_Line ||
                           c.category() == QChar::Separator_Paragraph;
    if (invisible) {
      shown += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    } else {
      shown += c;
      if (pair) shown += text[++i];
    }
  }
  if (shown.size() >= limit) shown += QStringLiteral("…");
  return QStringLiteral("«%1»").arg(shown);
}

QString abuseTextName(AbuseText kind) {
  switch (kind) {
    case AbuseText::Ascii:
      return QStringLiteral("ASCII");
    case AbuseText::Emoji:
      return QStringLiteral("emoji");
    case AbuseText::RightToLeft:
      return QStringLiteral("right-to-left");
    case AbuseText::Chinese:
      return QStringLiteral("Chinese");
    case AbuseText::Combining:
      return QStringLiteral("combining marks");
    case AbuseText::Control:
      return QStringLiteral("control characters");
    case AbuseText::BrokenUtf16:
      return QStringLiteral("invalid UTF-16");
    case AbuseText::Mixed:
      return QStringLiteral("mixed");
  }
  return {};
}

}  // namespace attnscope::testing
