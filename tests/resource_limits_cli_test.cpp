// The real binary under resource limits (ulimit in a child shell): a refused thread or a failed
// allocation ends the run with one "out of memory (…)" line and exit status 1, never a hang
// (issue 20, point 4); --threads has a documented ceiling.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/limited_run.h"
#include "tests/temp_folder_test.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;
using testing::isOneErrorLine;
using testing::LimitedRun;

// Thread stacks take RLIMIT_STACK's size: with 1.9 GB stacks and 2.9 GB of address space, the
// first worker starts and the second is refused, whatever the binary's own size (well under 1 GB).
const char* const kRoomForOneWorker = "ulimit -s 2000000; ulimit -v 3000000";
// Four threads in all are within the --threads ceiling on any machine (4 per core).
const char* const kFourThreads = "4";

class ResourceLimitsCli : public testing::TempFolderTest {
 protected:
  void SetUp() override {
    if (!testing::kAddressSpaceLimitsApply) {
      GTEST_SKIP() << "ulimit -v cannot apply to an AddressSanitizer build";
    }
    TempFolderTest::SetUp();
  }

  LimitedRun run(const std::vector<std::string>& arguments, const std::string& limits = "") const {
    return testing::runLimited(ATTNSCOPE_BINARY, arguments, m_root, limits);
  }
};

std::vector<std::string> smallDump(const std::string& threads) {
  return {"dump", "--text",    "The cat sat", "--d-model", "8", "--heads",
          "1",    "--threads", threads,       "--out",     "x"};
}

std::vector<std::string> smallBench(const std::string& threads) {
  return {"bench", "--seq-len", "16",    "--d-model", "8", "--heads",
          "1",     "--threads", threads, "--repeat",  "1"};
}

TEST_F(ResourceLimitsCli, ThreadsBeyondTheCeilingAreAUsageError) {
  // The repros: these hung (300 stacks in 2 GB of address space).
  for (const auto& arguments : {smallDump("300"), smallBench("1024")}) {
    const LimitedRun result = run(arguments, "ulimit -v 2000000");
    ASSERT_FALSE(result.hung()) << arguments.front();
    EXPECT_EQ(result.status, 2) << result.err;
    EXPECT_TRUE(isOneErrorLine(result.err, "--threads needs a whole number from 0")) << result.err;
    EXPECT_NE(result.err.find("at most 256"), std::string::npos) << result.err;
  }
  EXPECT_FALSE(fs::exists(m_root / "x"));
}

TEST_F(ResourceLimitsCli, RefusedWorkerThreadIsOutOfMemoryNotAHang) {
  for (const auto& arguments : {smallDump(kFourThreads), smallBench(kFourThreads)}) {
    const LimitedRun result = run(arguments, kRoomForOneWorker);
    ASSERT_FALSE(result.hung()) << arguments.front() << " hung";
    EXPECT_EQ(result.status, 1) << result.err;
    EXPECT_TRUE(isOneErrorLine(result.err, "out of memory (starting 3 worker threads"))
        << result.err;
  }
  EXPECT_FALSE(fs::exists(m_root / "x"));
  // The same runs on one thread need no worker and succeed under the same limits.
  const LimitedRun single = run(smallDump("1"), kRoomForOneWorker);
  EXPECT_EQ(single.status, 0) << single.err;
}

TEST_F(ResourceLimitsCli, FailedAllocationNamesWhatWasBeingAllocated) {
  // 8 heads × 4608² × 2 arrays is 1296 MiB of trace, within its budget but not within 1 GB of
  // address space.
  const LimitedRun result = run({"bench", "--seq-len", "4608", "--d-model", "64", "--heads", "8",
                                 "--threads", "1", "--path", "full", "--repeat", "1"},
                                "ulimit -v 1000000");
  ASSERT_FALSE(result.hung());
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_TRUE(isOneErrorLine(result.err,
                             "out of memory (the full trace of 8 heads × 4608 × 4608, 1296 MiB)"))
      << result.err;
}

}  // namespace
}  // namespace attnscope
