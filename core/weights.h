#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/matrix.h"

// The attention module's weights: the four projections, their random initialisation from a
// seed, and reading them from .safetensors files in either state_dict layout.
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
  // The width W_o writes: d_model for the reference module; a layer of a trained encoder may
  // widen it (Universal Sentence Encoder lite's first layer reads 256 columns and writes 512).
  int outputWidth() const { return static_cast<int>(output.weight.rows()); }
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

// The two state_dicts a .safetensors file may hold.
enum class WeightsLayout {
  Reference,  // the reference module: W_q.weight, W_q.bias, … W_o.weight, W_o.bias
  // PyTorch's nn.MultiheadAttention (embed_dim = kdim = vdim): in_proj_weight (3d × d),
  // in_proj_bias (3d), out_proj.weight, out_proj.bias; both biases may be absent (bias=False).
  Multihead,
};

// Which state_dict the file holds, by its keys. Throws Error(InvalidData) when it is neither
// (listing the keys each layout needs) or when it has keys of both.
WeightsLayout detectWeightsLayout(const SafetensorsFile& file, std::string_view displayName);

// Reads the four projections (F32, F64, F16 or BF16) in the given layout and checks their
// shapes and values. nn.MultiheadAttention's rows [0, d), [d, 2d) and [2d, 3d) of in_proj are
// W_q, W_k and W_v, exactly as its forward pass slices them.
AttentionWeights weightsFromSafetensors(const SafetensorsFile& file, std::string_view displayName,
                                        WeightsLayout layout);
// The same with the layout detected from the keys.
AttentionWeights weightsFromSafetensors(const SafetensorsFile& file, std::string_view displayName);
AttentionWeights readWeights(const std::filesystem::path& path);

// Throws Error unless all four projections are d × d with d-long biases and every value is finite.
// With OutputWidth::Any, W_o may be any out × d (with an out-long bias): the engine's rule, for a
// layer whose attention writes another width than it reads.
enum class OutputWidth { ModelWidth, Any };
void validateWeights(const AttentionWeights& weights,
                     OutputWidth outputWidth = OutputWidth::ModelWidth);

}  // namespace attnscope
