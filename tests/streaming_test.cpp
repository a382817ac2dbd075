// The streaming path (online softmax over key blocks, pooled pictures) against the reference
// path, on every instruction set, and its memory at the long-sequence size.
#include <gtest/gtest.h>

#include <atomic>

#include "core/attention_engine.h"
#include "core/attention_engine_parts.h"
#include "core/error.h"
#include "tests/isa_test_support.h"
#include "tests/reference_attention.h"
#include "tests/test_support.h"

namespace attnscope {
namespace {

using testing::patternMatrix;

class Streaming : public testing::PerIsa {};

struct StreamingCase {
  const char* name;
  int dModel, heads;
  Eigen::Index queryLength, keyLength;  // keyLength 0: self-attention
  MaskSpec mask;
  std::size_t pictureSize;
};

std::vector<StreamingCase> streamingCases() {
  std::vector<std::uint8_t> perHead(2 * 90 * 300);
  for (std::size_t i = 0; i < perHead.size(); ++i) perHead[i] = (i * 7919 % 11) > 2;
  for (std::size_t j = 0; j < 300; ++j) perHead[(1 * 90 + 7) * 300 + j] = 0;  // a blocked row
  return {
      // Pictures as large as the sequence: every cell is one weight.
      {"causal_one_weight_per_cell", 64, 4, 300, 0, MaskSpec::causal(), 512},
      // Uneven bins (700 rows into 64 cells) and key blocks that end inside a bin.
      {"causal_pooled", 32, 2, 700, 0, MaskSpec::causal(), 64},
      {"cross_none", 48, 3, 50, 600, MaskSpec::none(), 37},
      {"padding", 40, 4, 130, 0, MaskSpec::keyPadding(90), 16},
      {"per_head_cells", 20, 2, 90, 300, MaskSpec::cells({2, 90, 300}, perHead), 45},
      {"odd_head_width", 30, 3, 270, 0, MaskSpec::causal(), 100},
  };
}

// The mean of the reference weights over each picture cell.
std::vector<float> pooledReference(const testing::ReferenceTrace& reference,
                                   const AttentionSummary& summary) {
  std::vector<float> picture;
  for (const Matrix& weights : reference.weights) {
    for (std::size_t r = 0; r < summary.picture.rows(); ++r) {
      for (std::size_t c = 0; c < summary.picture.cols(); ++c) {
        double sum = 0.0;
        const std::size_t rows = summary.rowStart(r + 1) - summary.rowStart(r);
        const std::size_t cols = summary.columnStart(c + 1) - summary.columnStart(c);
        for (std::size_t i = summary.rowStart(r); i < summary.rowStart(r + 1); ++i)
          for (std::size_t j = summary.columnStart(c); j < summary.columnStart(c + 1); ++j)
            sum += weights(Eigen::Index(i), Eigen::Index(j));
        picture.push_back(float(sum / double(rows * cols)));
      }
    }
  }
  return picture;
}

TEST_P(Streaming, AgreesWithTheReferencePath) {
  AttentionEngine engine(isa());
  for (const StreamingCase& c : streamingCases()) {
    SCOPED_TRACE(c.name);
    const AttentionWeights weights = randomWeights(c.dModel, 8);
    const Matrix query = patternMatrix(c.queryLength, c.dModel, 3, 2.0f);
    const Matrix keyValue = c.keyLength > 0 ? patternMatrix(c.keyLength, c.dModel, 4, 2.0f) : query;
    const testing::ReferenceTrace expected =
        testing::referenceAttention(weights, query, keyValue, c.mask, c.heads);
    const AttentionSummary& summary =
        engine.runStreaming(weights, query, keyValue, c.mask, c.heads, 2, c.pictureSize);
    ASSERT_EQ(summary.picture.rows(), std::min<std::size_t>(c.pictureSize, c.queryLength));
    ASSERT_EQ(summary.picture.cols(),
              std::min<std::size_t>(c.pictureSize, c.keyLength > 0 ? c.keyLength : c.queryLength));
    EXPECT_LE(
        testing::normalisedError({summary.context.data(), std::size_t(summary.context.size())},
                                 {expected.context.data(), std::size_t(expected.context.size())}),
        testing::kGoldenTolerance);
    EXPECT_LE(
        testing::normalisedError({summary.output.data(), std::size_t(summary.output.size())},
                                 {expected.output.data(), std::size_t(expected.output.size())}),
        testing::kGoldenTolerance);
    EXPECT_LE(
        testing::normalisedError(summary.picture.values(), pooledReference(expected, summary)),
        testing::kGoldenTolerance);
  }
}

TEST_P(Streaming, ResultsDoNotDependOnThreadCount) {
  const AttentionWeights weights = randomWeights(64, 2);
  const Matrix x = patternMatrix(600, 64, 9, 2.0f);
  AttentionEngine one(isa()), many(isa());
  const AttentionSummary& reference =
      one.runStreaming(weights, x, x, MaskSpec::causal(), 4, 1, 100);
  for (int threads : {2, 3, 0}) {
    SCOPED_TRACE(threads);
    const AttentionSummary& summary =
        many.runStreaming(weights, x, x, MaskSpec::causal(), 4, threads, 100);
    EXPECT_TRUE(summary.output == reference.output);
    EXPECT_TRUE(std::ranges::equal(summary.picture.values(), reference.picture.values()));
  }
}

INSTANTIATE_TEST_SUITE_P(EachInstructionSet, Streaming, ::testing::ValuesIn(testing::kAllIsas),
                         testing::isaTestName);

// The long-sequence case: L = 4096, d_model = 512, 8 heads, 512 × 512 pictures, with the
// engine's own memory within 64 MiB beyond the inputs, weights and output.
TEST(StreamingMemory, LongSequenceStaysWithin64MiB) {
  AttentionEngine engine;
  const AttentionWeights weights = randomWeights(512, 1);
  const Matrix x = patternMatrix(4096, 512, 2);
  const AttentionSummary& summary = engine.runStreaming(weights, x, x, MaskSpec::causal(), 8, 0);
  EXPECT_EQ(summary.picture.shape(), (std::vector<std::size_t>{8, 512, 512}));
  EXPECT_TRUE(summary.output.allFinite());
  const std::size_t outputBytes = std::size_t(summary.output.size()) * sizeof(float);
  EXPECT_LE(engine.workspaceBytes() - outputBytes, std::size_t{64} << 20)
      << "engine memory " << (engine.workspaceBytes() >> 20) << " MiB";
}

// Issue 11: the streaming path gives memory back. A run over 65,536 keys needs two 32 MiB
// buffers (K packed into panels, V padded to panels); a short run after it must hold about what a
// fresh engine holds for the short run, not keep the long run's buffers.
TEST(StreamingMemory, ASmallRunAfterALargeOneGivesMemoryBack) {
  const AttentionWeights weights = randomWeights(128, 5);
  const Matrix queries = patternMatrix(8, 128, 6);
  const Matrix longKeys = patternMatrix(65536, 128, 7);
  const Matrix shortKeys = patternMatrix(64, 128, 8);
  AttentionEngine engine;
  engine.runStreaming(weights, queries, longKeys, MaskSpec::none(), 8, 1);
  const std::size_t afterLong = engine.workspaceBytes();
  EXPECT_GE(afterLong, std::size_t{64} << 20) << (afterLong >> 20) << " MiB";
  const AttentionSummary& summary =
      engine.runStreaming(weights, queries, shortKeys, MaskSpec::none(), 8, 1);
  const std::size_t afterShort = engine.workspaceBytes();

  AttentionEngine fresh;
  const AttentionSummary& expected =
      fresh.runStreaming(weights, queries, shortKeys, MaskSpec::none(), 8, 1);
  EXPECT_TRUE(summary.output == expected.output);  // and the results do not depend on history
  EXPECT_LE(afterShort, fresh.workspaceBytes() + (std::size_t{1} << 20))
      << "after the long run " << (afterLong >> 20) << " MiB, after the short one "
      << (afterShort >> 10) << " KiB, fresh " << (fresh.workspaceBytes() >> 10) << " KiB";
}

// The rule itself: sizes that repeat or change a little keep their storage (no reallocation as
// the user types); a size far below what is held, beyond the slack, frees the rest.
TEST(StreamingMemory, FitBufferKeepsSmallChangesAndGivesBackLargeOnes) {
  std::vector<float> buffer;
  fitBuffer(buffer, 1000);
  const float* storage = buffer.data();
  fitBuffer(buffer, 900);
  fitBuffer(buffer, 1000);
  EXPECT_EQ(buffer.data(), storage);
  const std::size_t large = 3 * kBufferSlackBytes / sizeof(float);
  fitBuffer(buffer, large);
  EXPECT_GE(buffer.capacity(), large);
  fitBuffer(buffer, large / 2);  // half: kept, within twice the need plus the slack
  EXPECT_GE(buffer.capacity(), large);
  fitBuffer(buffer, 1000);
  EXPECT_EQ(buffer.size(), 1000u);
  EXPECT_LT(buffer.capacity(), large / 2);
}

// A set cancel flag stops both paths with Error(Cancelled); cleared, the same engine runs to the
// same numbers as an engine without a flag.
TEST(EngineCancel, SetFlagStopsEitherPathAndClearedFlagRunsNormally) {
  const AttentionWeights weights = randomWeights(32, 3);
  const Matrix x = patternMatrix(200, 32, 4);
  std::atomic<bool> cancel = true;
  AttentionEngine engine;
  engine.setCancelFlag(&cancel);
  const auto expectCancelled = [](const auto& run) {
    try {
      run();
      ADD_FAILURE() << "the run finished although cancelled";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::Cancelled);
    }
  };
  expectCancelled([&] { engine.run(weights, x, x, MaskSpec::causal(), 4); });
  expectCancelled([&] { engine.runStreaming(weights, x, x, MaskSpec::causal(), 4); });

  cancel = false;
  const AttentionTrace trace = [&] {
    engine.run(weights, x, x, MaskSpec::causal(), 4);
    return engine.takeTrace();
  }();
  const AttentionTrace reference = runAttention(weights, x, x, MaskSpec::causal(), 4);
  EXPECT_TRUE(std::ranges::equal(trace.weights.values(), reference.weights.values()));
  EXPECT_EQ(trace.output, reference.output);
}

}  // namespace
}  // namespace attnscope
