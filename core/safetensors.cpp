#include "core/safetensors.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "core/binary_parsing.h"
#include "core/error.h"
#include "core/file_bytes.h"
#include "core/float32_range.h"
#include "core/shape.h"
#include "core/strict_json.h"

namespace attnscope {
namespace {

using nlohmann::json;

constexpr std::size_t kLengthBytes = 8;
constexpr std::size_t kMaxShownBytes = 60;  // of a name or a dtype, in messages
// The deepest container a header needs: root object > tensor object > shape array.
constexpr int kMaxJsonDepth = 3;

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorKind::InvalidData, message); }

[[nodiscard]] std::optional<std::size_t> dtypeSize(std::string_view dtype) {
  static constexpr std::pair<std::string_view, std::size_t> kSizes[] = {
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E5M2", 1}, {"F8_E4M3", 1},
      {"I16", 2},  {"U16", 2}, {"F16", 2}, {"BF16", 2},    {"I32", 4},
      {"U32", 4},  {"F32", 4}, {"F64", 8}, {"I64", 8},     {"U64", 8}};
  for (const auto& [known, size] : kSizes) {
    if (dtype == known) return size;
  }
  return std::nullopt;
}

// Empty unless value is an array of non-negative integers that fit in size_t.
std::optional<std::vector<std::size_t>> asSizes(const json& value) {
  if (!value.is_array()) return std::nullopt;
  std::vector<std::size_t> sizes;
  for (const json& item : value) {
    if (!item.is_number_unsigned() ||
        item.get<std::uint64_t>() > std::numeric_limits<std::size_t>::max()) {
      return std::nullopt;
    }
    sizes.push_back(static_cast<std::size_t>(item.get<std::uint64_t>()));
  }
  return sizes;
}

json parseHeaderJson(std::span<const std::byte> text, const std::string& name) {
  // Deeper nesting and more tensors are never valid, and refusing them while reading stops a
  // small header from unfolding into a huge tree.
  return parseStrictJson(text, name,
                         {.subject = "header",
                          .maxDepth = kMaxJsonDepth,
                          .tooDeep = "header JSON is nested deeper than tensor entries",
                          .maxMembers = SafetensorsFile::kMaxTensors});
}

const json& field(const json& entry, const char* key, const std::string& context) {
  const auto it = entry.find(key);
  if (it == entry.end()) fail(context + " has no '" + key + "'");
  return *it;
}

TensorInfo parseTensor(const json& entry, std::size_t bufferBytes, const std::string& context) {
  if (!entry.is_object()) fail(context + " is not a JSON object");
  const json& dtype = field(entry, "dtype", context);
  if (!dtype.is_string()) fail(context + " has a 'dtype' that is not a string");
  std::optional<std::vector<std::size_t>> shape = asSizes(field(entry, "shape", context));
  if (!shape) fail(context + " has a 'shape' that is not an array of non-negative integers");
  const std::optional<std::vector<std::size_t>> offsets =
      asSizes(field(entry, "data_offsets", context));
  if (!offsets || offsets->size() != 2) {
    fail(context + " has 'data_offsets' that are not two non-negative integers");
  }
  TensorInfo info{dtype.get<std::string>(), std::move(*shape), (*offsets)[0], (*offsets)[1]};

  const std::string range =
      "data_offsets [" + std::to_string(info.dataBegin) + ", " + std::to_string(info.dataEnd) + "]";
  if (info.dataBegin > info.dataEnd) {
    fail(context + " has " + range + " that end before they begin");
  }
  if (info.dataEnd > bufferBytes) {
    fail(context + " has " + range + " beyond the end of the " + std::to_string(bufferBytes) +
         "-byte data buffer");
  }
  // Unknown dtypes are kept (a newer writer may add some) and refused only when loaded.
  if (const std::optional<std::size_t> itemBytes = dtypeSize(info.dtype)) {
    const std::optional<std::size_t> count = elementCount(info.shape);
    if (!count || *count > std::numeric_limits<std::size_t>::max() / *itemBytes) {
      fail(context + " has shape " + clip(describeShape(info.shape), kMaxShownBytes) +
           " with too many elements");
    }
    if (*count * *itemBytes != info.dataEnd - info.dataBegin) {
      fail(context + " has shape " + clip(describeShape(info.shape), kMaxShownBytes) +
           " and dtype " + info.dtype + " (" + std::to_string(*count * *itemBytes) +
           " bytes), but its " + range + " span " + std::to_string(info.dataEnd - info.dataBegin) +
           " bytes");
    }
  }
  return info;
}

// As the reference implementation requires: the tensors' byte ranges, in order, cover the data
// buffer exactly, with no gap, no overlap and no two tensors sharing bytes, so no write to one
// tensor can change another and no bytes hide between them.
void checkTensorsTileBuffer(const std::map<std::string, TensorInfo, std::less<>>& tensors,
                            std::size_t bufferBytes, const std::string& name) {
  std::vector<std::pair<const std::string*, const TensorInfo*>> ordered;
  ordered.reserve(tensors.size());
  for (const auto& [key, info] : tensors) ordered.emplace_back(&key, &info);
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return std::pair(a.second->dataBegin, a.second->dataEnd) <
           std::pair(b.second->dataBegin, b.second->dataEnd);
  });
  std::size_t covered = 0;
  for (const auto& [key, info] : ordered) {
    if (info->dataBegin != covered) {
      fail(name + ": tensor '" + clip(*key, kMaxShownBytes) + "' has data_offsets [" +
           std::to_string(info->dataBegin) + ", " + std::to_string(info->dataEnd) + "] " +
           (info->dataBegin < covered ? "overlapping another tensor's bytes"
                                      : "leaving a gap after byte " + std::to_string(covered)));
    }
    covered = info->dataEnd;
  }
  if (covered != bufferBytes) {
    fail(name + ": the tensors cover " + std::to_string(covered) + " bytes of the " +
         std::to_string(bufferBytes) + "-byte data buffer");
  }
}

void checkMetadata(const json& metadata, const std::string& name) {
  const bool valid =
      metadata.is_object() &&
      std::all_of(metadata.begin(), metadata.end(), [](const json& v) { return v.is_string(); });
  if (!valid) fail(name + ": '__metadata__' is not an object of strings");
}

template <std::size_t N, typename Decode>
std::vector<float> convert(std::span<const std::byte> data, Decode decode) {
  std::vector<float> values(data.size() / N);
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = decode(loadWord<N>(data.data() + i * N));
  }
  return values;
}

float halfToFloat(std::uint64_t half) {
  const auto sign = static_cast<std::uint32_t>(half >> 15 & 1) << 31;
  const auto exponent = static_cast<std::uint32_t>(half >> 10 & 0x1F);
  const auto mantissa = static_cast<std::uint32_t>(half & 0x3FF);
  std::uint32_t magnitude;
  if (exponent == 0) {  // zero or subnormal: mantissa * 2^-24, exact in float
    magnitude = std::bit_cast<std::uint32_t>(static_cast<float>(mantissa) * 0x1p-24f);
  } else if (exponent == 0x1F) {  // infinity, or NaN keeping its payload
    magnitude = 0x7F800000u | mantissa << 13;
  } else {  // rebias the exponent from 15 to 127
    magnitude = (exponent + 112) << 23 | mantissa << 13;
  }
  return std::bit_cast<float>(sign | magnitude);
}

}  // namespace

SafetensorsFile::SafetensorsFile(std::vector<std::byte> bytes, std::string displayName,
                                 std::size_t dataStart)
    : m_bytes(std::move(bytes)), m_displayName(std::move(displayName)), m_dataStart(dataStart) {}

SafetensorsFile SafetensorsFile::parse(std::vector<std::byte> bytes, std::string displayName) {
  if (bytes.size() < kLengthBytes) {
    fail(displayName + ": file is " + std::to_string(bytes.size()) +
         " bytes, too short for the 8-byte header length");
  }
  const std::uint64_t headerBytes = loadWord<kLengthBytes>(bytes.data());
  const std::string length = "header length " + std::to_string(headerBytes);
  if (headerBytes > kMaxHeaderBytes) {
    throw Error(ErrorKind::LimitExceeded,
                displayName + ": " + length + " is over the 100 MB limit");
  }
  if (headerBytes > bytes.size() - kLengthBytes) {
    fail(displayName + ": " + length + " runs past the end of the file (" +
         std::to_string(bytes.size()) + " bytes)");
  }
  const std::size_t dataStart = kLengthBytes + static_cast<std::size_t>(headerBytes);
  const json header =
      parseHeaderJson(std::span(bytes).subspan(kLengthBytes, headerBytes), displayName);
  if (!header.is_object()) fail(displayName + ": header is not a JSON object");

  SafetensorsFile file(std::move(bytes), std::move(displayName), dataStart);
  const std::size_t bufferBytes = file.m_bytes.size() - dataStart;
  for (const auto& [key, entry] : header.items()) {
    if (key == "__metadata__") {
      checkMetadata(entry, file.m_displayName);
    } else {
      const std::string context =
          file.m_displayName + ": tensor '" + clip(key, kMaxShownBytes) + "'";
      file.m_tensors.emplace(key, parseTensor(entry, bufferBytes, context));
    }
  }
  checkTensorsTileBuffer(file.m_tensors, bufferBytes, file.m_displayName);
  return file;
}

SafetensorsFile SafetensorsFile::read(const std::filesystem::path& path) {
  return parse(readFileBytes(path, kMaxFileBytes), path.string());
}

std::vector<std::string> SafetensorsFile::names() const {
  std::vector<std::string> names;
  names.reserve(m_tensors.size());
  for (const auto& [name, info] : m_tensors) names.push_back(name);
  return names;
}

const TensorInfo* SafetensorsFile::find(std::string_view name) const {
  const auto it = m_tensors.find(name);
  return it == m_tensors.end() ? nullptr : &it->second;
}

std::vector<float> SafetensorsFile::loadFloat32(std::string_view name) const {
  const TensorInfo* info = find(name);
  if (info == nullptr) {
    fail(m_displayName + ": there is no tensor '" + clip(name, kMaxShownBytes) + "'");
  }
  const auto data =
      std::span(m_bytes).subspan(m_dataStart + info->dataBegin, info->dataEnd - info->dataBegin);
  if (info->dtype == "F32") {
    return convert<4>(data, [](std::uint64_t w) { return std::bit_cast<float>(std::uint32_t(w)); });
  }
  if (info->dtype == "F64") {
    const std::string what = m_displayName + ": tensor '" + clip(name, kMaxShownBytes) + "'";
    std::size_t index = 0;
    return convert<8>(data, [&](std::uint64_t w) {
      return narrowToFloat32(std::bit_cast<double>(w), index++, what);
    });
  }
  if (info->dtype == "F16") return convert<2>(data, halfToFloat);
  if (info->dtype == "BF16") {
    return convert<2>(data,
                      [](std::uint64_t w) { return std::bit_cast<float>(std::uint32_t(w << 16)); });
  }
  fail(m_displayName + ": tensor '" + clip(name, kMaxShownBytes) + "' has dtype " +
       clip(info->dtype, kMaxShownBytes) + "; only F32, F64, F16 and BF16 are supported");
}

}  // namespace attnscope
