#include "core/npy_header.h"

#include <limits>
#include <utility>

#include "core/binary_parsing.h"
#include "core/error.h"

namespace attnscope::npy {
namespace {

// Recursive descent with one cursor over the text; every reader skips white space first.
class HeaderParser {
 public:
  HeaderParser(std::string_view text, std::string_view name) : m_text(text), m_name(name) {}

  Header parse() {
    Header header;
    bool seenDescr = false, seenOrder = false, seenShape = false;
    expect('{');
    while (!consume('}')) {
      const std::string key = readString();
      expect(':');
      if (key == "descr" && !seenDescr) {
        seenDescr = true;
        header.descr = readDescr();
      } else if (key == "fortran_order" && !seenOrder) {
        seenOrder = true;
        header.fortranOrder = readBool();
      } else if (key == "shape" && !seenShape) {
        seenShape = true;
        header.shape = readShape();
      } else {
        failInvalid(m_name,
                    "header has an unexpected or repeated key '" + clip(key, kMaxShownBytes) + "'");
      }
      if (!consume(',')) {
        if (!consume('}')) expected("',' or '}'");
        break;
      }
    }
    skipSpace();
    if (m_pos != m_text.size()) expected("the end of the header");
    for (const auto& [seen, key] :
         {std::pair{seenDescr, "descr"}, {seenOrder, "fortran_order"}, {seenShape, "shape"}}) {
      if (!seen) failInvalid(m_name, std::string("header has no '") + key + "' key");
    }
    return header;
  }

 private:
  [[noreturn]] void expected(const std::string& what) const {
    if (m_pos >= m_text.size()) failInvalid(m_name, "header ends early; expected " + what);
    failInvalid(m_name,
                "malformed header: expected " + what + " at character " + std::to_string(m_pos));
  }

  void skipSpace() {
    while (m_pos < m_text.size() &&
           std::string_view(" \t\r\n").find(m_text[m_pos]) != m_text.npos) {
      ++m_pos;
    }
  }

  bool consume(char c) {
    skipSpace();
    if (m_pos >= m_text.size() || m_text[m_pos] != c) return false;
    ++m_pos;
    return true;
  }

  void expect(char c) {
    if (!consume(c)) expected(std::string("'") + c + "'");
  }

  std::string readString() {
    skipSpace();
    if (m_pos >= m_text.size() || (m_text[m_pos] != '\'' && m_text[m_pos] != '"')) {
      expected("a quoted string");
    }
    const char quote = m_text[m_pos++];
    const std::size_t end = m_text.find_first_of(std::string{quote, '\\', '\n'}, m_pos);
    if (end == m_text.npos || m_text[end] != quote) expected("a closing quote");
    std::string value(m_text.substr(m_pos, end - m_pos));
    m_pos = end + 1;
    return value;
  }

  std::string readDescr() {
    skipSpace();
    if (m_text.substr(m_pos, 1) == "[") failInvalid(m_name, "structured dtypes are not supported");
    return readString();
  }

  bool readBool() {
    skipSpace();
    for (const auto& [word, value] : {std::pair{"True", true}, {"False", false}}) {
      if (m_text.substr(m_pos).starts_with(word)) {
        m_pos += std::string_view(word).size();
        return value;
      }
    }
    expected("True or False");
  }

  std::vector<std::size_t> readShape() {
    expect('(');
    std::vector<std::size_t> shape;
    while (!consume(')')) {
      shape.push_back(readDimension());
      if (consume(',')) continue;
      // Python reads "(3)" as a number; only "(3,)" is a one-element tuple.
      if (shape.size() == 1) expected("',' (a one-element tuple is written (n,))");
      expect(')');
      break;
    }
    return shape;
  }

  std::size_t readDimension() {
    skipSpace();
    const std::size_t start = m_pos;
    std::size_t value = 0;
    for (; m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9'; ++m_pos) {
      const std::size_t digit = static_cast<std::size_t>(m_text[m_pos] - '0');
      if (value > (std::numeric_limits<std::size_t>::max() - digit) / 10) {
        failInvalid(m_name, "shape has a dimension too large to represent");
      }
      value = value * 10 + digit;
    }
    if (m_pos == start) expected("a non-negative dimension");
    if (m_pos < m_text.size() && m_text[m_pos] == 'L') ++m_pos;  // Python 2 wrote 3L for longs
    return value;
  }

  std::string_view m_text;
  std::string_view m_name;
  std::size_t m_pos = 0;
};

}  // namespace

Header parseHeader(std::string_view text, std::string_view displayName) {
  return HeaderParser(text, displayName).parse();
}

void failInvalid(std::string_view displayName, const std::string& what) {
  throw Error(ErrorKind::InvalidData, std::string(displayName) + ": " + what);
}

}  // namespace attnscope::npy
