// dump and export at a quarter of the full trace's limit, under an address-space limit that the
// trace fits in but the copies they used to make do not (issue 20, point 6): dump writes its
// H × Lq × Lk files straight from the trace, and export keeps only the array it draws.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/npy.h"
#include "core/weights.h"
#include "tests/limited_run.h"
#include "tests/safetensors_builder.h"
#include "tests/temp_folder_test.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;
using testing::LimitedRun;

// One head over 8192 × 8192: each Lq × Lk array is 256 MiB, the trace's two 512 MiB. The old
// dump held six such arrays at once (1.5 GiB) and export four (1 GiB, with the figure's copy).
constexpr std::size_t kLength = 8192;
constexpr std::uint64_t kArrayBytes = std::uint64_t{kLength} * kLength * sizeof(float);
// 1000 MB of address space: the 512 MiB trace plus the binary, its libraries and buffers.
const char* const kAddressSpace = "ulimit -v 1000000";

class TraceMemoryCli : public testing::TempFolderTest {
 protected:
  void SetUp() override {
    if (!testing::kAddressSpaceLimitsApply) {
      GTEST_SKIP() << "ulimit -v cannot apply to an AddressSanitizer build";
    }
    TempFolderTest::SetUp();
  }
};

TEST_F(TraceMemoryCli, DumpNeedsNoMemoryBeyondTheTrace) {
  const std::vector<std::byte> bytes = testing::referenceStateDict(randomWeights(1, 1)).bytes();
  std::ofstream(m_root / "w.safetensors", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  std::vector<float> query(kLength);
  for (std::size_t i = 0; i < kLength; ++i) query[i] = float(i % 7) / 7.0f - 0.5f;
  npy::writeFloat32(m_root / "q.npy", std::vector<std::size_t>{kLength, 1}, query);
  const LimitedRun result =
      testing::runLimited(ATTNSCOPE_BINARY,
                          {"dump", "--weights", "w.safetensors", "--heads", "1", "--query", "q.npy",
                           "--mask", "causal", "--threads", "1", "--out", "out"},
                          m_root, kAddressSpace, 200);
  ASSERT_EQ(result.status, 0) << result.err;
  for (const char* name : {"scores.npy", "scaled.npy", "masked.npy", "weights.npy"}) {
    EXPECT_EQ(fs::file_size(m_root / "out" / name), kArrayBytes + 128) << name;
  }
  // Derived while writing, yet exact: masked = scaled where kept, −1e9 where blocked.
  std::ifstream masked(m_root / "out" / "masked.npy", std::ios::binary);
  masked.seekg(128 + 4);  // row 0, key 1: blocked by the causal mask
  float blocked = 0;
  masked.read(reinterpret_cast<char*>(&blocked), sizeof blocked);
  EXPECT_EQ(blocked, -1e9f);
}

TEST_F(TraceMemoryCli, ExportUnderAMemoryLimitDrawsOrRefusesNeverCrashes) {
  std::ofstream(m_root / "pad.attnscope")
      << R"({"format": "attnscope-session", "version": 1, "text": "a", "d_model": 8, "heads": 1,
             "mask": {"mode": "key_padding", "padded_length": )"
      << kLength << "}}";
  const LimitedRun result = testing::runLimited(
      ATTNSCOPE_BINARY, {"export", "--session", "pad.attnscope", "--out", "fig.png"}, m_root,
      std::string(kAddressSpace) + "; export QT_QPA_PLATFORM=offscreen", 200);
  // The trace (256 MiB of weights) fits; drawing paints the cells from an image of one pixel per
  // cell (another 256 MiB, with 320 MiB of cell values), which may not. Either way: a figure, or
  // one "out of memory" line, never a crash (it was SIGSEGV on the null image).
  EXPECT_TRUE(result.status == 0 ||
              (result.status == 1 && testing::isOneErrorLine(result.err, "out of memory (")))
      << result.status << " " << result.err;
  if (result.status == 0) {
    EXPECT_GT(fs::file_size(m_root / "fig.png"), 0u);
  }
}

// The issue's 127-byte lesson: key padding to 16384 keys made export take 5.6 GB. A figure needs
// 12 bytes a cell (the kept array, the cells' values, their image), so export refuses more than
// 2 GiB / 12 cells at once, before computing: its peak is the budget the README states.
TEST_F(TraceMemoryCli, ExportRefusesAFigureBeyondItsBudgetBeforeComputing) {
  std::ofstream(m_root / "pad.attnscope")
      << R"({"format": "attnscope-session", "version": 1, "text": "a", "d_model": 8, "heads": 1,
             "mask": {"mode": "key_padding", "padded_length": 16384}})";
  const LimitedRun result = testing::runLimited(
      ATTNSCOPE_BINARY, {"export", "--session", "pad.attnscope", "--out", "fig.png"}, m_root,
      std::string(kAddressSpace) + "; export QT_QPA_PLATFORM=offscreen", 60);
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_TRUE(testing::isOneErrorLine(
      result.err, "a figure of 1 × 16384 × 16384 scores would need more than export's 2 GiB"))
      << result.err;
  EXPECT_FALSE(fs::exists(m_root / "fig.png"));
}

}  // namespace
}  // namespace attnscope
