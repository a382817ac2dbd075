// Runtime dispatch: names, forcing a path, refusing one the processor lacks, and proof that a
// forced path's kernels are the ones that actually ran (as simdjson's checkimplementation and
// Highway's TestWithParamTarget check).
#include <gtest/gtest.h>

#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "core/attention_engine.h"
#include "core/cpu_features.h"
#include "core/error.h"
#include "tests/isa_test_support.h"
#include "tests/test_support.h"

namespace attnscope {
namespace {

using testing::PerIsa;

TEST(Dispatch, NamesRoundTrip) {
  for (Isa isa : testing::kAllIsas) {
    if (cpuSupports(isa)) {
      EXPECT_EQ(resolveIsa(isaName(isa)), isa);
    }
  }
  EXPECT_STREQ(isaName(Isa::Scalar), "scalar");
  EXPECT_STREQ(isaName(Isa::Avx2), "avx2");
  EXPECT_STREQ(isaName(Isa::Avx512), "avx512");
}

// Each table declares its own name and features; the list ends with one that needs nothing, so
// every machine has a path.
TEST(Dispatch, EveryTableNamesItselfAndTheLastNeedsNothing) {
  const std::span<const Isa> known = knownIsas();
  ASSERT_GE(known.size(), 3u);
  EXPECT_EQ(known.back(), Isa::Scalar);
  EXPECT_EQ(known.back().table().requiredFeatures, 0u);
  for (std::size_t i = 0; i < known.size(); ++i) {
    EXPECT_STRNE(known[i].table().description, "");
    EXPECT_EQ(&kernelsFor(known[i]), &known[i].table());
    for (std::size_t j = 0; j < i; ++j) EXPECT_STRNE(isaName(known[i]), isaName(known[j]));
  }
}

// The dispatcher walks the list best first and takes the first table whose required features
// are all present (simdjson's (supported & required) == required), on made-up machines.
TEST(Dispatch, PicksTheBestTableTheFeaturesAllow) {
  const CpuFeatures avx2Fma = kCpuAvx2 | kCpuFma;
  const CpuFeatures avx512 = avx2Fma | kCpuAvx512F | kCpuAvx512Bw | kCpuAvx512Dq | kCpuAvx512Vl;
  EXPECT_EQ(bestIsaFor(0), Isa::Scalar);
  EXPECT_EQ(bestIsaFor(kCpuAvx2), Isa::Scalar);  // AVX2 without FMA is not enough
  EXPECT_EQ(bestIsaFor(avx2Fma), Isa::Avx2);
  EXPECT_EQ(bestIsaFor(avx512 & ~CpuFeatures{kCpuAvx512Vl}),
            Isa::Avx2);  // one AVX-512 part missing
  EXPECT_EQ(bestIsaFor(avx512), Isa::Avx512);
  EXPECT_EQ(bestIsaFor(~CpuFeatures{0}), knownIsas().front());
  EXPECT_EQ(bestSupportedIsa(), bestIsaFor(detectCpuFeatures()));
  for (Isa isa : knownIsas()) EXPECT_EQ(cpuSupports(isa), runsOn(isa, detectCpuFeatures()));
}

// A forced name is honoured when the machine has its features and refused, naming what the
// machine can run, when it has not.
TEST(Dispatch, ForcingANameRespectsTheFeatures) {
  const CpuFeatures avx2Fma = kCpuAvx2 | kCpuFma;
  EXPECT_EQ(resolveIsa("avx2", avx2Fma), Isa::Avx2);
  EXPECT_EQ(resolveIsa("scalar", avx2Fma), Isa::Scalar);
  EXPECT_EQ(resolveIsa("", avx2Fma), Isa::Avx2);
  EXPECT_EQ(resolveIsa("scalar", 0), Isa::Scalar);
  try {
    resolveIsa("avx512", avx2Fma);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(std::string(error.what()).find("it supports: avx2, scalar"), std::string::npos)
        << error.what();
  }
  EXPECT_THROW(resolveIsa("avx2", kCpuAvx2), Error);
}

TEST(Dispatch, EmptyRequestIsTheBestSupported) {
  EXPECT_EQ(resolveIsa(""), bestSupportedIsa());
  EXPECT_TRUE(cpuSupports(Isa::Scalar));
  // AVX-512 here needs AVX2 + FMA too, so the order of preference is consistent.
  if (cpuSupports(Isa::Avx512)) {
    EXPECT_TRUE(cpuSupports(Isa::Avx2));
  }
}

TEST(Dispatch, UnknownNameIsAnError) {
  try {
    resolveIsa("sse9");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(std::string(error.what()).find("sse9"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("choose scalar, avx2 or avx512"), std::string::npos)
        << error.what();
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
  std::vector<unsigned long long> before;
  for (Isa other : testing::kAllIsas) before.push_back(*kernelsFor(other).gemmCalls);
  AttentionEngine engine(isa());
  EXPECT_EQ(engine.isa(), isa());
  const AttentionWeights weights = randomWeights(32, 1);
  const Matrix x = testing::patternMatrix(20, 32, 3);
  engine.run(weights, x, x, MaskSpec::causal(), 4, 1);
  engine.runStreaming(weights, x, x, MaskSpec::causal(), 4, 1);
  for (std::size_t i = 0; i < testing::kAllIsas.size(); ++i) {
    const Isa other = testing::kAllIsas[i];
    const unsigned long long calls = *kernelsFor(other).gemmCalls - before[i];
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
