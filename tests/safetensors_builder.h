#pragma once

#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/weights.h"

namespace attnscope::testing {

// Builds a little-endian F32 .safetensors file from named tensors, as PyTorch's save_file does,
// so tests can hand-make state_dicts of either layout.
class SafetensorsBuilder {
 public:
  SafetensorsBuilder& add(const std::string& name, std::vector<std::size_t> shape,
                          const float* values, std::size_t count) {
    m_tensors[name] = {std::move(shape), std::vector<float>(values, values + count)};
    return *this;
  }
  SafetensorsBuilder& add(const std::string& name, const Matrix& matrix) {
    return add(name, {std::size_t(matrix.rows()), std::size_t(matrix.cols())}, matrix.data(),
               std::size_t(matrix.size()));
  }
  SafetensorsBuilder& addVector(const std::string& name, const Vector& vector) {
    return add(name, {std::size_t(vector.size())}, vector.data(), std::size_t(vector.size()));
  }

  SafetensorsBuilder& remove(const std::string& name) {
    m_tensors.erase(name);
    return *this;
  }

  std::vector<std::byte> bytes() const {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    std::vector<std::byte> data;
    for (const auto& [name, tensor] : m_tensors) {
      const std::size_t begin = data.size();
      const auto* raw = reinterpret_cast<const std::byte*>(tensor.values.data());
      data.insert(data.end(), raw, raw + tensor.values.size() * sizeof(float));
      header[name] = {
          {"dtype", "F32"}, {"shape", tensor.shape}, {"data_offsets", {begin, data.size()}}};
    }
    const std::string text = header.dump();
    std::vector<std::byte> file;
    for (std::size_t i = 0; i < 8; ++i) file.push_back(std::byte((text.size() >> (8 * i)) & 0xFF));
    for (char c : text) file.push_back(std::byte(c));
    file.insert(file.end(), data.begin(), data.end());
    return file;
  }

 private:
  struct Tensor {
    std::vector<std::size_t> shape;
    std::vector<float> values;
  };
  std::map<std::string, Tensor> m_tensors;
};

// The reference module's state_dict for these weights.
inline SafetensorsBuilder referenceStateDict(const AttentionWeights& weights) {
  SafetensorsBuilder builder;
  for (std::size_t i = 0; i < kProjectionNames.size(); ++i) {
    const std::string name(kProjectionNames[i]);
    builder.add(name + ".weight", weights.projections()[i]->weight);
    builder.addVector(name + ".bias", weights.projections()[i]->bias);
  }
  return builder;
}

// nn.MultiheadAttention's state_dict for the same weights: W_q, W_k, W_v stacked into in_proj.
inline SafetensorsBuilder multiheadStateDict(const AttentionWeights& weights) {
  const Eigen::Index d = weights.modelWidth();
  Matrix inProjection(3 * d, d);
  inProjection << weights.query.weight, weights.key.weight, weights.value.weight;
  Vector inBias(3 * d);
  inBias << weights.query.bias, weights.key.bias, weights.value.bias;
  SafetensorsBuilder builder;
  builder.add("in_proj_weight", inProjection).addVector("in_proj_bias", inBias);
  builder.add("out_proj.weight", weights.output.weight)
      .addVector("out_proj.bias", weights.output.bias);
  return builder;
}

}  // namespace attnscope::testing
