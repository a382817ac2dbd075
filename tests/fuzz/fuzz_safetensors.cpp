// The .safetensors parser on arbitrary bytes: parse, list, load every tensor, and read the
// attention weights from it. Returning or throwing attnscope::Error is fine; any other exception,
// a sanitizer report or a broken invariant is a bug.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/safetensors.h"
#include "core/weights.h"
#include "tests/fuzz/fuzz_check.h"

namespace attnscope::fuzz {
namespace {

// Bytes per element of the dtypes loadFloat32 converts.
std::optional<std::size_t> convertedSize(const std::string& dtype) {
  if (dtype == "F32") return 4;
  if (dtype == "F64") return 8;
  if (dtype == "F16" || dtype == "BF16") return 2;
  return std::nullopt;
}

// Issue 20, point 9: what parses has tensors that tile the data buffer (no overlap, no alias, no
// gap) and a header with no NUL byte.
void checkStrict(const SafetensorsFile& file, std::span<const std::byte> bytes) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const std::string& name : file.names()) {
    ranges.emplace_back(file.find(name)->dataBegin, file.find(name)->dataEnd);
  }
  std::sort(ranges.begin(), ranges.end());
  std::size_t covered = 0;
  for (const auto& [begin, end] : ranges) {
    check(begin == covered, "tensors neither overlap nor leave gaps");
    covered = end;
  }
  std::uint64_t headerBytes = 0;
  for (int i = 7; i >= 0; --i)
    headerBytes = headerBytes << 8 | std::to_integer<std::uint64_t>(bytes[i]);
  check(covered == bytes.size() - 8 - headerBytes, "tensors cover the whole data buffer");
  const auto header = bytes.subspan(8, headerBytes);
  check(std::find(header.begin(), header.end(), std::byte{0}) == header.end(),
        "a header with a NUL byte is refused");
}

void loadEveryTensor(const SafetensorsFile& file) {
  for (const std::string& name : file.names()) {
    const TensorInfo* info = file.find(name);
    check(info != nullptr, "every listed name is found");
    check(info->dataBegin <= info->dataEnd, "data offsets are ordered");
    std::vector<float> values;
    try {
      values = file.loadFloat32(name);
    } catch (const Error& error) {
      // F64 beyond float32's range is refused by name rather than becoming an infinity.
      const bool tooLarge =
          info->dtype == "F64" &&
          std::string_view(error.what()).find("too large for float32") != std::string_view::npos;
      check(!convertedSize(info->dtype) || tooLarge, "a float tensor of a parsed file loads");
      continue;
    }
    const std::optional<std::size_t> itemBytes = convertedSize(info->dtype);
    check(itemBytes && values.size() * *itemBytes == info->dataEnd - info->dataBegin,
          "a loaded tensor fills its data range");
  }
}

}  // namespace
}  // namespace attnscope::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto* begin = reinterpret_cast<const std::byte*>(data);
  try {
    const attnscope::SafetensorsFile file =
        attnscope::SafetensorsFile::parse(std::vector<std::byte>(begin, begin + size), "fuzz");
    attnscope::fuzz::checkStrict(file, {begin, size});
    attnscope::fuzz::loadEveryTensor(file);
    attnscope::weightsFromSafetensors(file, "fuzz.safetensors");
  } catch (const attnscope::Error& error) {
    attnscope::fuzz::checkMessage(error);
  }
  return 0;
}
