#include "core/attention.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"
#include "core/limits.h"
#include "core/parallel.h"

namespace attnscope {
namespace {

void requireInput(const Matrix& input, const char* name, int dModel) {
  if (input.rows() < 1) {
    throw Error(ErrorKind::InvalidArgument, std::string(name) + " sequence is empty");
  }
  if (input.cols() != dModel) {
    throw Error(ErrorKind::InvalidData, std::string(name) + " has " +
                                            std::to_string(input.cols()) +
                                            " columns but the weights expect d_model " +
                                            std::to_string(dModel));
  }
  if (!input.allFinite()) {
    throw Error(ErrorKind::InvalidData,
                std::string(name) + " holds a non-finite value (NaN or infinity)");
  }
}

// x·Wᵀ + b, as nn.Linear computes it, cut into heads: columns [h·d_k, (h+1)·d_k) are head h.
HeadTensor projectIntoHeads(const Matrix& input, const Projection& projection, int heads) {
  const Matrix projected = (input * projection.weight.transpose()).rowwise() +
                           projection.bias.transpose();
  const auto headWidth = projected.cols() / heads;
  HeadTensor split(heads, projected.rows(), headWidth);
  for (int h = 0; h < heads; ++h) split.head(h) = projected.middleCols(h * headWidth, headWidth);
  return split;
}

// Numerically stable softmax of one row: subtracting the row maximum changes nothing
// mathematically but keeps exp from overflowing on large logits.
void softmaxRow(const float* logits, float* weights, std::size_t length) {
  const float maximum = *std::max_element(logits, logits + length);
  float sum = 0.0f;
  for (std::size_t j = 0; j < length; ++j) {
    weights[j] = std::exp(logits[j] - maximum);
    sum += weights[j];
  }
  for (std::size_t j = 0; j < length; ++j) weights[j] /= sum;
}

}  // namespace

HeadTensor AttentionTrace::scaledScores() const {
  HeadTensor result(scores.heads(), scores.rows(), scores.cols());
  for (std::size_t h = 0; h < scores.heads(); ++h)
    for (std::size_t i = 0; i < scores.rows(); ++i)
      for (std::size_t j = 0; j < scores.cols(); ++j) result(h, i, j) = scaled(h, i, j);
  return result;
}

HeadTensor AttentionTrace::maskedScores() const {
  HeadTensor result(scores.heads(), scores.rows(), scores.cols());
  for (std::size_t h = 0; h < scores.heads(); ++h)
    for (std::size_t i = 0; i < scores.rows(); ++i)
      for (std::size_t j = 0; j < scores.cols(); ++j) result(h, i, j) = masked(h, i, j);
  return result;
}

AttentionTrace runAttention(const AttentionWeights& weights, const Matrix& query,
                            const Matrix& keyValue, const MaskSpec& mask, int heads,
                            int threads) {
  validateWeights(weights);
  const int dModel = weights.modelWidth();
  requireModelWidth(dModel);
  requireHeads(heads, dModel);
  requireInput(query, "the query", dModel);
  requireInput(keyValue, "the key/value", dModel);
  const auto queryLength = static_cast<std::size_t>(query.rows());
  const auto keyLength = static_cast<std::size_t>(keyValue.rows());
  requireTraceFits(heads, queryLength, keyLength);

  AttentionTrace trace;
  trace.heads = heads;
  trace.headWidth = static_cast<std::size_t>(dModel / heads);
  trace.scoreDivisor = static_cast<float>(std::sqrt(static_cast<double>(trace.headWidth)));
  trace.mask = ResolvedMask(mask, heads, queryLength, keyLength);
  trace.q = projectIntoHeads(query, weights.query, heads);
  trace.k = projectIntoHeads(keyValue, weights.key, heads);
  trace.v = projectIntoHeads(keyValue, weights.value, heads);
  trace.scores = HeadTensor(heads, queryLength, keyLength);
  trace.weights = HeadTensor(heads, queryLength, keyLength);
  trace.context.resize(static_cast<Eigen::Index>(queryLength), dModel);

  parallelFor(static_cast<std::size_t>(heads), threads, [&trace](std::size_t h) {
    trace.scores.head(h).noalias() = trace.q.head(h) * trace.k.head(h).transpose();
    std::vector<float> logits(trace.keyLength());
    Eigen::Map<Matrix> headWeights = trace.weights.head(h);
    for (std::size_t i = 0; i < trace.queryLength(); ++i) {
      for (std::size_t j = 0; j < logits.size(); ++j) logits[j] = trace.masked(h, i, j);
      softmaxRow(logits.data(), &headWeights(Eigen::Index(i), 0), logits.size());
    }
    const auto width = static_cast<Eigen::Index>(trace.headWidth);
    trace.context.middleCols(Eigen::Index(h) * width, width).noalias() =
        headWeights * trace.v.head(h);
  });

  trace.output = (trace.context * weights.output.weight.transpose()).rowwise() +
                 weights.output.bias.transpose();
  return trace;
}

}  // namespace attnscope
