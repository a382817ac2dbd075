// An engine told to keep only the scores or only the weights (export draws one stage) computes
// exactly what it computes keeping both, and holds no memory for the other (issue 20, point 6).
#include <gtest/gtest.h>

#include <vector>

#include "core/attention_engine.h"
#include "tests/test_support.h"

namespace attnscope {
namespace {

std::vector<float> valuesOf(const Matrix& m) { return {m.data(), m.data() + m.size()}; }
std::vector<float> valuesOf(const HeadTensor& t) { return {t.values().begin(), t.values().end()}; }

TEST(KeptScoreArrays, OneArrayKeptIsBitIdenticalAndTheOtherTakesNoMemory) {
  const AttentionWeights weights = randomWeights(32, 6);
  const Matrix input = testing::patternMatrix(300, 32, 7);
  AttentionEngine both;
  const AttentionTrace& full = both.run(weights, input, input, MaskSpec::causal(), 4, 2);
  for (const KeptScoreArrays kept :
       {KeptScoreArrays::ScoresOnly, KeptScoreArrays::WeightsOnly, KeptScoreArrays::Neither}) {
    AttentionEngine engine;
    engine.setKeptScoreArrays(kept);
    const AttentionTrace& trace = engine.run(weights, input, input, MaskSpec::causal(), 4, 2);
    EXPECT_EQ(trace.queryLength(), 300u);
    EXPECT_EQ(trace.keyLength(), 300u);
    EXPECT_EQ(valuesOf(trace.output), valuesOf(full.output));
    EXPECT_EQ(valuesOf(trace.context), valuesOf(full.context));
    if (keepsScores(kept)) {
      EXPECT_EQ(valuesOf(trace.scores), valuesOf(full.scores));
    } else {
      EXPECT_TRUE(trace.scores.values().empty());
    }
    if (keepsWeights(kept)) {
      EXPECT_EQ(valuesOf(trace.weights), valuesOf(full.weights));
    } else {
      EXPECT_TRUE(trace.weights.values().empty());
    }
    const std::size_t arrayBytes = 4 * 300 * 300 * sizeof(float);
    const std::size_t dropped = (keepsScores(kept) ? 0 : 1) + (keepsWeights(kept) ? 0 : 1);
    // Each of the 2 threads holds at most 128 rows of each dropped array, in place of all 300.
    const std::size_t blockBuffers = 2 * dropped * 128 * 300 * sizeof(float);
    EXPECT_LE(engine.workspaceBytes() + dropped * arrayBytes, both.workspaceBytes() + blockBuffers);
  }
}

}  // namespace
}  // namespace attnscope
