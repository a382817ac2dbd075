#include "core/weights.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/deterministic_random.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/safetensors.h"
#include "core/shape.h"

namespace attnscope {
namespace {

void fillUniform(float* values, Eigen::Index count, double bound, std::uint64_t seed,
                 const std::string& label) {
  SplitMix64 stream(streamKey("attnscope.weights", seed, label));
  for (Eigen::Index i = 0; i < count; ++i) {
    values[i] = static_cast<float>((2.0 * stream.nextUnit() - 1.0) * bound);
  }
}

Matrix loadTensor(const SafetensorsFile& file, std::string_view displayName,
                  const std::string& name, Eigen::Index rows, Eigen::Index cols, bool isVector) {
  const TensorInfo* info = file.find(name);
  if (info == nullptr) {
    throw Error(ErrorKind::InvalidData,
                std::string(displayName) + ": missing tensor '" + name + "'");
  }
  const bool shapeMatches =
      isVector ? info->shape.size() == 1 && info->shape[0] == static_cast<std::size_t>(cols)
               : info->shape.size() == 2 && info->shape[0] == static_cast<std::size_t>(rows) &&
                     info->shape[1] == static_cast<std::size_t>(cols);
  if (!shapeMatches) {
    const std::vector<std::size_t> expected =
        isVector ? std::vector<std::size_t>{std::size_t(cols)}
                 : std::vector<std::size_t>{std::size_t(rows), std::size_t(cols)};
    throw Error(ErrorKind::InvalidData, std::string(displayName) + ": tensor '" + name +
                                            "' has shape " + describeShape(info->shape) +
                                            ", expected " + describeShape(expected));
  }
  const std::vector<float> values = file.loadFloat32(name);
  return Eigen::Map<const Matrix>(values.data(), rows, cols);
}

}  // namespace

AttentionWeights randomWeights(int dModel, std::uint64_t seed) {
  requireModelWidth(dModel);
  const double bound = 1.0 / std::sqrt(static_cast<double>(dModel));
  AttentionWeights weights;
  for (std::size_t i = 0; i < kProjectionNames.size(); ++i) {
    Projection& projection = *weights.projections()[i];
    const std::string name(kProjectionNames[i]);
    projection.weight.resize(dModel, dModel);
    projection.bias.resize(dModel);
    fillUniform(projection.weight.data(), projection.weight.size(), bound, seed, name + ".weight");
    fillUniform(projection.bias.data(), projection.bias.size(), bound, seed, name + ".bias");
  }
  return weights;
}

AttentionWeights weightsFromSafetensors(const SafetensorsFile& file, std::string_view displayName) {
  const std::string queryWeight = std::string(kProjectionNames[0]) + ".weight";
  const TensorInfo* first = file.find(queryWeight);
  if (first == nullptr || first->shape.size() != 2) {
    throw Error(ErrorKind::InvalidData,
                std::string(displayName) + ": missing 2-D tensor '" + queryWeight +
                    "' (expected the reference module's state_dict: W_q.weight … W_o.bias)");
  }
  // Clamped before the cast so a huge shape read from the file cannot wrap around.
  const auto dModel = static_cast<Eigen::Index>(
      std::min<std::size_t>(first->shape[0], std::size_t{kMaxModelWidth} + 1));
  requireModelWidth(static_cast<int>(dModel));
  AttentionWeights weights;
  for (std::size_t i = 0; i < kProjectionNames.size(); ++i) {
    Projection& projection = *weights.projections()[i];
    const std::string name(kProjectionNames[i]);
    projection.weight = loadTensor(file, displayName, name + ".weight", dModel, dModel, false);
    projection.bias = loadTensor(file, displayName, name + ".bias", 1, dModel, true).transpose();
  }
  try {
    validateWeights(weights);
  } catch (const Error& error) {
    throw Error(error.kind(), std::string(displayName) + ": " + error.what());
  }
  return weights;
}

AttentionWeights readWeights(const std::filesystem::path& path) {
  return weightsFromSafetensors(SafetensorsFile::read(path), path.string());
}

void validateWeights(const AttentionWeights& weights) {
  const Eigen::Index dModel = weights.query.weight.rows();
  for (std::size_t i = 0; i < kProjectionNames.size(); ++i) {
    const Projection& projection = *weights.projections()[i];
    const std::string name(kProjectionNames[i]);
    if (projection.weight.rows() != dModel || projection.weight.cols() != dModel ||
        projection.bias.size() != dModel) {
      throw Error(ErrorKind::InvalidData, name + " must be " + std::to_string(dModel) + " × " +
                                              std::to_string(dModel) + " with a bias of " +
                                              std::to_string(dModel));
    }
    if (!projection.weight.allFinite() || !projection.bias.allFinite()) {
      throw Error(ErrorKind::InvalidData, name + " holds a non-finite value (NaN or infinity)");
    }
  }
}

}  // namespace attnscope
