#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// Reading .safetensors files (the weights format of PyTorch and Hugging Face): the header parsed
// and checked against the buffer, tensors converted to float32.
namespace attnscope {

struct TensorInfo {
  std::string dtype;  // as written, e.g. "F32"; may be one loadFloat32 cannot convert
  std::vector<std::size_t> shape;
  // Byte range within the data buffer that follows the header, as in the file's data_offsets.
  std::size_t dataBegin = 0;
  std::size_t dataEnd = 0;
};

// A .safetensors file held in memory: an 8-byte little-endian header length, a JSON header
// describing each tensor, then the little-endian data buffer. Every tensor's byte range is
// validated when the file is parsed, so later loads cannot read outside the buffer. Throws
// attnscope::Error (InvalidData, LimitExceeded or Io) with the display name in front.
class SafetensorsFile {
 public:
  static constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{4} << 30;  // 4 GiB
  static constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;  // as the reference implementation
  // Far more than any model AttnScope can show; counted before the header becomes a tree.
  static constexpr std::size_t kMaxTensors = 65'536;

  static SafetensorsFile parse(std::vector<std::byte> bytes, std::string displayName);
  static SafetensorsFile read(const std::filesystem::path& path);

  std::vector<std::string> names() const;               // sorted, excluding __metadata__
  const TensorInfo* find(std::string_view name) const;  // nullptr if absent

  // Converts F32, F64, F16 (IEEE half incl. subnormals, inf, nan) and BF16 to float32, in the
  // file's (C) order. Throws InvalidData naming the dtype for any other, or if there is no such
  // tensor.
  std::vector<float> loadFloat32(std::string_view name) const;

 private:
  SafetensorsFile(std::vector<std::byte> bytes, std::string displayName, std::size_t dataStart);

  std::vector<std::byte> m_bytes;
  std::string m_displayName;
  std::size_t m_dataStart;  // where the data buffer begins in m_bytes
  std::map<std::string, TensorInfo, std::less<>> m_tensors;
};

}  // namespace attnscope
