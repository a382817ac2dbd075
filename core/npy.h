#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

// NumPy .npy files, format versions 1.0, 2.0 and 3.0. Every parser throws attnscope::Error
// (InvalidData, LimitExceeded or Io) for anything it cannot read, with the display name in front.
namespace attnscope::npy {

inline constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{2} << 30;  // 2 GiB

struct FloatArray {
  std::vector<std::size_t> shape;  // {} for a scalar
  std::vector<float> values;       // C order
};

struct MaskArray {
  std::vector<std::size_t> shape;
  std::vector<std::uint8_t> keep;  // C order, 1 = keep
};

// float32 or float64 ('<f4', '>f4', '<f8', '>f8'); float64 is rounded to float32, and a finite
// value beyond float32's range is an error ("too large for float32"), not an infinity.
// Fortran-order arrays are transposed to C order.
FloatArray parseFloatArray(std::span<const std::byte> bytes, std::string_view displayName);
FloatArray readFloatArray(const std::filesystem::path& path);

// Any numeric or bool dtype (b1, i1/u1, i2/u2, i4/u4, i8/u8, f2, f4, f8; either byte order);
// keep = value != 0, where NaN counts as non-zero and -0.0 as zero, as in PyTorch's `mask == 0`.
MaskArray parseMaskArray(std::span<const std::byte> bytes, std::string_view displayName);
MaskArray readMaskArray(const std::filesystem::path& path);

// Little-endian float32, C order, format version 1.0, header padded so the data starts at a
// multiple of 64. Throws InvalidArgument if the shape's element count differs from values.size()
// and LimitExceeded if the file would be larger than kMaxFileBytes (readers would refuse it).
std::vector<std::byte> encodeFloat32(std::span<const std::size_t> shape,
                                     std::span<const float> values);
// What encodeFloat32 writes before the values, for writers that stream the values themselves:
// the little-endian float32 bytes of `count` values must follow. Throws as encodeFloat32 does.
std::vector<std::byte> encodeFloat32Header(std::span<const std::size_t> shape, std::size_t count);
void writeFloat32(const std::filesystem::path& path, std::span<const std::size_t> shape,
                  std::span<const float> values);

}  // namespace attnscope::npy
