// The TensorFlow.js GraphModel reader (model.json and its shards) on arbitrary bytes: the input
// is model.json, then a NUL byte, then the shards' bytes (JSON refuses a NUL byte, so the split is
// unambiguous). Returning or throwing attnscope::Error is fine; any other exception, a sanitizer
// report or a broken invariant is a bug.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/error.h"
#include "core/tfjs_graph_model.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace attnscope;
  const std::span<const std::byte> input(reinterpret_cast<const std::byte*>(data), size);
  const auto nul = std::find(input.begin(), input.end(), std::byte{0});
  const std::span<const std::byte> json(input.begin(), nul);
  const std::span<const std::byte> shards = nul == input.end()
                                                ? std::span<const std::byte>()
                                                : std::span<const std::byte>(nul + 1, input.end());
  try {
    const GraphModelJson manifest = parseGraphModelJson(json, "fuzz/model.json");
    std::uint64_t bytes = 0;
    for (const ManifestEntry& entry : manifest.weights) {
      fuzz::check(entry.offset == bytes, "weights are back to back in manifest order");
      bytes += entry.bytes;
    }
    fuzz::check(bytes == manifest.weightBytes, "the manifest's total is the sum of its weights");
    const GraphModel model = GraphModel::parse(json, shards, "fuzz/model.json");
    fuzz::check(shards.size() == manifest.weightBytes, "a parsed model's shards fit exactly");
    for (const ManifestEntry& entry : manifest.weights) {
      const GraphTensor* tensor = model.tensor(entry.name);
      fuzz::check(tensor != nullptr, "every weight is found by its name");
      const std::size_t values = tensor->floats.size() + tensor->ints.size();
      fuzz::check(values == tensor->size() && values * 4 == entry.bytes,
                  "a weight holds what its shape says");
    }
    for (const GraphNode& node : model.nodes()) {
      fuzz::check(model.node(node.name) == &node, "every node is found by its name");
      model.nodeEndingWith(node.name);
    }
  } catch (const Error& error) {
    fuzz::checkMessage(error);
  }
  return 0;
}
