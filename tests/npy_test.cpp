#include "core/npy.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <string>

#include "core/error.h"

namespace attnscope::npy {
namespace {

using Bytes = std::vector<std::byte>;

// Builds a .npy file from a literal header, as a hand-written or foreign writer would.
Bytes npyFile(std::string_view header, const Bytes& data = {}, unsigned major = 1) {
  Bytes file;
  for (char c : std::string_view("\x93NUMPY")) file.push_back(std::byte(c));
  file.push_back(std::byte(major));
  file.push_back(std::byte{0});
  for (std::size_t i = 0; i < (major == 1 ? 2u : 4u); ++i) {
    file.push_back(std::byte((header.size() >> (8 * i)) & 0xFF));
  }
  for (char c : header) file.push_back(std::byte(c));
  file.insert(file.end(), data.begin(), data.end());
  return file;
}

template <typename T>
Bytes encodeValues(std::initializer_list<T> values, bool bigEndian = false) {
  Bytes data;
  for (T value : values) {
    std::byte raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    if (bigEndian == (std::endian::native == std::endian::little)) {
      std::reverse(raw, raw + sizeof(T));
    }
    data.insert(data.end(), raw, raw + sizeof(T));
  }
  return data;
}

std::string header(std::string_view descr, std::string_view shape, bool fortran = false) {
  return "{'descr': '" + std::string(descr) +
         "', 'fortran_order': " + (fortran ? "True" : "False") +
         ", 'shape': " + std::string(shape) + ", }\n";
}

testing::AssertionResult throwsError(const std::function<void()>& fn, ErrorKind kind,
                                     std::initializer_list<std::string_view> fragments) {
  try {
    fn();
  } catch (const Error& e) {
    if (e.kind() != kind) return testing::AssertionFailure() << "wrong kind: " << e.what();
    for (std::string_view fragment : fragments) {
      if (std::string_view(e.what()).find(fragment) == std::string_view::npos) {
        return testing::AssertionFailure() << "'" << fragment << "' not in: " << e.what();
      }
    }
    return testing::AssertionSuccess();
  }
  return testing::AssertionFailure() << "no attnscope::Error was thrown";
}

testing::AssertionResult invalid(const Bytes& file,
                                 std::initializer_list<std::string_view> fragments) {
  return throwsError([&] { parseFloatArray(file, "a.npy"); }, ErrorKind::InvalidData, fragments);
}

// Returning normally or throwing attnscope::Error are both fine; anything else escaping is a bug.
testing::AssertionResult onlyErrorEscapes(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error&) {
  } catch (const std::exception& e) {
    return testing::AssertionFailure() << "threw a non-Error exception: " << e.what();
  } catch (...) {
    return testing::AssertionFailure() << "threw a non-exception";
  }
  return testing::AssertionSuccess();
}

std::vector<std::uint32_t> bitsOf(const std::vector<float>& values) {
  std::vector<std::uint32_t> bits;
  for (float v : values) bits.push_back(std::bit_cast<std::uint32_t>(v));
  return bits;
}

TEST(Npy, EncodeThenParseRoundTripsShapeAndExactBits) {
  const std::vector<std::size_t> shape{2, 3};
  const std::vector<float> values{1.5f,
                                  -0.0f,
                                  std::numeric_limits<float>::infinity(),
                                  std::numeric_limits<float>::quiet_NaN(),
                                  1e-45f,
                                  -3.25f};
  const Bytes file = encodeFloat32(shape, values);
  EXPECT_EQ(file[6], std::byte{1});                       // version 1.0
  EXPECT_EQ((file.size() - values.size() * 4) % 64, 0u);  // data aligned to 64
  const FloatArray array = parseFloatArray(file, "a.npy");
  EXPECT_EQ(array.shape, shape);
  EXPECT_EQ(bitsOf(array.values), bitsOf(values));
}

TEST(Npy, EncodeThenParseRoundTripsScalarAndVectorShapes) {
  for (const std::vector<std::size_t>& shape : {std::vector<std::size_t>{}, {3}, {0, 4}}) {
    const std::vector<float> values(
        shape.empty() ? 1 : shape[0] * (shape.size() > 1 ? shape[1] : 1), 2.0f);
    const FloatArray array = parseFloatArray(encodeFloat32(shape, values), "a.npy");
    EXPECT_EQ(array.shape, shape);
    EXPECT_EQ(array.values, values);
  }
}

TEST(Npy, EncodeRejectsShapeThatDoesNotMatchValueCount) {
  const std::vector<std::size_t> shape{2, 2};
  const std::vector<float> values(3, 0.0f);
  EXPECT_TRUE(throwsError([&] { encodeFloat32(shape, values); }, ErrorKind::InvalidArgument,
                          {"(2, 2)", "3 values"}));
}

TEST(Npy, Float64IsRoundedToFloat32) {
  const FloatArray array = parseFloatArray(
      npyFile(header("<f8", "(3,)"),
              encodeValues<double>({0.1, -2.5, std::numeric_limits<double>::infinity()})),
      "a.npy");
  EXPECT_EQ(array.shape, (std::vector<std::size_t>{3}));
  EXPECT_EQ(array.values[0], 0.1f);
  EXPECT_EQ(array.values[1], -2.5f);
  EXPECT_EQ(array.values[2], std::numeric_limits<float>::infinity());
  // A finite 1e300 would become an infinity too: it is refused as too large (issue 20, point 10).
  EXPECT_TRUE(throwsError(
      [] {
        parseFloatArray(npyFile(header("<f8", "(3,)"), encodeValues<double>({0.1, -2.5, 1e300})),
                        "a.npy");
      },
      ErrorKind::InvalidData, {"a.npy: value 1e+300 at index 2 is too large for float32"}));
}

TEST(Npy, BigEndianFloat32AndFloat64AreByteSwapped) {
  EXPECT_EQ(parseFloatArray(
                npyFile(header(">f4", "(2,)"), encodeValues<float>({1.0f, -7.5f}, true)), "a.npy")
                .values,
            (std::vector<float>{1.0f, -7.5f}));
  EXPECT_EQ(
      parseFloatArray(npyFile(header(">f8", "(1,)"), encodeValues<double>({0.5}, true)), "a.npy")
          .values,
      (std::vector<float>{0.5f}));
}

TEST(Npy, FortranOrderIsTransposedToCOrder) {
  // [[1, 2, 3], [4, 5, 6]] stored column by column.
  const Bytes data = encodeValues<float>({1, 4, 2, 5, 3, 6});
  const FloatArray array = parseFloatArray(npyFile(header("<f4", "(2, 3)", true), data), "a.npy");
  EXPECT_EQ(array.shape, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(array.values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(Npy, FortranOrderIsTransposedInThreeDimensions) {
  // Element (i, j, k) of a 2x3x4 array sits at i + 2j + 6k in Fortran order; store its C index.
  std::vector<float> fortran(24);
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) {
      for (int k = 0; k < 4; ++k) fortran[i + 2 * j + 6 * k] = float(i * 12 + j * 4 + k);
    }
  }
  Bytes data;
  for (float v : fortran) {
    const Bytes one = encodeValues<float>({v});
    data.insert(data.end(), one.begin(), one.end());
  }
  const FloatArray array =
      parseFloatArray(npyFile(header("<f4", "(2, 3, 4)", true), data), "a.npy");
  for (std::size_t c = 0; c < 24; ++c) EXPECT_EQ(array.values[c], float(c)) << "at " << c;
}

TEST(Npy, Version2And3HeadersAreRead) {
  for (unsigned major : {2u, 3u}) {
    const FloatArray array = parseFloatArray(
        npyFile(header("<f4", "(2,)"), encodeValues<float>({3, 4}), major), "a.npy");
    EXPECT_EQ(array.values, (std::vector<float>{3, 4})) << "version " << major;
  }
}

TEST(Npy, HeaderAcceptsAnyKeyOrderQuotesWhitespaceAndPython2Longs) {
  const std::string text = "{ \"shape\" :( 2L ,1 ) ,'fortran_order':False,\t'descr' : '<f4'}  \n";
  const FloatArray array = parseFloatArray(npyFile(text, encodeValues<float>({1, 2})), "a.npy");
  EXPECT_EQ(array.shape, (std::vector<std::size_t>{2, 1}));
}

TEST(Npy, EmptyTupleIsAScalar) {
  const FloatArray array =
      parseFloatArray(npyFile(header("<f4", "()"), encodeValues<float>({9})), "a.npy");
  EXPECT_TRUE(array.shape.empty());
  EXPECT_EQ(array.values, (std::vector<float>{9}));
}

TEST(Npy, MaskKeepsNonZeroValuesOfEveryDtype) {
  struct Case {
    std::string descr;
    Bytes data;
    std::vector<std::uint8_t> keep;
  };
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<Case> cases = {
      {"|b1", encodeValues<std::uint8_t>({0, 1, 2}), {0, 1, 1}},
      {"|i1", encodeValues<std::int8_t>({0, -1, -128}), {0, 1, 1}},
      {"|u1", encodeValues<std::uint8_t>({255, 0, 0}), {1, 0, 0}},
      {"<u2", encodeValues<std::uint16_t>({0, 256, 1}), {0, 1, 1}},
      {">i2", encodeValues<std::int16_t>({-32768, 0, 1}, true), {1, 0, 1}},
      {"<i4", encodeValues<std::int32_t>({0, 0, 1 << 30}), {0, 0, 1}},
      {">u4", encodeValues<std::uint32_t>({1u << 31, 0, 0}, true), {1, 0, 0}},
      {"<i8", encodeValues<std::int64_t>({std::int64_t{1} << 40, 0, -1}), {1, 0, 1}},
      {">u8", encodeValues<std::uint64_t>({0, 1, 0}, true), {0, 1, 0}},
      // float16 bits: -0, NaN, smallest subnormal.
      {"<f2", encodeValues<std::uint16_t>({0x8000, 0x7E00, 0x0001}), {0, 1, 1}},
      {">f4", encodeValues<float>({-0.0f, nan, 1e-45f}, true), {0, 1, 1}},
      {"<f8", encodeValues<double>({0.0, -std::nan(""), -1e-300}), {0, 1, 1}},
  };
  for (const Case& c : cases) {
    const MaskArray mask = parseMaskArray(npyFile(header(c.descr, "(3,)"), c.data), "m.npy");
    EXPECT_EQ(mask.shape, (std::vector<std::size_t>{3})) << c.descr;
    EXPECT_EQ(mask.keep, c.keep) << c.descr;
  }
}

TEST(Npy, MaskInFortranOrderIsTransposed) {
  const Bytes data = encodeValues<std::uint8_t>({1, 0, 0, 0, 1, 1});  // [[1, 0, 1], [0, 0, 1]]
  const MaskArray mask = parseMaskArray(npyFile(header("|b1", "(2, 3)", true), data), "m.npy");
  EXPECT_EQ(mask.keep, (std::vector<std::uint8_t>{1, 0, 1, 0, 0, 1}));
}

TEST(Npy, FloatArrayRejectsNonFloatDtypes) {
  EXPECT_TRUE(invalid(npyFile(header("<i4", "(1,)"), encodeValues<std::int32_t>({1})),
                      {"a.npy: ", "'<i4'", "float32"}));
  EXPECT_TRUE(invalid(npyFile(header("<f2", "(1,)"), encodeValues<std::uint16_t>({1})), {"'<f2'"}));
}

TEST(Npy, RejectsBadMagicAndUnsupportedVersion) {
  Bytes file = encodeFloat32(std::vector<std::size_t>{1}, std::vector<float>{1});
  Bytes badMagic = file;
  badMagic[1] = std::byte{'X'};
  EXPECT_TRUE(invalid(badMagic, {"a.npy: ", "bad magic"}));
  EXPECT_TRUE(invalid(Bytes(file.begin(), file.begin() + 4), {"bad magic"}));
  file[6] = std::byte{4};
  EXPECT_TRUE(invalid(file, {"version 4.0"}));
}

TEST(Npy, RejectsTruncatedHeaderAndHeaderLengthPastTheEnd) {
  const Bytes file = npyFile(header("<f4", "(1,)"), encodeValues<float>({1}));
  EXPECT_TRUE(invalid(Bytes(file.begin(), file.begin() + 9), {"preamble"}));
  EXPECT_TRUE(invalid(Bytes(file.begin(), file.begin() + 30), {"runs past the end"}));
  Bytes longLength = file;
  longLength[8] = longLength[9] = std::byte{0xFF};
  EXPECT_TRUE(invalid(longLength, {"header length 65535", "runs past the end"}));
}

TEST(Npy, RejectsTruncatedDataAndTrailingBytesSayingHowMany) {
  const Bytes data = encodeValues<float>({1, 2, 3, 4, 5, 6});
  EXPECT_TRUE(invalid(npyFile(header("<f4", "(2, 3)"), Bytes(data.begin(), data.end() - 4)),
                      {"(2, 3)", "needs 24 bytes", "20 bytes are present"}));
  Bytes longer = data;
  longer.resize(data.size() + 4);
  EXPECT_TRUE(invalid(npyFile(header("<f4", "(2, 3)"), longer), {"needs 24 bytes", "28 bytes"}));
}

TEST(Npy, RejectsShapesWhoseElementCountOverflows) {
  EXPECT_TRUE(
      invalid(npyFile(header("<f4", "(1099511627776, 1099511627776)")), {"too many elements"}));
  EXPECT_TRUE(invalid(npyFile(header("<f8", "(4611686018427387904,)")), {"too many elements"}));
  EXPECT_TRUE(invalid(npyFile(header("<f4", "(99999999999999999999999,)")), {"too large"}));
}

TEST(Npy, RejectsUnsupportedDtypesByName) {
  EXPECT_TRUE(invalid(npyFile(header("|O", "(1,)")), {"'|O'", "Python objects"}));
  EXPECT_TRUE(invalid(npyFile(header("<c8", "(1,)")), {"'<c8'", "complex"}));
  EXPECT_TRUE(invalid(npyFile(header("<U3", "(1,)")), {"Unicode strings"}));
  EXPECT_TRUE(invalid(npyFile("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,)}"),
                      {"structured"}));
  EXPECT_TRUE(throwsError([] { parseMaskArray(npyFile(header("|f4", "(1,)")), "m.npy"); },
                          ErrorKind::InvalidData, {"m.npy: ", "'|f4'"}));
}

TEST(Npy, RejectsMalformedHeaders) {
  EXPECT_TRUE(invalid(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)"),
                      {"header ends early", "'}'"}));
  EXPECT_TRUE(invalid(npyFile("{'descr': '<f4', 'fortran_order': False}"), {"no 'shape'"}));
  EXPECT_TRUE(invalid(npyFile("{'descr': '<f4', 'fortran_order': false, 'shape': (1,)}"),
                      {"True or False"}));
  EXPECT_TRUE(invalid(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1)}"), {"','"}));
  EXPECT_TRUE(invalid(npyFile("{'descr': '<f4', 'descr': '<f4', 'shape': (1,)}"), {"repeated"}));
  EXPECT_TRUE(invalid(npyFile(header("<f4", "(1,)") + "x"), {"end of the header"}));
  EXPECT_TRUE(invalid(npyFile("{'descr: '<f4'}"), {"malformed header"}));
}

TEST(Npy, MessagesClipLongHeaderTextAtACharacterBoundary) {
  // Three-byte characters: a cut at exactly 40 bytes would split the fourteenth in two.
  std::string key;
  for (int i = 0; i < 30; ++i) key += "注";
  const std::string shown = "'" + key.substr(0, 39) + "...'";
  EXPECT_TRUE(invalid(npyFile("{'" + key + "': 1}"), {"unexpected or repeated key", shown}));
}

TEST(Npy, EveryTruncationAndByteFlipThrowsOnlyError) {
  const std::vector<std::size_t> shape{2, 3};
  const Bytes file = encodeFloat32(shape, std::vector<float>{1, 2, 3, 4, 5, 6});
  for (std::size_t length = 0; length < file.size(); ++length) {
    const Bytes cut(file.begin(), file.begin() + length);
    EXPECT_THROW(parseFloatArray(cut, "a.npy"), Error) << "length " << length;
    EXPECT_THROW(parseMaskArray(cut, "a.npy"), Error) << "length " << length;
  }
  std::mt19937 random(12345);
  std::uniform_int_distribution<int> flip(1, 255);
  for (std::size_t position = 0; position < file.size(); ++position) {
    for (int round = 0; round < 8; ++round) {
      Bytes damaged = file;
      damaged[position] ^= std::byte(flip(random));
      EXPECT_TRUE(onlyErrorEscapes([&] { parseFloatArray(damaged, "a.npy"); })) << position;
      EXPECT_TRUE(onlyErrorEscapes([&] { parseMaskArray(damaged, "a.npy"); })) << position;
    }
  }
}

TEST(Npy, WriteThenReadThroughAFile) {
  const std::filesystem::path path =
      std::filesystem::path(testing::TempDir()) / "npy_round_trip.npy";
  const std::vector<std::size_t> shape{2};
  writeFloat32(path, shape, std::vector<float>{0.25f, -8});
  const FloatArray array = readFloatArray(path);
  std::filesystem::remove(path);
  EXPECT_EQ(array.values, (std::vector<float>{0.25f, -8}));
}

TEST(Npy, ReadReportsMissingFilesAndOversizedFiles) {
  const std::filesystem::path dir(testing::TempDir());
  EXPECT_TRUE(throwsError([&] { readFloatArray(dir / "no_such_file.npy"); }, ErrorKind::Io,
                          {"no_such_file.npy", "No such file"}));
  EXPECT_TRUE(throwsError([&] { readMaskArray(dir); }, ErrorKind::Io, {"directory"}));
  // A sparse file just over the limit costs no disk space and must be refused before reading.
  const std::filesystem::path big = dir / "npy_too_big.npy";
  std::ofstream(big).close();
  std::filesystem::resize_file(big, kMaxFileBytes + 1);
  EXPECT_TRUE(throwsError([&] { readFloatArray(big); }, ErrorKind::LimitExceeded, {"2 GiB"}));
  std::filesystem::remove(big);
}

TEST(Npy, WriteReportsAFullDisk) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  const std::vector<std::size_t> shape{1};
  EXPECT_TRUE(throwsError([&] { writeFloat32("/dev/full", shape, std::vector<float>{1}); },
                          ErrorKind::Io, {"/dev/full", "No space left"}));
}

}  // namespace
}  // namespace attnscope::npy
