#include "core/attention.h"

#include <gtest/gtest.h>

#include <numeric>

#include "core/attention_engine.h"
#include "core/error.h"
#include "core/limits.h"
#include "tests/isa_test_support.h"
#include "tests/reference_attention.h"
#include "tests/test_support.h"

namespace attnscope {
namespace {

using testing::patternMatrix;

TEST(Attention, WeightRowsSumToOne) {
  const AttentionWeights weights = randomWeights(24, 7);
  const Matrix x = patternMatrix(9, 24, 1, 2.0f);
  for (const MaskSpec& mask : {MaskSpec::none(), MaskSpec::causal(), MaskSpec::keyPadding(4)}) {
    const AttentionTrace trace = runAttention(weights, x, x, mask, 3, 1);
    for (std::size_t h = 0; h < 3; ++h) {
      for (std::size_t i = 0; i < trace.queryLength(); ++i) {
        EXPECT_NEAR(trace.weights.head(h).row(Eigen::Index(i)).sum(), 1.0f, 1e-6f);
      }
    }
  }
}

TEST(Attention, CausalUpperTriangleIsZeroAndMaskedIsExactlyMinus1e9) {
  const AttentionWeights weights = randomWeights(16, 3);
  const Matrix x = patternMatrix(6, 16, 2);
  const AttentionTrace trace = runAttention(weights, x, x, MaskSpec::causal(), 4, 1);
  for (std::size_t h = 0; h < 4; ++h) {
    for (std::size_t i = 0; i < 6; ++i) {
      for (std::size_t j = 0; j < 6; ++j) {
        if (j > i) {
          EXPECT_EQ(trace.weights(h, i, j), 0.0f);
          EXPECT_EQ(trace.masked(h, i, j), -1e9f);
        } else {
          EXPECT_EQ(trace.masked(h, i, j), trace.scaled(h, i, j));
          EXPECT_GT(trace.weights(h, i, j), 0.0f);
        }
      }
    }
  }
}

TEST(Attention, PermutingKeysPermutesWeightColumns) {
  const AttentionWeights weights = randomWeights(16, 11);
  const Matrix queries = patternMatrix(5, 16, 3);
  const Matrix keys = patternMatrix(7, 16, 4);
  const std::vector<Eigen::Index> order = {3, 0, 6, 1, 5, 2, 4};
  Matrix permuted(7, 16);
  for (Eigen::Index j = 0; j < 7; ++j) permuted.row(j) = keys.row(order[j]);

  const AttentionTrace plain = runAttention(weights, queries, keys, MaskSpec::none(), 2, 1);
  const AttentionTrace shuffled = runAttention(weights, queries, permuted, MaskSpec::none(), 2, 1);
  for (std::size_t h = 0; h < 2; ++h)
    for (std::size_t i = 0; i < 5; ++i)
      for (std::size_t j = 0; j < 7; ++j)
        EXPECT_NEAR(shuffled.weights(h, i, j), plain.weights(h, i, std::size_t(order[j])), 1e-6f);
  // Attention is a weighted average over keys, so the output ignores their order.
  EXPECT_LT((shuffled.output - plain.output).cwiseAbs().maxCoeff(), 1e-5f);
}

TEST(Attention, OneHeadEqualsTheSingleHeadFormula) {
  const int dModel = 8;
  const AttentionWeights w = randomWeights(dModel, 5);
  const Matrix x = patternMatrix(4, dModel, 6);
  const Matrix q = (x * w.query.weight.transpose()).rowwise() + w.query.bias.transpose();
  const Matrix k = (x * w.key.weight.transpose()).rowwise() + w.key.bias.transpose();
  const Matrix v = (x * w.value.weight.transpose()).rowwise() + w.value.bias.transpose();
  Matrix a = q * k.transpose() / std::sqrt(float(dModel));
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    a.row(i) = (a.row(i).array() - a.row(i).maxCoeff()).exp();
    a.row(i) /= a.row(i).sum();
  }
  const Matrix y = (a * v * w.output.weight.transpose()).rowwise() + w.output.bias.transpose();

  const AttentionTrace trace = runAttention(w, x, x, MaskSpec::none(), 1, 1);
  EXPECT_LT((trace.weights.head(0) - a).cwiseAbs().maxCoeff(), 1e-6f);
  EXPECT_LT((trace.output - y).cwiseAbs().maxCoeff(), 1e-5f);
}

TEST(Attention, ChangingHeadsResplitsTheSameProjections) {
  const AttentionWeights weights = randomWeights(12, 9);
  const Matrix x = patternMatrix(3, 12, 7);
  const AttentionTrace two = runAttention(weights, x, x, MaskSpec::none(), 2, 1);
  const AttentionTrace four = runAttention(weights, x, x, MaskSpec::none(), 4, 1);
  // Column c of Q is in head c / d_k at column c % d_k, whatever the number of heads.
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t c = 0; c < 12; ++c) EXPECT_EQ(two.q(c / 6, i, c % 6), four.q(c / 3, i, c % 3));
}

TEST(Attention, ResultsDoNotDependOnThreadCount) {
  const AttentionWeights weights = randomWeights(64, 21);
  const Matrix x = patternMatrix(33, 64, 8, 3.0f);
  const AttentionTrace reference = runAttention(weights, x, x, MaskSpec::causal(), 8, 1);
  for (int threads : {2, 3, 8, 0}) {
    SCOPED_TRACE(threads);
    const AttentionTrace trace = runAttention(weights, x, x, MaskSpec::causal(), 8, threads);
    EXPECT_TRUE(std::ranges::equal(trace.weights.values(), reference.weights.values()));
    EXPECT_TRUE(trace.output == reference.output);
  }
}

class EnginePath : public testing::PerIsa {};

// Also large enough that the engine wakes its thread pool (small passes run on one thread).
TEST_P(EnginePath, ResultsDoNotDependOnThreadCount) {
  const AttentionWeights weights = randomWeights(96, 21);
  for (const std::size_t length : {33u, 250u}) {
    const Matrix x = patternMatrix(Eigen::Index(length), 96, 8, 3.0f);
    AttentionEngine single(isa());
    const AttentionTrace reference = [&] {
      single.run(weights, x, x, MaskSpec::causal(), 8, 1);
      return single.takeTrace();
    }();
    AttentionEngine engine(isa());
    for (int threads : {2, 3, 8, 0}) {
      SCOPED_TRACE(::testing::Message() << "L " << length << ", threads " << threads);
      const AttentionTrace& trace = engine.run(weights, x, x, MaskSpec::causal(), 8, threads);
      EXPECT_TRUE(std::ranges::equal(trace.scores.values(), reference.scores.values()));
      EXPECT_TRUE(std::ranges::equal(trace.weights.values(), reference.weights.values()));
      EXPECT_TRUE(trace.context == reference.context);
      EXPECT_TRUE(trace.output == reference.output);
    }
  }
}

struct EngineCase {
  const char* name;
  int dModel, heads;
  Eigen::Index queryLength, keyLength;  // keyLength 0: self-attention
  MaskSpec mask;
  float inputScale;
};

std::vector<EngineCase> engineCases() {
  std::vector<std::uint8_t> perHead(3 * 70 * 130);
  for (std::size_t i = 0; i < perHead.size(); ++i) perHead[i] = (i * 7919 % 13) > 3;
  for (std::size_t j = 0; j < 130; ++j) perHead[(1 * 70 + 5) * 130 + j] = 0;  // a blocked row
  return {
      {"self_causal", 64, 4, 40, 0, MaskSpec::causal(), 1.0f},
      {"self_none_odd_dk", 30, 3, 19, 0, MaskSpec::none(), 1.0f},
      {"cross_causal_blocks", 96, 4, 70, 130, MaskSpec::causal(), 1.0f},
      {"padding", 48, 2, 65, 0, MaskSpec::keyPadding(20), 1.0f},
      {"per_head_cells", 30, 3, 70, 130, MaskSpec::cells({3, 70, 130}, perHead), 1.0f},
      {"large_logits", 32, 1, 24, 0, MaskSpec::causal(), 6.0f},
      {"long_rows", 16, 2, 20, 700, MaskSpec::none(), 1.0f},
  };
}

// Every kernel path agrees with the plain Eigen formula within float32 rounding, judged per
// tensor as the golden cases are.
TEST_P(EnginePath, AgreesWithTheReferencePath) {
  AttentionEngine engine(isa());
  for (const EngineCase& c : engineCases()) {
    SCOPED_TRACE(c.name);
    const AttentionWeights weights = randomWeights(c.dModel, 4);
    const Matrix query = patternMatrix(c.queryLength, c.dModel, 1, c.inputScale);
    const Matrix keyValue =
        c.keyLength > 0 ? patternMatrix(c.keyLength, c.dModel, 2, c.inputScale) : query;
    const testing::ReferenceTrace expected =
        testing::referenceAttention(weights, query, keyValue, c.mask, c.heads);
    const AttentionTrace& trace = engine.run(weights, query, keyValue, c.mask, c.heads, 2);
    for (int h = 0; h < c.heads; ++h) {
      const Matrix& s = expected.scores[std::size_t(h)];
      const Matrix& w = expected.weights[std::size_t(h)];
      EXPECT_LE(testing::normalisedError({trace.scores.head(h).data(), std::size_t(s.size())},
                                         {s.data(), std::size_t(s.size())}),
                testing::kGoldenTolerance);
      EXPECT_LE(testing::normalisedError({trace.weights.head(h).data(), std::size_t(w.size())},
                                         {w.data(), std::size_t(w.size())}),
                testing::kGoldenTolerance);
    }
    EXPECT_LE(
        testing::normalisedError({trace.context.data(), std::size_t(trace.context.size())},
                                 {expected.context.data(), std::size_t(expected.context.size())}),
        testing::kGoldenTolerance);
    EXPECT_LE(
        testing::normalisedError({trace.output.data(), std::size_t(trace.output.size())},
                                 {expected.output.data(), std::size_t(expected.output.size())}),
        testing::kGoldenTolerance);
  }
}

// Recomputing at the same sizes reuses every buffer: nothing is allocated once sized.
TEST_P(EnginePath, RerunsReuseTheWorkspace) {
  AttentionEngine engine(isa());
  const AttentionWeights weights = randomWeights(64, 3);
  const Matrix x = patternMatrix(100, 64, 5);
  const AttentionTrace& first = engine.run(weights, x, x, MaskSpec::causal(), 4, 2);
  const float* scores = first.scores.data();
  const float* output = first.output.data();
  const std::size_t bytes = engine.workspaceBytes();
  const Matrix other = patternMatrix(100, 64, 6);
  const AttentionTrace& second = engine.run(weights, other, other, MaskSpec::causal(), 4, 2);
  EXPECT_EQ(second.scores.data(), scores);
  EXPECT_EQ(second.output.data(), output);
  EXPECT_EQ(engine.workspaceBytes(), bytes);
}

INSTANTIATE_TEST_SUITE_P(EachInstructionSet, EnginePath, ::testing::ValuesIn(testing::kAllIsas),
                         testing::isaTestName);

TEST(Attention, TraceOverTheBudgetIsRefused) {
  const AttentionWeights weights = randomWeights(256, 2);
  const Matrix x = patternMatrix(4096, 256, 1);
  // 2 × 64 heads × 4096² floats = 8 GiB: refused before anything that size is allocated.
  EXPECT_FALSE(fullTraceFits(64, 4096, 4096));
  try {
    runAttention(weights, x, x, MaskSpec::none(), 64, 1);
    ADD_FAILURE() << "expected the budget to refuse the trace";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::LimitExceeded);
    EXPECT_NE(std::string(error.what()).find("streaming"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(fullTraceFits(8, 4096, 4096));
}

TEST(Attention, FullyBlockedRowBecomesUniform) {
  const AttentionWeights weights = randomWeights(8, 1);
  const Matrix x = patternMatrix(4, 8, 9);
  std::vector<std::uint8_t> keep(16, 1);
  std::fill_n(keep.begin() + 8, 4, 0);  // row 2 fully blocked
  const AttentionTrace trace = runAttention(weights, x, x, MaskSpec::cells({4, 4}, keep), 2, 1);
  for (std::size_t h = 0; h < 2; ++h)
    for (std::size_t j = 0; j < 4; ++j) EXPECT_FLOAT_EQ(trace.weights(h, 2, j), 0.25f);
}

TEST(Attention, CrossAttentionShapes) {
  const AttentionWeights weights = randomWeights(12, 2);
  const AttentionTrace trace = runAttention(weights, patternMatrix(3, 12, 1),
                                            patternMatrix(5, 12, 2), MaskSpec::causal(), 3, 1);
  EXPECT_EQ(trace.q.shape(), (std::vector<std::size_t>{3, 3, 4}));
  EXPECT_EQ(trace.k.shape(), (std::vector<std::size_t>{3, 5, 4}));
  EXPECT_EQ(trace.weights.shape(), (std::vector<std::size_t>{3, 3, 5}));
  EXPECT_EQ(trace.context.rows(), 3);
  EXPECT_EQ(trace.output.cols(), 12);
  EXPECT_EQ(trace.weights(0, 0, 1), 0.0f);  // tril of a 3 × 5 still hides later keys
}

void expectError(ErrorKind kind, const std::string& fragment, const std::function<void()>& run) {
  try {
    run();
    ADD_FAILURE() << "expected an error mentioning '" << fragment << "'";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), kind);
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

TEST(Attention, BadInputsAreClearErrors) {
  const AttentionWeights weights = randomWeights(12, 2);
  const Matrix x = patternMatrix(3, 12, 1);
  expectError(ErrorKind::InvalidArgument, "not divisible by 5",
              [&] { runAttention(weights, x, x, MaskSpec::none(), 5); });
  expectError(ErrorKind::InvalidArgument, "at least 1",
              [&] { runAttention(weights, x, x, MaskSpec::none(), 0); });
  expectError(ErrorKind::InvalidData, "columns",
              [&] { runAttention(weights, patternMatrix(3, 8, 1), x, MaskSpec::none(), 2); });
  expectError(ErrorKind::InvalidArgument, "empty",
              [&] { runAttention(weights, Matrix(0, 12), x, MaskSpec::none(), 2); });
  Matrix withNan = x;
  withNan(1, 1) = std::nanf("");
  expectError(ErrorKind::InvalidData, "non-finite",
              [&] { runAttention(weights, x, withNan, MaskSpec::none(), 2); });
  AttentionWeights broken = weights;
  broken.value.bias[3] = INFINITY;
  expectError(ErrorKind::InvalidData, "W_v",
              [&] { runAttention(broken, x, x, MaskSpec::none(), 2); });
  expectError(ErrorKind::InvalidData, "does not broadcast", [&] {
    runAttention(weights, x, x, MaskSpec::cells({2, 3}, {1, 1, 1, 1, 1, 1}), 2);
  });
}

TEST(Attention, WithoutScalingSoftmaxSeesTheRawScores) {
  const AttentionWeights weights = randomWeights(32, 4);
  const Matrix x = patternMatrix(5, 32, 3, 2.0f);
  const AttentionTrace scaled = runAttention(weights, x, x, MaskSpec::none(), 2, 1);
  const AttentionTrace raw =
      runAttention(weights, x, x, MaskSpec::none(), 2, 1, ScoreScaling::None);
  EXPECT_EQ(raw.scoreDivisor, 1.0f);
  EXPECT_TRUE(std::ranges::equal(raw.scores.values(), scaled.scores.values()));
  for (std::size_t i = 0; i < 5; ++i) {
    // softmax of the unscaled row, by hand.
    const Eigen::RowVectorXf row = raw.scores.head(1).row(Eigen::Index(i));
    Eigen::RowVectorXf expected = (row.array() - row.maxCoeff()).exp();
    expected /= expected.sum();
    EXPECT_LT((raw.weights.head(1).row(Eigen::Index(i)) - expected).cwiseAbs().maxCoeff(), 1e-6f);
  }
  // Without the division the rows are more peaked: the reason the reference divides.
  EXPECT_GT(raw.weights.head(1).maxCoeff(), scaled.weights.head(1).maxCoeff());
}

}  // namespace
}  // namespace attnscope
