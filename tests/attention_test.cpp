#include "core/attention.h"

#include <gtest/gtest.h>

#include <numeric>

#include "core/error.h"
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

TEST(Attention, FullyBlockedRowBecomesUniform) {
  const AttentionWeights weights = randomWeights(8, 1);
  const Matrix x = patternMatrix(4, 8, 9);
  std::vector<std::uint8_t> keep(16, 1);
  std::fill_n(keep.begin() + 8, 4, 0);  // row 2 fully blocked
  const AttentionTrace trace =
      runAttention(weights, x, x, MaskSpec::cells({4, 4}, keep), 2, 1);
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
  expectError(ErrorKind::InvalidData, "does not broadcast",
              [&] { runAttention(weights, x, x, MaskSpec::cells({2, 3}, {1, 1, 1, 1, 1, 1}), 2); });
}

}  // namespace
}  // namespace attnscope
