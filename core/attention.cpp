#include "core/attention.h"

#include "core/attention_engine.h"

namespace attnscope {

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
                            const Matrix& keyValue, const MaskSpec& mask, int heads, int threads,
                            ScoreScaling scaling) {
  AttentionEngine engine;
  engine.setScoreScaling(scaling);
  engine.run(weights, query, keyValue, mask, heads, threads);
  return engine.takeTrace();
}

}  // namespace attnscope
