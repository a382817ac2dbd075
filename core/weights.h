#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/matrix.h"

namespace attnscope {

class SafetensorsFile;

// One nn.Linear(d_model, d_model): y = x·Wᵀ + b, W stored out × in as PyTorch does.
struct Projection {
  Matrix weight;
  Vector bias;
};

// The reference module's four projections. They do not depend on the number of heads:
// changing h re-splits the same matrices, as the formula says.
struct AttentionWeights {
  Projection query;   // W_q
  Projection key;     // W_k
  Projection value;   // W_v
  Projection output;  // W_o

  int modelWidth() const { return static_cast<int>(query.weight.rows()); }
  // In kProjectionNames order.
  std::array<Projection*, 4> projections() { return {&query, &key, &value, &output}; }
  std::array<const Projection*, 4> projections() const { return {&query, &key, &value, &output}; }
};

// The reference module's state_dict names, in the order it lists them.
inline constexpr std::array<std::string_view, 4> kProjectionNames = {"W_q", "W_k", "W_v", "W_o"};

// nn.Linear's default initialisation, U(−1/√d_model, 1/√d_model) for weight and bias, drawn
// from the stream streamKey("attnscope.weights", seed, "<name>.weight" or "<name>.bias") in
// row-major order. Bit-identical everywhere, like the embeddings.
AttentionWeights randomWeights(int dModel, std::uint64_t seed);

// Reads W_q.weight, W_q.bias, … W_o.bias (F32, F64, F16 or BF16) and checks their shapes.
AttentionWeights weightsFromSafetensors(const SafetensorsFile& file, std::string_view displayName);
AttentionWeights readWeights(const std::filesystem::path& path);

// Throws Error unless all four projections are d × d with d-long biases and every value is finite.
void validateWeights(const AttentionWeights& weights);

}  // namespace attnscope
