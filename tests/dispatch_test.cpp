// Runtime dispatch: names, forcing a path, refusing one the processor lacks, and proof that a
// forced path's kernels are the ones that actually ran (as simdjson's checkimplementation and
// Highway's TestWithParamTarget check).
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/attention_engine.h"
#include "core/error.h"
#include "tests/isa_test_support.h"
#include "tests/test_support.h"

namespace attnscope {
namespace {

using testing::PerIsa;

TEST(Dispatch, NamesRoundTrip) {
  for (Isa isa : testing::kAllIsas) {
    if (cpuSupports(isa)) EXPECT_EQ(resolveIsa(isaName(isa)), isa);
  }
  EXPECT_STREQ(isaName(Isa::Scalar), "scalar");
  EXPECT_STREQ(isaName(Isa::Avx2), "avx2");
  EXPECT_STREQ(isaName(Isa::Avx512), "avx512");
}

TEST(Dispatch, EmptyRequestIsTheBestSupported) {
  EXPECT_EQ(resolveIsa(""), bestSupportedIsa());
  EXPECT_TRUE(cpuSupports(Isa::Scalar));
  // AVX-512 here needs AVX2 + FMA too, so the order of preference is consistent.
  if (cpuSupports(Isa::Avx512)) EXPECT_TRUE(cpuSupports(Isa::Avx2));
}

TEST(Dispatch, UnknownNameIsAnError) {
  try {
    resolveIsa("sse9");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(std::string(error.what()).find("sse9"), std::string::npos);
  }
}

TEST(Dispatch, PathTheProcessorLacksIsAnError) {
  for (Isa isa : testing::kAllIsas) {
    if (cpuSupports(isa)) continue;
    EXPECT_THROW(resolveIsa(isaName(isa)), Error);
    EXPECT_THROW(AttentionEngine{isa}, Error);
  }
  if (cpuSupports(Isa::Avx512)) GTEST_SKIP() << "this processor runs every path";
}

TEST(Dispatch, ActiveIsaFollowsTheEnvironment) {
  const char* request = std::getenv("ATTNSCOPE_ISA");
  EXPECT_EQ(activeIsa(), resolveIsa(request != nullptr ? request : ""));
  EXPECT_STREQ(isaName(), isaName(activeIsa()));
}

class ForcedPath : public PerIsa {};

// The engine forced to one path calls that path's kernels and no other's.
TEST_P(ForcedPath, OnlyTheForcedKernelsRun) {
  unsigned long long before[3];
  for (Isa other : testing::kAllIsas) before[int(other)] = *kernelsFor(other).gemmCalls;
  AttentionEngine engine(isa());
  EXPECT_EQ(engine.isa(), isa());
  const AttentionWeights weights = randomWeights(32, 1);
  const Matrix x = testing::patternMatrix(20, 32, 3);
  engine.run(weights, x, x, MaskSpec::causal(), 4, 1);
  engine.runStreaming(weights, x, x, MaskSpec::causal(), 4, 1);
  for (Isa other : testing::kAllIsas) {
    const unsigned long long calls = *kernelsFor(other).gemmCalls - before[int(other)];
    if (other == isa()) {
      EXPECT_GT(calls, 0u) << isaName(other);
    } else {
      EXPECT_EQ(calls, 0u) << isaName(other);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EachInstructionSet, ForcedPath, ::testing::ValuesIn(testing::kAllIsas),
                         testing::isaTestName);

}  // namespace
}  // namespace attnscope
