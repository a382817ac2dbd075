// Finite inputs whose results overflow float32 (issue 20, point 10): the engine names the first
// stage and head that went non-finite, on both paths and for any thread count; float64 inputs
// beyond float32's range are "too large for float32", not "NaN or infinity".
#include <gtest/gtest.h>

#include <string>

#include "core/attention_engine.h"
#include "core/error.h"
#include "core/float32_range.h"
#include "tests/test_support.h"

namespace attnscope {
namespace {

constexpr int kModelWidth = 16;
constexpr int kHeads = 4;  // d_k = 4: head h has rows 4h … 4h+3 of W_q, W_k, W_v

// Sets the rows of `projection` that belong to `head` (all heads when head < 0) to `value`.
void setHead(Projection& projection, int head, float value) {
  const int width = kModelWidth / kHeads;
  for (int row = 0; row < kModelWidth; ++row) {
    if (head < 0 || row / width == head) projection.weight.row(row).setConstant(value);
  }
}

// The message of the Error the engine throws, on the full trace or the streaming path.
std::string failure(const AttentionWeights& weights, const Matrix& input, bool streaming,
                    int threads) {
  AttentionEngine engine;
  try {
    if (streaming) {
      engine.runStreaming(weights, input, input, MaskSpec::causal(), kHeads, threads);
    } else {
      engine.run(weights, input, input, MaskSpec::causal(), kHeads, threads);
    }
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidData);
    return error.what();
  }
  return "no error";
}

// Inputs of ones, so that rows of huge equal weights add up instead of cancelling.
void expectOnEveryPath(const AttentionWeights& weights, const std::string& start) {
  const Matrix input = Matrix::Ones(40, kModelWidth);
  for (const bool streaming : {false, true}) {
    for (const int threads : {1, 2}) {
      const std::string message = failure(weights, input, streaming, threads);
      EXPECT_TRUE(message.starts_with(start))
          << (streaming ? "streaming" : "full trace") << ", " << threads << " threads: " << message;
    }
  }
}

TEST(Overflow, ScoresOfHugeFiniteWeightsNameTheirHead) {
  // Weights of 1e20 give projections near 1e21 (finite) and scores near 1e42 (not).
  AttentionWeights weights = randomWeights(kModelWidth, 1);
  setHead(weights.query, 2, 1e20f);
  setHead(weights.key, 2, 1e20f);
  expectOnEveryPath(weights, "the scores overflow float32 at head 3 (");
  setHead(weights.query, 1, 1e20f);
  setHead(weights.key, 1, 1e20f);
  expectOnEveryPath(weights, "the scores overflow float32 at head 2 (");  // the first head
}

TEST(Overflow, ProjectionsAndOutputNameTheirStage) {
  AttentionWeights values = randomWeights(kModelWidth, 2);
  setHead(values.value, 3, 1e38f);
  expectOnEveryPath(values, "the value projection overflows float32 at head 4 (X·W_vᵀ + b_v");
  AttentionWeights output = randomWeights(kModelWidth, 2);
  setHead(output.value, -1, 1.0f);  // a positive context, so its products do not cancel
  setHead(output.output, -1, 1e38f);
  expectOnEveryPath(output, "the output projection overflows float32 (context·W_oᵀ + b_o");
}

TEST(Overflow, OrdinaryWeightsPassAndTheEngineRunsAgainAfterAnOverflow) {
  AttentionWeights huge = randomWeights(kModelWidth, 4);
  setHead(huge.query, -1, 1e38f);
  AttentionEngine engine;
  const Matrix input = Matrix::Ones(20, kModelWidth);
  EXPECT_THROW(engine.run(huge, input, input, MaskSpec::none(), kHeads, 1), Error);
  const AttentionTrace& trace =
      engine.run(randomWeights(kModelWidth, 4), input, input, MaskSpec::none(), kHeads, 1);
  EXPECT_TRUE(allFinite(trace.output.data(), std::size_t(trace.output.size())));
}

// The readers' use of it: NpyTest and Safetensors.LoadsFloat64RoundedToFloat32.
TEST(Float32Range, Float64BeyondFloat32IsTooLargeNotNonFinite) {
  EXPECT_EQ(narrowToFloat32(3.0e38, 0, "x"), 3.0e38f);
  EXPECT_EQ(narrowToFloat32(-1.5, 0, "x"), -1.5f);
  try {
    narrowToFloat32(-1e300, 7, "q.npy");
    FAIL();
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(),
                 "q.npy: value -1e+300 at index 7 is too large for float32 (at most ±3.4e38)");
  }
}

}  // namespace
}  // namespace attnscope
