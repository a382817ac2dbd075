#include "core/tfjs_graph_model.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/file_bytes.h"
#include "core/strict_json.h"

namespace attnscope {
namespace {

static_assert(std::endian::native == std::endian::little, "the shards are little-endian");

[[noreturn]] void fail(const std::string& displayName, const std::string& message,
                       ErrorKind kind = ErrorKind::InvalidData) {
  throw Error(kind, displayName + ": " + message);
}

// At most 60 characters of a name from the file, for messages.
std::string clip(std::string_view text) {
  std::string result;
  for (char c : text.substr(0, 60)) {
    result += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  return text.size() > 60 ? result + "…" : result;
}

const nlohmann::json& member(const nlohmann::json& object, const char* key, const char* what,
                             const std::string& displayName) {
  const auto found = object.find(key);
  if (found == object.end()) fail(displayName, std::string(what) + " has no '" + key + "'");
  return *found;
}

// A shard's name must be a plain file name in the model's folder: no folder part, no "..".
bool plainFileName(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.size() > 255) return false;
  for (char c : name) {
    if (c == '/' || c == '\\' || c == '\0') return false;
  }
  return true;
}

std::vector<GraphNode> parseNodes(const nlohmann::json& topology, const std::string& displayName) {
  if (!topology.is_object()) fail(displayName, "'modelTopology' must be an object");
  const nlohmann::json& nodes = member(topology, "node", "'modelTopology'", displayName);
  if (!nodes.is_array()) fail(displayName, "'modelTopology.node' must be an array");
  std::vector<GraphNode> result;
  result.reserve(nodes.size());
  for (const nlohmann::json& node : nodes) {
    if (!node.is_object()) fail(displayName, "each node of 'modelTopology.node' must be an object");
    const nlohmann::json& name = member(node, "name", "a node", displayName);
    const nlohmann::json& op = member(node, "op", "a node", displayName);
    if (!name.is_string() || !op.is_string()) {
      fail(displayName, "a node's 'name' and 'op' must be strings");
    }
    GraphNode parsed{name.get<std::string>(), op.get<std::string>(), {}};
    if (const auto inputs = node.find("input"); inputs != node.end()) {
      if (!inputs->is_array())
        fail(displayName, "node '" + clip(parsed.name) + "': 'input' must be an array");
      for (const nlohmann::json& input : *inputs) {
        if (!input.is_string()) {
          fail(displayName, "node '" + clip(parsed.name) + "': inputs must be strings");
        }
        parsed.inputs.push_back(input.get<std::string>());
      }
    }
    result.push_back(std::move(parsed));
  }
  return result;
}

}  // namespace

std::size_t GraphTensor::size() const {
  std::size_t count = 1;
  for (std::size_t d : shape) count *= d;
  return count;
}

GraphModelJson parseGraphModelJson(std::span<const std::byte> text,
                                   const std::string& displayName) {
  if (text.size() > kMaxModelJsonBytes) {
    fail(displayName, "larger than " + std::to_string(kMaxModelJsonBytes >> 20) + " MiB",
         ErrorKind::LimitExceeded);
  }
  const nlohmann::json root = parseStrictJson(
      text, displayName,
      {.subject = "", .maxDepth = 64, .tooDeep = "nested too deeply", .maxMembers = 1 << 20});
  if (!root.is_object()) fail(displayName, "not a TensorFlow.js model (the top is not an object)");
  GraphModelJson model;
  model.nodes = parseNodes(member(root, "modelTopology", "the model", displayName), displayName);

  const nlohmann::json& manifest = member(root, "weightsManifest", "the model", displayName);
  if (!manifest.is_array()) fail(displayName, "'weightsManifest' must be an array");
  std::map<std::string, bool, std::less<>> seen;
  for (const nlohmann::json& group : manifest) {
    if (!group.is_object()) fail(displayName, "each group of 'weightsManifest' must be an object");
    const nlohmann::json& paths = member(group, "paths", "a weights group", displayName);
    const nlohmann::json& weights = member(group, "weights", "a weights group", displayName);
    if (!paths.is_array() || !weights.is_array()) {
      fail(displayName, "a weights group's 'paths' and 'weights' must be arrays");
    }
    for (const nlohmann::json& path : paths) {
      if (!path.is_string() || !plainFileName(path.get<std::string>())) {
        fail(displayName, "a shard path must be a file name beside model.json, not " +
                              clip(path.is_string() ? path.get<std::string>() : path.dump()));
      }
      model.shardPaths.push_back(path.get<std::string>());
    }
    for (const nlohmann::json& weight : weights) {
      if (!weight.is_object()) fail(displayName, "each weight of a group must be an object");
      const nlohmann::json& name = member(weight, "name", "a weight", displayName);
      const nlohmann::json& shape = member(weight, "shape", "a weight", displayName);
      const nlohmann::json& dtype = member(weight, "dtype", "a weight", displayName);
      if (!name.is_string() || !shape.is_array() || !dtype.is_string()) {
        fail(displayName, "a weight's 'name' and 'dtype' must be strings and 'shape' an array");
      }
      ManifestEntry entry;
      entry.name = name.get<std::string>();
      const std::string where = "weight '" + clip(entry.name) + "'";
      if (weight.contains("quantization"))
        fail(displayName, where + " is quantised (not supported)");
      if (!seen.emplace(entry.name, true).second) fail(displayName, where + " is listed twice");
      if (dtype == "float32") {
        entry.type = ManifestEntry::Type::Float32;
      } else if (dtype == "int32") {
        entry.type = ManifestEntry::Type::Int32;
      } else {
        fail(displayName, where + " has dtype " + clip(dtype.get<std::string>()) +
                              " (only float32 and int32 are read)");
      }
      if (shape.size() > 8) fail(displayName, where + " has more than 8 dimensions");
      std::uint64_t count = 1;
      for (const nlohmann::json& d : shape) {
        if (!d.is_number_unsigned()) {
          fail(displayName, where + ": shape entries must be whole numbers ≥ 0");
        }
        const std::uint64_t size = d.get<std::uint64_t>();
        if (size > kMaxWeightBytes || (size != 0 && count > kMaxWeightBytes / size)) {
          fail(displayName, where + " is larger than 1 GiB", ErrorKind::LimitExceeded);
        }
        count *= size;
        entry.shape.push_back(static_cast<std::size_t>(size));
      }
      entry.bytes = count * 4;
      entry.offset = model.weightBytes;
      if (entry.bytes > kMaxWeightBytes - model.weightBytes) {
        fail(displayName, "the weights need more than 1 GiB", ErrorKind::LimitExceeded);
      }
      model.weightBytes += entry.bytes;
      model.weights.push_back(std::move(entry));
    }
  }
  if (model.shardPaths.empty() && model.weightBytes > 0) {
    fail(displayName, "'weightsManifest' lists weights but no shard files");
  }
  return model;
}

std::map<std::string, GraphTensor, std::less<>> decodeWeights(const GraphModelJson& model,
                                                              std::span<const std::byte> data,
                                                              const std::string& displayName) {
  if (data.size() != model.weightBytes) {
    fail(displayName, "the shards hold " + std::to_string(data.size()) +
                          " bytes but the manifest's shapes need " +
                          std::to_string(model.weightBytes));
  }
  std::map<std::string, GraphTensor, std::less<>> tensors;
  for (const ManifestEntry& entry : model.weights) {
    GraphTensor tensor;
    tensor.shape = entry.shape;
    const std::size_t count = static_cast<std::size_t>(entry.bytes / 4);
    const std::byte* bytes = data.data() + entry.offset;
    if (entry.type == ManifestEntry::Type::Float32) {
      tensor.floats.resize(count);
      if (count > 0) std::memcpy(tensor.floats.data(), bytes, entry.bytes);
      for (float value : tensor.floats) {
        if (!std::isfinite(value)) {
          fail(displayName, "weight '" + clip(entry.name) + "' holds a NaN or an infinity");
        }
      }
    } else {
      tensor.ints.resize(count);
      if (count > 0) std::memcpy(tensor.ints.data(), bytes, entry.bytes);
    }
    tensors.emplace(entry.name, std::move(tensor));
  }
  return tensors;
}

GraphModel GraphModel::assemble(const GraphModelJson& json, std::span<const std::byte> shards,
                                const std::string& displayName) {
  GraphModel model;
  model.m_displayName = displayName;
  model.m_tensors = decodeWeights(json, shards, displayName);
  model.m_nodes = json.nodes;
  for (std::size_t i = 0; i < model.m_nodes.size(); ++i) {
    if (!model.m_byName.emplace(model.m_nodes[i].name, i).second) {
      fail(displayName, "node '" + clip(model.m_nodes[i].name) + "' is defined twice");
    }
  }
  return model;
}

GraphModel GraphModel::parse(std::span<const std::byte> modelJson,
                             std::span<const std::byte> shards, const std::string& displayName) {
  return assemble(parseGraphModelJson(modelJson, displayName), shards, displayName);
}

GraphModel GraphModel::read(const std::filesystem::path& folder) {
  const std::filesystem::path jsonPath = folder / "model.json";
  const std::string displayName = jsonPath.string();
  const std::vector<std::byte> json = readFileBytes(jsonPath, kMaxModelJsonBytes);
  const GraphModelJson parsed = parseGraphModelJson(json, displayName);
  std::vector<std::byte> shards;
  for (const std::string& name : parsed.shardPaths) {
    const std::filesystem::path path = folder / name;
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      fail(displayName, "shard " + name + " is missing (run scripts/fetch-model again)");
    }
    // Never more than the manifest needs: a larger shard set is refused after one byte too many.
    const std::uint64_t room =
        parsed.weightBytes - std::min<std::uint64_t>(shards.size(), parsed.weightBytes);
    std::vector<std::byte> bytes;
    try {
      bytes = readFileBytes(path, room);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::LimitExceeded) throw;
      fail(displayName, "the shards hold more bytes than the manifest's shapes need " +
                            std::to_string(parsed.weightBytes) + " (at " + name + ")");
    }
    shards.insert(shards.end(), bytes.begin(), bytes.end());
  }
  return assemble(parsed, shards, displayName);
}

const GraphNode* GraphModel::node(std::string_view name) const {
  const auto found = m_byName.find(name);
  return found == m_byName.end() ? nullptr : &m_nodes[found->second];
}

const GraphNode* GraphModel::nodeEndingWith(std::string_view suffix) const {
  const GraphNode* result = nullptr;
  for (const GraphNode& n : m_nodes) {
    const std::string_view name = n.name;
    if (name.size() < suffix.size() || name.substr(name.size() - suffix.size()) != suffix) continue;
    if (name.size() > suffix.size() && name[name.size() - suffix.size() - 1] != '/') continue;
    if (result != nullptr) return nullptr;
    result = &n;
  }
  return result;
}

const GraphTensor* GraphModel::tensor(std::string_view name) const {
  const auto found = m_tensors.find(name);
  return found == m_tensors.end() ? nullptr : &found->second;
}

}  // namespace attnscope
