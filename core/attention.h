#pragma once

#include <cstddef>

#include "core/blocked_score.h"  // kBlockedScore, what masked_fill writes
#include "core/head_tensor.h"
#include "core/mask.h"
#include "core/matrix.h"
#include "core/weights.h"

// What one forward pass of the reference module produces (AttentionTrace, every intermediate a
// lesson shows) and the reference computation itself (runAttention), with the choices that
// shape it: score scaling and which Lq × Lk arrays to keep.
namespace attnscope {

// The reference divides scores by √d_k. Teaching also needs the other case, to show the
// saturated softmax that the division prevents.
enum class ScoreScaling { SqrtHeadWidth, None };

// Which of the trace's two Lq × Lk arrays a run keeps: a caller that draws one stage (export)
// need not hold the other, the largest part of the trace.
enum class KeptScoreArrays { Both, ScoresOnly, WeightsOnly, Neither };
inline bool keepsScores(KeptScoreArrays kept) {
  return kept == KeptScoreArrays::Both || kept == KeptScoreArrays::ScoresOnly;
}
inline bool keepsWeights(KeptScoreArrays kept) {
  return kept == KeptScoreArrays::Both || kept == KeptScoreArrays::WeightsOnly;
}

// Everything the reference module computes on its way to the output, for batch 1.
struct AttentionTrace {
  int heads = 0;
  std::size_t headWidth = 0;  // d_k = d_v = d_model / heads
  float scoreDivisor = 1.0f;  // √d_k rounded to float32, as the reference divides by it (or 1)
  ResolvedMask mask;
  HeadTensor q;        // heads × Lq × d_k
  HeadTensor k;        // heads × Lk × d_k
  HeadTensor v;        // heads × Lk × d_v
  HeadTensor scores;   // heads × Lq × Lk: q·kᵀ, before scaling (empty if not kept)
  HeadTensor weights;  // heads × Lq × Lk: the row softmax of the masked, scaled scores (likewise)
  Matrix context;      // Lq × heads·d_v: Concat(head_1 … head_h)
  Matrix output;  // Lq × d_out: context·W_oᵀ + b_o (d_out = d_model but in a trained encoder)

  std::size_t queryLength() const { return q.rows(); }
  std::size_t keyLength() const { return k.rows(); }

  // Scaled and masked scores are not stored: each is one division, or one select, of a score,
  // which keeps the trace at two Lq × Lk arrays per head.
  float scaled(std::size_t h, std::size_t i, std::size_t j) const {
    return scores(h, i, j) / scoreDivisor;
  }
  float masked(std::size_t h, std::size_t i, std::size_t j) const {
    return mask.keeps(static_cast<int>(h), i, j) ? scaled(h, i, j) : kBlockedScore;
  }
  HeadTensor scaledScores() const;
  HeadTensor maskedScores() const;
};

// The reference module's forward pass in float32: queries from `query` (Lq × d_model), keys and
// values from `keyValue` (Lk × d_model; pass `query` again for self-attention). Heads run in
// parallel on `threads` threads (0 = all cores) with results independent of that number.
// Throws Error for mismatched shapes, non-finite inputs, bad sizes, a mask that does not fit or
// a trace over kFullTraceBudgetBytes. A convenience over AttentionEngine (attention_engine.h),
// which keeps its workspace between runs and also has the streaming path for long sequences.
AttentionTrace runAttention(const AttentionWeights& weights, const Matrix& query,
                            const Matrix& keyValue, const MaskSpec& mask, int heads,
                            int threads = 0, ScoreScaling scaling = ScoreScaling::SqrtHeadWidth);

}  // namespace attnscope
