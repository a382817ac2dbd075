#include "core/npy.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "core/binary_parsing.h"
#include "core/error.h"
#include "core/file_bytes.h"
#include "core/float32_range.h"
#include "core/npy_header.h"
#include "core/shape.h"

namespace attnscope::npy {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kPreambleV1 = 10;  // magic, version, 2-byte header length

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
  const std::string quoted = "dtype '" + clip(descr, kMaxShownBytes) + "'";
  for (const auto& [kind, what] : kRefusedKinds) {
    if (descr.size() >= 2 && descr[1] == kind) {
      failInvalid(name, quoted + " (" + what + ") is not supported");
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
    failInvalid(name, quoted + " is not supported");
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
    failInvalid(name, "not a NumPy .npy file (bad magic)");
  }
  if (bytes.size() < kPreambleV1) failInvalid(name, "file ends inside the .npy preamble");
  const unsigned major = byteAt(6), minor = byteAt(7);
  if (major < 1 || major > 3 || minor != 0) {
    failInvalid(name, "unsupported .npy format version " + std::to_string(major) + "." +
                          std::to_string(minor) + " (1.0, 2.0 and 3.0 are supported)");
  }
  const std::size_t lengthBytes = major == 1 ? 2 : 4;
  const std::size_t headerStart = 8 + lengthBytes;
  if (bytes.size() < headerStart) failInvalid(name, "file ends inside the .npy preamble");
  const std::size_t headerLength =
      major == 1 ? loadWord<2>(bytes.data() + 8) : loadWord<4>(bytes.data() + 8);
  if (headerLength > bytes.size() - headerStart) {
    failInvalid(name, "header length " + std::to_string(headerLength) +
                          " runs past the end of the file (" + std::to_string(bytes.size()) +
                          " bytes)");
  }
  const std::string_view text(reinterpret_cast<const char*>(bytes.data() + headerStart),
                              headerLength);

  RawArray array{parseHeader(text, name), {}, 0, bytes.subspan(headerStart + headerLength)};
  array.dtype = parseDtype(array.header.descr, name);
  if (floatOnly && (array.dtype.kind != 'f' || array.dtype.size == 2)) {
    failInvalid(
        name, "dtype '" + array.header.descr +
                  "' is not supported; only float32 and float64 ('<f4', '>f4', '<f8', '>f8') are");
  }
  const std::string shape = clip(describeShape(array.header.shape), kMaxShownBytes);
  const std::optional<std::size_t> count = elementCount(array.header.shape);
  if (!count || *count > std::numeric_limits<std::size_t>::max() / array.dtype.size) {
    failInvalid(name, "shape " + shape + " has too many elements");
  }
  array.count = *count;
  if (array.data.size() != array.count * array.dtype.size) {
    failInvalid(name, "shape " + shape + " with dtype '" + array.header.descr + "' needs " +
                          std::to_string(array.count * array.dtype.size) + " bytes of data, but " +
                          std::to_string(array.data.size()) + " bytes are present");
  }
  return array;
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
      values[i] = narrowToFloat32(std::bit_cast<double>(bits), i, displayName);
    });
  }
  if (array.header.fortranOrder) values = fortranToC(values, array.header.shape);
  return {std::move(array.header.shape), std::move(values)};
}

FloatArray readFloatArray(const std::filesystem::path& path) {
  return parseFloatArray(readFileBytes(path, kMaxFileBytes), path.string());
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
  return parseMaskArray(readFileBytes(path, kMaxFileBytes), path.string());
}

std::vector<std::byte> encodeFloat32Header(std::span<const std::size_t> shape, std::size_t count) {
  const std::optional<std::size_t> cells = elementCount(shape);
  if (!cells || *cells != count) {
    throw Error(ErrorKind::InvalidArgument,
                "cannot encode .npy: shape " + clip(describeShape(shape), kMaxShownBytes) +
                    " does not hold " + std::to_string(count) + " values");
  }
  // describeShape writes Python's tuple syntax, which is what the header holds.
  std::string header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': " + describeShape(shape) + ", }";
  header.append(63 - (kPreambleV1 + header.size()) % 64, ' ');  // + '\n' ends at a multiple of 64
  header += '\n';
  if (header.size() > 0xFFFF || count > (kMaxFileBytes - kPreambleV1 - header.size()) / 4) {
    throw Error(ErrorKind::LimitExceeded,
                "cannot encode .npy: the file would be larger than the 2 GiB limit");
  }
  std::vector<std::byte> bytes;
  bytes.reserve(kPreambleV1 + header.size());
  const auto put = [&](std::uint64_t word, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) bytes.push_back(static_cast<std::byte>(word >> (8 * i)));
  };
  for (char c : kMagic) put(static_cast<unsigned char>(c), 1);
  put(1, 1);  // version 1.0
  put(0, 1);
  put(header.size(), 2);
  for (char c : header) put(static_cast<unsigned char>(c), 1);
  return bytes;
}

std::vector<std::byte> encodeFloat32(std::span<const std::size_t> shape,
                                     std::span<const float> values) {
  std::vector<std::byte> bytes = encodeFloat32Header(shape, values.size());
  bytes.reserve(bytes.size() + values.size() * 4);
  for (float value : values) {
    const std::uint32_t word = std::bit_cast<std::uint32_t>(value);
    for (std::size_t i = 0; i < 4; ++i) bytes.push_back(static_cast<std::byte>(word >> (8 * i)));
  }
  return bytes;
}

void writeFloat32(const std::filesystem::path& path, std::span<const std::size_t> shape,
                  std::span<const float> values) {
  writeFileBytes(path, encodeFloat32(shape, values));
}

}  // namespace attnscope::npy
