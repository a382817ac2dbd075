#include "core/npy.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "core/error.h"
#include "core/file_bytes.h"
#include "core/shape.h"

namespace attnscope::npy {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kPreambleV1 = 10;  // magic, version, 2-byte header length
constexpr std::size_t kMaxShown = 40;

[[noreturn]] void fail(std::string_view name, const std::string& what) {
  throw Error(ErrorKind::InvalidData, std::string(name) + ": " + what);
}

// Hostile headers can hold megabytes of text; messages show only the start of it.
std::string clip(std::string_view text) {
  return text.size() <= kMaxShown ? std::string(text)
                                  : std::string(text.substr(0, kMaxShown)) + "...";
}

// Empty when the product does not fit in size_t; any zero dimension makes it 0.
std::optional<std::size_t> elementCount(std::span<const std::size_t> shape) {
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) return 0;
  std::size_t count = 1;
  for (std::size_t dim : shape) {
    if (count > std::numeric_limits<std::size_t>::max() / dim) return std::nullopt;
    count *= dim;
  }
  return count;
}

struct Header {
  std::string descr;
  bool fortranOrder = false;
  std::vector<std::size_t> shape;
};

// A strict reader for the one Python literal a .npy header holds, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
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
        fail(m_name, "header has an unexpected or repeated key '" + clip(key) + "'");
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
      if (!seen) fail(m_name, std::string("header has no '") + key + "' key");
    }
    return header;
  }

 private:
  [[noreturn]] void expected(const std::string& what) const {
    if (m_pos >= m_text.size()) fail(m_name, "header ends early; expected " + what);
    fail(m_name, "malformed header: expected " + what + " at character " + std::to_string(m_pos));
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
    if (m_text.substr(m_pos, 1) == "[") fail(m_name, "structured dtypes are not supported");
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
        fail(m_name, "shape has a dimension too large to represent");
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

struct Dtype {
  char kind;  // 'b' bool, 'i' signed, 'u' unsigned, 'f' floating point
  std::size_t size;
  bool bigEndian;
};

// Kinds NumPy can store that no attention input can be; named so the message says what the file
// holds.
constexpr std::pair<char, const char*> kRefusedKinds[] = {
    {'O', "Python objects"}, {'c', "complex numbers"}, {'U', "Unicode strings"},
    {'S', "byte strings"},   {'a', "byte strings"},    {'V', "raw or structured records"},
    {'M', "datetimes"},      {'m', "timedeltas"}};

Dtype parseDtype(std::string_view descr, std::string_view name) {
  const std::string quoted = "dtype '" + clip(descr) + "'";
  for (const auto& [kind, what] : kRefusedKinds) {
    if (descr.size() >= 2 && descr[1] == kind) {
      fail(name, quoted + " (" + what + ") is not supported");
    }
  }
  const bool wellFormed = descr.size() == 3 &&
                          std::string_view("<>|").find(descr[0]) != descr.npos &&
                          std::string_view("biuf").find(descr[1]) != descr.npos &&
                          std::string_view("1248").find(descr[2]) != descr.npos;
  const Dtype dtype{wellFormed ? descr[1] : '\0', wellFormed ? std::size_t(descr[2] - '0') : 0,
                    wellFormed && descr[0] == '>'};
  // '|' (no byte order) only makes sense for single bytes; NumPy has no 1-byte float.
  if (!wellFormed || (descr[0] == '|' && dtype.size != 1) ||
      (dtype.kind == 'b' && dtype.size != 1) || (dtype.kind == 'f' && dtype.size == 1)) {
    fail(name, quoted + " is not supported");
  }
  return dtype;
}

struct RawArray {
  Header header;
  Dtype dtype;
  std::size_t count;
  std::span<const std::byte> data;
};

RawArray parseRaw(std::span<const std::byte> bytes, std::string_view name, bool floatOnly) {
  const auto byteAt = [&](std::size_t i) { return std::to_integer<std::uint8_t>(bytes[i]); };
  if (bytes.size() < kMagic.size() ||
      !std::equal(kMagic.begin(), kMagic.end(), bytes.begin(),
                  [](char c, std::byte b) { return static_cast<std::byte>(c) == b; })) {
    fail(name, "not a NumPy .npy file (bad magic)");
  }
  if (bytes.size() < kPreambleV1) fail(name, "file ends inside the .npy preamble");
  const unsigned major = byteAt(6), minor = byteAt(7);
  if (major < 1 || major > 3 || minor != 0) {
    fail(name, "unsupported .npy format version " + std::to_string(major) + "." +
                   std::to_string(minor) + " (1.0, 2.0 and 3.0 are supported)");
  }
  const std::size_t lengthBytes = major == 1 ? 2 : 4;
  const std::size_t headerStart = 8 + lengthBytes;
  if (bytes.size() < headerStart) fail(name, "file ends inside the .npy preamble");
  std::size_t headerLength = 0;
  for (std::size_t i = 0; i < lengthBytes; ++i) {
    headerLength |= std::size_t{byteAt(8 + i)} << (8 * i);
  }
  if (headerLength > bytes.size() - headerStart) {
    fail(name, "header length " + std::to_string(headerLength) +
                   " runs past the end of the file (" + std::to_string(bytes.size()) + " bytes)");
  }
  const std::string_view text(reinterpret_cast<const char*>(bytes.data() + headerStart),
                              headerLength);

  RawArray array{
      HeaderParser(text, name).parse(), {}, 0, bytes.subspan(headerStart + headerLength)};
  array.dtype = parseDtype(array.header.descr, name);
  if (floatOnly && (array.dtype.kind != 'f' || array.dtype.size == 2)) {
    fail(name, "dtype '" + array.header.descr +
                   "' is not supported; only float32 and float64 ('<f4', '>f4', '<f8', '>f8') are");
  }
  const std::string shape = clip(describeShape(array.header.shape));
  const std::optional<std::size_t> count = elementCount(array.header.shape);
  if (!count || *count > std::numeric_limits<std::size_t>::max() / array.dtype.size) {
    fail(name, "shape " + shape + " has too many elements");
  }
  array.count = *count;
  if (array.data.size() != array.count * array.dtype.size) {
    fail(name, "shape " + shape + " with dtype '" + array.header.descr + "' needs " +
                   std::to_string(array.count * array.dtype.size) + " bytes of data, but " +
                   std::to_string(array.data.size()) + " bytes are present");
  }
  return array;
}

template <std::size_t N>
std::uint64_t loadWord(const std::byte* p, bool bigEndian) {
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < N; ++i) {
    word |= std::uint64_t{std::to_integer<std::uint8_t>(p[i])} << (8 * (bigEndian ? N - 1 - i : i));
  }
  return word;
}

template <std::size_t N, typename Fn>
void forEachWordOfSize(const RawArray& array, Fn& fn) {
  for (std::size_t i = 0; i < array.count; ++i) {
    fn(i, loadWord<N>(array.data.data() + i * N, array.dtype.bigEndian));
  }
}

// Calls fn(index, raw bits) for every element; the switch lets each size get its own fast loop.
template <typename Fn>
void forEachWord(const RawArray& array, Fn fn) {
  switch (array.dtype.size) {
    case 1:
      return forEachWordOfSize<1>(array, fn);
    case 2:
      return forEachWordOfSize<2>(array, fn);
    case 4:
      return forEachWordOfSize<4>(array, fn);
    default:
      return forEachWordOfSize<8>(array, fn);
  }
}

// Fortran order varies the first index fastest: walk the C order, tracking the Fortran offset.
template <typename T>
std::vector<T> fortranToC(const std::vector<T>& in, std::span<const std::size_t> shape) {
  std::vector<T> out(in.size());
  std::vector<std::size_t> stride(shape.size()), index(shape.size(), 0);
  for (std::size_t k = 0, s = 1; k < shape.size(); s *= shape[k], ++k) stride[k] = s;
  std::size_t offset = 0;
  for (std::size_t c = 0; c < out.size(); ++c) {
    out[c] = in[offset];
    for (std::size_t k = shape.size(); k-- > 0;) {
      if (++index[k] < shape[k]) {
        offset += stride[k];
        break;
      }
      offset -= stride[k] * (shape[k] - 1);
      index[k] = 0;
    }
  }
  return out;
}

}  // namespace

FloatArray parseFloatArray(std::span<const std::byte> bytes, std::string_view displayName) {
  RawArray array = parseRaw(bytes, displayName, true);
  std::vector<float> values(array.count);
  if (array.dtype.size == 4) {
    forEachWord(array, [&](std::size_t i, std::uint64_t bits) {
      values[i] = std::bit_cast<float>(static_cast<std::uint32_t>(bits));
    });
  } else {
    forEachWord(array, [&](std::size_t i, std::uint64_t bits) {
      values[i] = static_cast<float>(std::bit_cast<double>(bits));
    });
  }
  if (array.header.fortranOrder) values = fortranToC(values, array.header.shape);
  return {std::move(array.header.shape), std::move(values)};
}

FloatArray readFloatArray(const std::filesystem::path& path) {
  return parseFloatArray(readFileBytes(path, kMaxFileBytes), path.filename().string());
}

MaskArray parseMaskArray(std::span<const std::byte> bytes, std::string_view displayName) {
  RawArray array = parseRaw(bytes, displayName, false);
  // A float is zero when every bit but the sign is clear, so -0.0 is zero and NaN is not.
  const std::uint64_t valueBits = array.dtype.kind == 'f'
                                      ? (std::uint64_t{1} << (8 * array.dtype.size - 1)) - 1
                                      : ~std::uint64_t{0};
  std::vector<std::uint8_t> keep(array.count);
  forEachWord(array, [&](std::size_t i, std::uint64_t bits) { keep[i] = (bits & valueBits) != 0; });
  if (array.header.fortranOrder) keep = fortranToC(keep, array.header.shape);
  return {std::move(array.header.shape), std::move(keep)};
}

MaskArray readMaskArray(const std::filesystem::path& path) {
  return parseMaskArray(readFileBytes(path, kMaxFileBytes), path.filename().string());
}

std::vector<std::byte> encodeFloat32(std::span<const std::size_t> shape,
                                     std::span<const float> values) {
  const std::optional<std::size_t> count = elementCount(shape);
  if (!count || *count != values.size()) {
    throw Error(ErrorKind::InvalidArgument, "cannot encode .npy: shape " +
                                                clip(describeShape(shape)) + " does not hold " +
                                                std::to_string(values.size()) + " values");
  }
  // describeShape writes Python's tuple syntax, which is what the header holds.
  std::string header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': " + describeShape(shape) + ", }";
  header.append(63 - (kPreambleV1 + header.size()) % 64, ' ');  // + '\n' ends at a multiple of 64
  header += '\n';
  if (header.size() > 0xFFFF || values.size() > (kMaxFileBytes - kPreambleV1 - header.size()) / 4) {
    throw Error(ErrorKind::LimitExceeded,
                "cannot encode .npy: the file would be larger than the 2 GiB limit");
  }
  std::vector<std::byte> bytes;
  bytes.reserve(kPreambleV1 + header.size() + values.size() * 4);
  const auto put = [&](std::uint64_t word, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) bytes.push_back(static_cast<std::byte>(word >> (8 * i)));
  };
  for (char c : kMagic) put(static_cast<unsigned char>(c), 1);
  put(1, 1);  // version 1.0
  put(0, 1);
  put(header.size(), 2);
  for (char c : header) put(static_cast<unsigned char>(c), 1);
  for (float value : values) put(std::bit_cast<std::uint32_t>(value), 4);
  return bytes;
}

void writeFloat32(const std::filesystem::path& path, std::span<const std::size_t> shape,
                  std::span<const float> values) {
  writeFileBytes(path, encodeFloat32(shape, values));
}

}  // namespace attnscope::npy
