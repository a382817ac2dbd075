// The .npy parsers on arbitrary bytes. Returning or throwing attnscope::Error is fine; any other
// exception, a sanitizer report or a broken invariant is a bug.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <numeric>
#include <span>
#include <vector>

#include "core/error.h"
#include "core/npy.h"
#include "tests/fuzz/fuzz_check.h"

namespace attnscope::fuzz {
namespace {

// Accepted shapes fit in size_t, except beside a zero dimension, which makes even a wrapped
// (unsigned) product 0.
std::size_t product(std::span<const std::size_t> shape) {
  return std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
}

void floatArray(std::span<const std::byte> bytes) {
  npy::FloatArray array;
  try {
    array = npy::parseFloatArray(bytes, "fuzz.npy");
  } catch (const Error& error) {
    checkMessage(error);
    return;
  }
  check(array.values.size() == product(array.shape), "float values fill the shape");
  // What we write, we read back bit for bit (NaN payloads included).
  std::vector<std::byte> encoded;
  try {
    encoded = npy::encodeFloat32(array.shape, array.values);
  } catch (const Error& error) {
    // A version 2 or 3 header can describe more dimensions than version 1 has room for.
    check(error.kind() == ErrorKind::LimitExceeded, "encoding fails only on a limit");
    return;
  }
  const npy::FloatArray again = npy::parseFloatArray(encoded, "again.npy");
  check(again.shape == array.shape, "re-encoded shape");
  for (std::size_t i = 0; i < array.values.size(); ++i) {
    check(std::bit_cast<std::uint32_t>(again.values[i]) ==
              std::bit_cast<std::uint32_t>(array.values[i]),
          "re-encoded values are bit-identical");
  }
}

void maskArray(std::span<const std::byte> bytes) {
  npy::MaskArray mask;
  try {
    mask = npy::parseMaskArray(bytes, "fuzz.npy");
  } catch (const Error& error) {
    checkMessage(error);
    return;
  }
  check(mask.keep.size() == product(mask.shape), "mask cells fill the shape");
  for (std::uint8_t keep : mask.keep) check(keep <= 1, "mask cells are 0 or 1");
}

}  // namespace
}  // namespace attnscope::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span bytes(reinterpret_cast<const std::byte*>(data), size);
  attnscope::fuzz::floatArray(bytes);
  attnscope::fuzz::maskArray(bytes);
  return 0;
}
