#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/attention.h"

// The forward pass written as plainly as the formula, with Eigen and no kernels of our own: the
// reference-exact path (it matched the golden fixtures before the SIMD engine existed) that
// every kernel path is compared with.
namespace attnscope::testing {

struct ReferenceTrace {
  std::vector<Matrix> scores, weights;  // per head, Lq × Lk
  Matrix context, output;
};

inline ReferenceTrace referenceAttention(const AttentionWeights& w, const Matrix& query,
                                         const Matrix& keyValue, const MaskSpec& maskSpec,
                                         int heads) {
  const Eigen::Index d = w.modelWidth(), dk = d / heads;
  const ResolvedMask mask(maskSpec, heads, std::size_t(query.rows()), std::size_t(keyValue.rows()));
  const auto project = [](const Matrix& x, const Projection& p) -> Matrix {
    return (x * p.weight.transpose()).rowwise() + p.bias.transpose();
  };
  const Matrix q = project(query, w.query), k = project(keyValue, w.key),
               v = project(keyValue, w.value);
  const float divisor = float(std::sqrt(double(dk)));
  ReferenceTrace trace;
  trace.context.resize(query.rows(), d);
  for (int h = 0; h < heads; ++h) {
    const Matrix scores = q.middleCols(h * dk, dk) * k.middleCols(h * dk, dk).transpose();
    Matrix weights(scores.rows(), scores.cols());
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
      for (Eigen::Index j = 0; j < scores.cols(); ++j) {
        weights(i, j) =
            mask.keeps(h, std::size_t(i), std::size_t(j)) ? scores(i, j) / divisor : kBlockedScore;
      }
      const float maximum = weights.row(i).maxCoeff();
      weights.row(i) = (weights.row(i).array() - maximum).exp();
      weights.row(i) /= weights.row(i).sum();
    }
    trace.context.middleCols(h * dk, dk) = weights * v.middleCols(h * dk, dk);
    trace.scores.push_back(scores);
    trace.weights.push_back(weights);
  }
  trace.output = project(trace.context, w.output);
  return trace;
}

}  // namespace attnscope::testing
