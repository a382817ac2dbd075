#include "core/safetensors.h"

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

namespace attnscope {
namespace {

using Bytes = std::vector<std::byte>;

// 8-byte little-endian header length, the header text, then the data buffer.
Bytes safetensorsFile(std::string_view header, const Bytes& data = {}) {
  Bytes file;
  for (std::size_t i = 0; i < 8; ++i) file.push_back(std::byte((header.size() >> (8 * i)) & 0xFF));
  for (char c : header) file.push_back(std::byte(c));
  file.insert(file.end(), data.begin(), data.end());
  return file;
}

template <typename T>
Bytes littleEndian(std::initializer_list<T> values) {
  static_assert(std::endian::native == std::endian::little,
                "test data assumes a little-endian host");
  Bytes data;
  for (T value : values) {
    std::byte raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    data.insert(data.end(), raw, raw + sizeof(T));
  }
  return data;
}

std::string entry(std::string_view dtype, std::string_view shape, std::size_t begin,
                  std::size_t end) {
  return "{\"dtype\": \"" + std::string(dtype) + "\", \"shape\": " + std::string(shape) +
         ", \"data_offsets\": [" + std::to_string(begin) + ", " + std::to_string(end) + "]}";
}

// One tensor "t" covering all of data.
Bytes single(std::string_view dtype, std::string_view shape, const Bytes& data) {
  return safetensorsFile("{\"t\": " + entry(dtype, shape, 0, data.size()) + "}", data);
}

SafetensorsFile parse(const Bytes& file) { return SafetensorsFile::parse(file, "w.safetensors"); }

std::vector<std::uint32_t> bitsOf(const std::vector<float>& values) {
  std::vector<std::uint32_t> bits;
  for (float v : values) bits.push_back(std::bit_cast<std::uint32_t>(v));
  return bits;
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
  return throwsError([&] { parse(file); }, ErrorKind::InvalidData, fragments);
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

constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(Safetensors, LoadsFloat32Exactly) {
  const std::vector<float> values{1.5f, -0.0f, kInf, 1e-45f};
  const SafetensorsFile file =
      parse(single("F32", "[2, 2]", littleEndian<float>({1.5f, -0.0f, kInf, 1e-45f})));
  EXPECT_EQ(bitsOf(file.loadFloat32("t")), bitsOf(values));
  ASSERT_NE(file.find("t"), nullptr);
  EXPECT_EQ(file.find("t")->shape, (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(file.find("t")->dtype, "F32");
}

TEST(Safetensors, LoadsFloat64RoundedToFloat32) {
  const SafetensorsFile file = parse(single(
      "F64", "[3]", littleEndian<double>({0.1, -std::numeric_limits<double>::infinity(), -0.0})));
  EXPECT_EQ(bitsOf(file.loadFloat32("t")), bitsOf({0.1f, -kInf, -0.0f}));
  // A finite value beyond float32's range would become an infinity: refused by name instead
  // (issue 20, point 10).
  const SafetensorsFile huge =
      parse(single("F64", "[3]", littleEndian<double>({0.1, -1e300, -0.0})));
  try {
    huge.loadFloat32("t");
    FAIL() << "-1e300 was accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what())
                  .find("'t': value -1e+300 at index 1 is too large for "
                        "float32"),
              std::string::npos)
        << error.what();
  }
}

TEST(Safetensors, LoadsFloat16IncludingSubnormalsInfinitiesAndNaN) {
  const SafetensorsFile file =
      parse(single("F16", "[9]",
                   littleEndian<std::uint16_t>(
                       {0x3C00, 0xC000, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0xFC00, 0x8000, 0x7E00})));
  const std::vector<float> values = file.loadFloat32("t");
  ASSERT_EQ(values.size(), 9u);
  EXPECT_EQ(values[0], 1.0f);
  EXPECT_EQ(values[1], -2.0f);
  EXPECT_EQ(values[2], std::ldexp(1.0f, -24));     // smallest subnormal
  EXPECT_EQ(values[3], std::ldexp(1023.0f, -24));  // largest subnormal
  EXPECT_EQ(values[4], std::ldexp(1.0f, -14));     // smallest normal
  EXPECT_EQ(values[5], 65504.0f);                  // largest finite
  EXPECT_EQ(values[6], -kInf);
  EXPECT_EQ(std::bit_cast<std::uint32_t>(values[7]), 0x80000000u);  // -0
  EXPECT_TRUE(std::isnan(values[8]));
}

TEST(Safetensors, LoadsBFloat16) {
  const SafetensorsFile file =
      parse(single("BF16", "[6]",
                   littleEndian<std::uint16_t>({0x3F80, 0xC0A0, 0x8000, 0x7F80, 0x7FC0, 0x0001})));
  const std::vector<float> values = file.loadFloat32("t");
  EXPECT_EQ(values[0], 1.0f);
  EXPECT_EQ(values[1], -5.0f);
  EXPECT_EQ(std::bit_cast<std::uint32_t>(values[2]), 0x80000000u);
  EXPECT_EQ(values[3], kInf);
  EXPECT_TRUE(std::isnan(values[4]));
  EXPECT_EQ(std::bit_cast<std::uint32_t>(values[5]), 0x00010000u);  // subnormal
}

TEST(Safetensors, OtherDtypesAreRefusedByNameWhenLoaded) {
  const SafetensorsFile file =
      parse(safetensorsFile("{\"ids\": " + entry("I64", "[1]", 0, 8) +
                                ", \"new\": " + entry("F4_FUTURE", "[7]", 8, 9) + "}",
                            Bytes(9)));
  EXPECT_TRUE(throwsError([&] { file.loadFloat32("ids"); }, ErrorKind::InvalidData,
                          {"w.safetensors: ", "'ids'", "I64", "F32, F64, F16 and BF16"}));
  EXPECT_TRUE(throwsError([&] { file.loadFloat32("new"); }, ErrorKind::InvalidData, {"F4_FUTURE"}));
}

TEST(Safetensors, NamesAreSortedWithoutMetadataAndMissingTensorsAreAbsent) {
  const Bytes data = littleEndian<float>({1, 2});
  const SafetensorsFile file = parse(safetensorsFile(
      "{\"__metadata__\": {\"format\": \"pt\"}, \"b\": " + entry("F32", "[1]", 4, 8) +
          ", \"a\": " + entry("F32", "[]", 0, 4) + "}   ",
      data));
  EXPECT_EQ(file.names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(file.find("missing"), nullptr);
  EXPECT_EQ(file.find("__metadata__"), nullptr);
  EXPECT_EQ(file.loadFloat32("a"), (std::vector<float>{1}));
  EXPECT_EQ(file.loadFloat32("b"), (std::vector<float>{2}));
  EXPECT_TRUE(
      throwsError([&] { file.loadFloat32("missing"); }, ErrorKind::InvalidData, {"'missing'"}));
}

TEST(Safetensors, EmptyTensorsLoadAsEmpty) {
  const SafetensorsFile file = parse(single("F32", "[0, 5]", {}));
  EXPECT_TRUE(file.loadFloat32("t").empty());
}

TEST(Safetensors, RejectsBadHeaderLengths) {
  EXPECT_TRUE(invalid(Bytes(7), {"too short"}));
  Bytes file = single("F32", "[1]", littleEndian<float>({1}));
  file[1] = std::byte{1};  // header length + 256: past the end
  EXPECT_TRUE(invalid(file, {"w.safetensors: ", "runs past the end"}));
  file[3] = std::byte{0x10};  // about 268 MB
  EXPECT_TRUE(throwsError([&] { parse(file); }, ErrorKind::LimitExceeded, {"100 MB"}));
  std::fill(file.begin(), file.begin() + 8, std::byte{0xFF});
  EXPECT_TRUE(throwsError([&] { parse(file); }, ErrorKind::LimitExceeded, {"100 MB"}));
}

TEST(Safetensors, RejectsInvalidJsonAndNonObjectHeaders) {
  EXPECT_TRUE(invalid(safetensorsFile("{\"t\": "), {"not valid JSON"}));
  EXPECT_TRUE(invalid(safetensorsFile("{\"t\": {}} trailing"), {"not valid JSON"}));
  EXPECT_TRUE(invalid(safetensorsFile("\"\xff\""), {"not valid JSON"}));
  EXPECT_TRUE(invalid(safetensorsFile("[]"), {"not a JSON object"}));
  EXPECT_TRUE(invalid(safetensorsFile("{\"t\": 3}"), {"tensor 't'", "not a JSON object"}));
}

TEST(Safetensors, RejectsDeepNestingWithoutRecursing) {
  EXPECT_TRUE(invalid(safetensorsFile(std::string(1'000'000, '[') + std::string(1'000'000, ']')),
                      {"nested"}));
  EXPECT_TRUE(invalid(single("F32", "[[1]]", littleEndian<float>({1})), {"nested"}));
}

TEST(Safetensors, RejectsMissingOrMistypedFields) {
  EXPECT_TRUE(invalid(safetensorsFile("{\"t\": {\"shape\": [], \"data_offsets\": [0, 0]}}"),
                      {"tensor 't' has no 'dtype'"}));
  EXPECT_TRUE(invalid(safetensorsFile("{\"t\": {\"dtype\": \"F32\", \"data_offsets\": [0, 0]}}"),
                      {"no 'shape'"}));
  EXPECT_TRUE(invalid(safetensorsFile("{\"t\": {\"dtype\": \"F32\", \"shape\": []}}"),
                      {"no 'data_offsets'"}));
  EXPECT_TRUE(
      invalid(safetensorsFile("{\"t\": {\"dtype\": 3, \"shape\": [], \"data_offsets\": [0, 0]}}"),
              {"'dtype' that is not a string"}));
  for (const char* shape : {"3", "\"[2]\"", "[-1]", "[2.0]", "[null]", "{}"}) {
    EXPECT_TRUE(invalid(single("F32", shape, Bytes(8)), {"'shape' that is not an array"})) << shape;
  }
  for (const char* offsets : {"[0]", "[0, 4, 8]", "[0, -4]", "\"0, 4\"", "[0, 4.0]"}) {
    EXPECT_TRUE(invalid(safetensorsFile(std::string("{\"t\": {\"dtype\": \"F32\", \"shape\": [1], "
                                                    "\"data_offsets\": ") +
                                            offsets + "}}",
                                        Bytes(8)),
                        {"'data_offsets' that are not two"}))
        << offsets;
  }
  EXPECT_TRUE(invalid(safetensorsFile("{\"__metadata__\": {\"n\": 3}}"), {"'__metadata__'"}));
  EXPECT_TRUE(invalid(safetensorsFile("{\"__metadata__\": []}"), {"'__metadata__'"}));
}

TEST(Safetensors, RejectsOffsetsOutsideTheBufferOrBackwards) {
  EXPECT_TRUE(invalid(safetensorsFile("{\"t\": " + entry("F32", "[1]", 4, 8) + "}", Bytes(4)),
                      {"[4, 8]", "beyond the end of the 4-byte data buffer"}));
  EXPECT_TRUE(invalid(safetensorsFile("{\"t\": " + entry("F32", "[1]", 8, 4) + "}", Bytes(8)),
                      {"[8, 4]", "end before they begin"}));
  EXPECT_TRUE(
      invalid(safetensorsFile("{\"t\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": "
                              "[0, 18446744073709551615]}}",
                              Bytes(4)),
              {"beyond the end"}));
}

TEST(Safetensors, RejectsSizesThatDisagreeWithTheShape) {
  EXPECT_TRUE(invalid(single("F32", "[2, 3]", Bytes(20)),
                      {"shape (2, 3)", "F32", "24 bytes", "span 20 bytes"}));
  EXPECT_TRUE(invalid(single("BF16", "[2]", Bytes(8)), {"4 bytes", "span 8 bytes"}));
  EXPECT_TRUE(
      invalid(single("F32", "[1099511627776, 1099511627776]", Bytes(4)), {"too many elements"}));
  EXPECT_TRUE(invalid(single("F64", "[4611686018427387904]", Bytes(8)), {"too many elements"}));
  EXPECT_TRUE(invalid(single("F32", "[18446744073709551616]", Bytes(4)), {"not an array"}));
}

TEST(Safetensors, EveryTruncationAndByteFlipThrowsOnlyError) {
  const Bytes data = littleEndian<float>({1, 2, 3, 4, 5, 6});
  const Bytes file =
      safetensorsFile("{\"__metadata__\": {\"k\": \"v\"}, \"a\": " + entry("F32", "[2, 2]", 0, 16) +
                          ", \"b\": " + entry("F16", "[4]", 16, 24) + "}",
                      data);
  ASSERT_NO_THROW(parse(file));
  for (std::size_t length = 0; length < file.size(); ++length) {
    EXPECT_THROW(parse(Bytes(file.begin(), file.begin() + length)), Error) << "length " << length;
  }
  std::mt19937 random(2024);
  std::uniform_int_distribution<int> flip(1, 255);
  for (std::size_t position = 0; position < file.size(); ++position) {
    for (int round = 0; round < 8; ++round) {
      Bytes damaged = file;
      damaged[position] ^= std::byte(flip(random));
      EXPECT_TRUE(onlyErrorEscapes([&] {
        const SafetensorsFile parsed = parse(damaged);
        for (const std::string& name : parsed.names()) parsed.loadFloat32(name);
      })) << "position "
          << position;
    }
  }
}

TEST(Safetensors, ReadsFromDiskAndReportsMissingFiles) {
  const std::filesystem::path path =
      std::filesystem::path(testing::TempDir()) / "safetensors_read_test.safetensors";
  const Bytes file = single("F32", "[1]", littleEndian<float>({4}));
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(file.data()), file.size());
  EXPECT_EQ(SafetensorsFile::read(path).loadFloat32("t"), (std::vector<float>{4}));
  std::filesystem::remove(path);
  EXPECT_TRUE(throwsError([&] { SafetensorsFile::read(path); }, ErrorKind::Io, {"No such file"}));
}

}  // namespace
}  // namespace attnscope
