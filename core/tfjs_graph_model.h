#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// A TensorFlow.js GraphModel as `tfjs-converter` writes it: model.json holds the graph
// (`modelTopology.node`: name, op, inputs) and a weights manifest (`weightsManifest`: groups of
// shard file names and, in order, each weight's name, shape and dtype); the shards hold the
// weights' little-endian bytes, back to back in manifest order, cut into files of at most 4 MiB.
// Everything read from the files is checked: shapes against the bytes, shard names against the
// folder, and no length read from a file is trusted before it is compared with what is there.
namespace attnscope {

// One operation of the graph.
struct GraphNode {
  std::string name;
  std::string op;
  std::vector<std::string> inputs;  // node names, possibly with ":k" (output k) or "^" (control)
};

// One weight of the manifest.
struct ManifestEntry {
  std::string name;
  enum class Type { Float32, Int32 } type = Type::Float32;
  std::vector<std::size_t> shape;
  std::uint64_t offset = 0;  // bytes into the concatenated shards
  std::uint64_t bytes = 0;
};

// model.json, read but without its weights.
struct GraphModelJson {
  std::vector<GraphNode> nodes;
  std::vector<std::string> shardPaths;  // in manifest order: plain file names beside model.json
  std::vector<ManifestEntry> weights;   // in manifest order
  std::uint64_t weightBytes = 0;        // what the shards must hold together
};

// A weight's values: float32 weights as floats, int32 ones as integers.
struct GraphTensor {
  std::vector<std::size_t> shape;
  std::vector<float> floats;
  std::vector<std::int32_t> ints;
  std::size_t size() const;  // the product of shape (1 for a scalar)
};

// The largest model.json and the largest total of shards read (the encoder's are 0.25 MB and
// 27 MB).
inline constexpr std::uint64_t kMaxModelJsonBytes = std::uint64_t{64} << 20;
inline constexpr std::uint64_t kMaxWeightBytes = std::uint64_t{1} << 30;

// Parses model.json. Throws Error(InvalidData) "<displayName>: <reason>" for malformed JSON, a
// missing or mistyped field, a shard name that is not a plain file name, a dtype other than
// float32 or int32, quantised weights, a weight named twice, or shapes whose bytes overflow
// or exceed kMaxWeightBytes (LimitExceeded).
GraphModelJson parseGraphModelJson(std::span<const std::byte> text, const std::string& displayName);

// Cuts the concatenated shards into named tensors. Throws Error(InvalidData) naming displayName
// when the byte count differs from what the manifest's shapes need, or a float32 weight holds a
// NaN or an infinity.
std::map<std::string, GraphTensor, std::less<>> decodeWeights(const GraphModelJson& model,
                                                              std::span<const std::byte> data,
                                                              const std::string& displayName);

// A GraphModel read from a folder: model.json and its shards.
class GraphModel {
 public:
  // Throws Error: Io when a file cannot be read, InvalidData naming the file and the problem
  // (including "group1-shard3of7 is missing" and "shards hold N bytes, the manifest needs M").
  static GraphModel read(const std::filesystem::path& folder);
  // The same from model.json's bytes and the shards' bytes, concatenated (for tests and fuzzing).
  static GraphModel parse(std::span<const std::byte> modelJson, std::span<const std::byte> shards,
                          const std::string& displayName);

  const std::vector<GraphNode>& nodes() const { return m_nodes; }
  const std::string& displayName() const { return m_displayName; }
  // The node with this exact name, or null.
  const GraphNode* node(std::string_view name) const;
  // The one node whose name ends with `suffix` (a whole path component), or null when none or
  // several do.
  const GraphNode* nodeEndingWith(std::string_view suffix) const;
  // The weight of this name (a Const node's name), or null.
  const GraphTensor* tensor(std::string_view name) const;

 private:
  static GraphModel assemble(const GraphModelJson& json, std::span<const std::byte> shards,
                             const std::string& displayName);

  std::string m_displayName;
  std::vector<GraphNode> m_nodes;
  std::map<std::string, std::size_t, std::less<>> m_byName;
  std::map<std::string, GraphTensor, std::less<>> m_tensors;
};

}  // namespace attnscope
