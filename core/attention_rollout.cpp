#include "core/attention_rollout.h"

#include <string>
#include <vector>

#include "core/error.h"

namespace attnscope {

namespace {

using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Â = ½ (mean over heads of A + I), in double so that a product of many layers stays
// row-stochastic to double precision before the one rounding to float.
MatrixD halfResidualMean(const HeadTensor& weights) {
  const auto length = Eigen::Index(weights.rows());
  MatrixD mean = MatrixD::Zero(length, length);
  for (std::size_t h = 0; h < weights.heads(); ++h) mean += weights.head(h).cast<double>();
  mean /= double(weights.heads());
  return 0.5 * (mean + MatrixD::Identity(length, length));
}

}  // namespace

Matrix attentionRollout(std::span<const HeadTensor* const> layerWeights) {
  if (layerWeights.empty()) {
    throw Error(ErrorKind::InvalidArgument, "attention rollout needs at least one layer");
  }
  const std::size_t length = layerWeights.front()->rows();
  for (std::size_t l = 0; l < layerWeights.size(); ++l) {
    const HeadTensor& weights = *layerWeights[l];
    if (weights.heads() == 0 || weights.rows() != weights.cols() || weights.rows() != length) {
      throw Error(ErrorKind::InvalidArgument, "attention rollout: layer " + std::to_string(l + 1) +
                                                  " is not heads × " + std::to_string(length) +
                                                  " × " + std::to_string(length) +
                                                  " self-attention weights");
    }
  }
  // R = Â_N · … · Â_1: each new layer multiplies on the left, since it mixes the rows (pieces)
  // the layers below have already mixed.
  MatrixD rollout = halfResidualMean(*layerWeights.front());
  for (std::size_t l = 1; l < layerWeights.size(); ++l) {
    rollout = halfResidualMean(*layerWeights[l]) * rollout;
  }
  return rollout.cast<float>();
}

Matrix attentionRollout(const EncoderTrace& trace) {
  std::vector<const HeadTensor*> layerWeights;
  for (const EncoderLayerTrace& layer : trace.layers) {
    layerWeights.push_back(&layer.attention.weights);
  }
  return attentionRollout(layerWeights);
}

}  // namespace attnscope
