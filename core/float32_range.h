#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/error.h"

// Where the engine's float32 arithmetic meets values it cannot hold: float64 inputs beyond its
// range, and finite inputs whose products overflow it.
namespace attnscope {

// A float64 input rounded to float32 as the reference's .float() rounds it; a finite value
// beyond float32's range (about ±3.4e38), which would silently become an infinity, is
// Error(InvalidData) "<what>: value 1e+300 at index 7 is too large for float32 …" instead.
inline float narrowToFloat32(double value, std::size_t index, std::string_view what) {
  const auto rounded = static_cast<float>(value);
  if (std::isinf(rounded) && std::isfinite(value)) {
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.9g", value);
    throw Error(ErrorKind::InvalidData, std::string(what) + ": value " + shown + " at index " +
                                            std::to_string(index) +
                                            " is too large for float32 (at most ±3.4e38)");
  }
  return rounded;
}

// Whether `rows` rows of `cols` floats, `stride` apart, hold no NaN or infinity: those have
// every exponent bit set. An integer test the compiler vectorises, several times faster than
// std::isfinite on the baseline target; one pass, meant for data still in cache.
inline bool allFinite(const float* values, std::size_t rows, std::size_t cols, std::size_t stride) {
  std::uint32_t nonFinite = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const float* row = values + r * stride;
    for (std::size_t i = 0; i < cols; ++i) {
      const std::uint32_t exponent = std::bit_cast<std::uint32_t>(row[i]) & 0x7F800000u;
      nonFinite |= exponent == 0x7F800000u ? 1u : 0u;
    }
  }
  return nonFinite == 0;
}

inline bool allFinite(const float* values, std::size_t count) {
  return allFinite(values, 1, count, count);
}

}  // namespace attnscope
