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

constexpr const char* kReferenceKeys =
    "W_q.weight, W_q.bias, W_k.weight, W_k.bias, W_v.weight, W_v.bias, W_o.weight, W_o.bias";
constexpr const char* kMultiheadKeys =
    "in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias";

// d_model from a 2-D tensor's column count, clamped before the cast so a huge shape read from
// the file cannot wrap around.
Eigen::Index modelWidthOf(const SafetensorsFile& file, std::string_view displayName,
                          const std::string& name) {
  const TensorInfo* info = file.find(name);
  if (info == nullptr || info->shape.size() != 2) {
    throw Error(ErrorKind::InvalidData,
                std::string(displayName) + ": missing 2-D tensor '" + name + "'");
  }
  const auto dModel = static_cast<Eigen::Index>(
      std::min<std::size_t>(info->shape[1], std::size_t{kMaxModelWidth} + 1));
  try {
    requireModelWidth(static_cast<int>(dModel));
  } catch (const Error& error) {
    throw Error(error.kind(), std::string(displayName) + ": " + error.what());
  }
  return dModel;
}

AttentionWeights referenceWeights(const SafetensorsFile& file, std::string_view displayName) {
  const Eigen::Index dModel = modelWidthOf(file, displayName, "W_q.weight");
  AttentionWeights weights;
  for (std::size_t i = 0; i < kProjectionNames.size(); ++i) {
    Projection& projection = *weights.projections()[i];
    const std::string name(kProjectionNames[i]);
    projection.weight = loadTensor(file, displayName, name + ".weight", dModel, dModel, false);
    projection.bias = loadTensor(file, displayName, name + ".bias", 1, dModel, true).transpose();
  }
  return weights;
}

AttentionWeights multiheadWeights(const SafetensorsFile& file, std::string_view displayName) {
  for (const char* unsupported : {"bias_k", "bias_v"}) {
    if (file.find(unsupported) != nullptr) {
      throw Error(ErrorKind::InvalidData,
                  std::string(displayName) + ": holds '" + unsupported +
                      "': nn.MultiheadAttention with add_bias_kv=True is not supported");
    }
  }
  const Eigen::Index d = modelWidthOf(file, displayName, "in_proj_weight");
  const Matrix inProjection = loadTensor(file, displayName, "in_proj_weight", 3 * d, d, false);
  AttentionWeights weights;
  weights.output.weight = loadTensor(file, displayName, "out_proj.weight", d, d, false);
  // bias=False leaves both biases out of the state_dict; one without the other is damage.
  const bool hasInBias = file.find("in_proj_bias") != nullptr;
  const bool hasOutBias = file.find("out_proj.bias") != nullptr;
  if (hasInBias != hasOutBias) {
    throw Error(ErrorKind::InvalidData,
                std::string(displayName) + ": missing tensor '" +
                    (hasInBias ? "out_proj.bias" : "in_proj_bias") +
                    "' (nn.MultiheadAttention has both biases or, with bias=False, neither)");
  }
  const Vector inBias =
      hasInBias ? Vector(loadTensor(file, displayName, "in_proj_bias", 1, 3 * d, true).transpose())
                : Vector::Zero(3 * d);
  weights.output.bias =
      hasOutBias ? Vector(loadTensor(file, displayName, "out_proj.bias", 1, d, true).transpose())
                 : Vector::Zero(d);
  Projection* split[] = {&weights.query, &weights.key, &weights.value};
  for (Eigen::Index part = 0; part < 3; ++part) {
    split[part]->weight = inProjection.middleRows(part * d, d);
    split[part]->bias = inBias.segment(part * d, d);
  }
  return weights;
}

// A key of a whole model's state_dict ("encoder.self_attn.in_proj_weight"), for the hint.
std::string prefixedKey(const SafetensorsFile& file) {
  for (const std::string& name : file.names()) {
    for (std::string_view suffix : {".in_proj_weight", ".W_q.weight"}) {
      if (name.size() > suffix.size() && name.ends_with(suffix)) return name;
    }
  }
  return {};
}

std::string listedKeys(const SafetensorsFile& file) {
  constexpr std::size_t kShown = 6, kMaxKeyBytes = 60;
  const std::vector<std::string> names = file.names();
  if (names.empty()) return "no tensors";
  std::string list;
  for (std::size_t i = 0; i < std::min(names.size(), kShown); ++i) {
    if (i > 0) list += ", ";
    list += names[i].size() > kMaxKeyBytes ? names[i].substr(0, kMaxKeyBytes) + "…" : names[i];
  }
  if (names.size() > kShown) list += ", … (" + std::to_string(names.size()) + " tensors)";
  return list;
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

WeightsLayout detectWeightsLayout(const SafetensorsFile& file, std::string_view displayName) {
  const bool reference = file.find("W_q.weight") != nullptr;
  const bool multihead = file.find("in_proj_weight") != nullptr;
  if (reference && multihead) {
    throw Error(ErrorKind::InvalidData,
                std::string(displayName) +
                    ": holds both the reference module's W_q.weight and nn.MultiheadAttention's "
                    "in_proj_weight; keep one module's state_dict per file");
  }
  if (reference) return WeightsLayout::Reference;
  if (multihead) return WeightsLayout::Multihead;
  if (file.find("q_proj_weight") != nullptr) {
    throw Error(ErrorKind::InvalidData,
                std::string(displayName) +
                    ": nn.MultiheadAttention with kdim or vdim different from embed_dim "
                    "(q_proj_weight, k_proj_weight, v_proj_weight) is not supported");
  }
  std::string message = std::string(displayName) +
                        ": not attention weights AttnScope can read; expected the reference "
                        "module's state_dict (" +
                        kReferenceKeys + ") or nn.MultiheadAttention's (" + kMultiheadKeys +
                        "), found " + listedKeys(file);
  const std::string prefixed = prefixedKey(file);
  if (!prefixed.empty()) {
    message += "; '" + prefixed.substr(0, 60) +
               "' looks like a whole model's state_dict: save the attention module's own";
  }
  throw Error(ErrorKind::InvalidData, message);
}

AttentionWeights weightsFromSafetensors(const SafetensorsFile& file, std::string_view displayName,
                                        WeightsLayout layout) {
  AttentionWeights weights = layout == WeightsLayout::Reference
                                 ? referenceWeights(file, displayName)
                                 : multiheadWeights(file, displayName);
  try {
    validateWeights(weights);
  } catch (const Error& error) {
    throw Error(error.kind(), std::string(displayName) + ": " + error.what());
  }
  return weights;
}

AttentionWeights weightsFromSafetensors(const SafetensorsFile& file, std::string_view displayName) {
  return weightsFromSafetensors(file, displayName, detectWeightsLayout(file, displayName));
}

AttentionWeights readWeights(const std::filesystem::path& path) {
  return weightsFromSafetensors(SafetensorsFile::read(path), path.string());
}

void validateWeights(const AttentionWeights& weights, OutputWidth outputWidth) {
  const Eigen::Index dModel = weights.query.weight.rows();
  for (std::size_t i = 0; i < kProjectionNames.size(); ++i) {
    const Projection& projection = *weights.projections()[i];
    const std::string name(kProjectionNames[i]);
    const bool anyRows = outputWidth == OutputWidth::Any && &projection == &weights.output &&
                         projection.weight.rows() >= 1;
    const Eigen::Index rows = anyRows ? projection.weight.rows() : dModel;
    if (projection.weight.rows() != rows || projection.weight.cols() != dModel ||
        projection.bias.size() != rows) {
      throw Error(ErrorKind::InvalidData,
                  name + " must be " + (anyRows ? std::string("out") : std::to_string(dModel)) +
                      " × " + std::to_string(dModel) + " with a bias of " + std::to_string(rows));
    }
    if (!projection.weight.allFinite() || !projection.bias.allFinite()) {
      throw Error(ErrorKind::InvalidData, name + " holds a non-finite value (NaN or infinity)");
    }
  }
}

}  // namespace attnscope
