// Finite weights of ±1e20 overflow float32 in the scores: dump and export exit 1 naming the
// stage and head instead of writing infinities or painting NaN (issue 20, point 10); a float64
// 1e300 is too large for float32.
#include <gtest/gtest.h>

#include <cstring>
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
using testing::isOneErrorLine;
using testing::LimitedRun;

constexpr int kModelWidth = 8;

class OverflowCli : public testing::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    // Alternating ±1e20: X·Wᵀ stays finite (about 1e20), q·kᵀ does not (about 1e40).
    AttentionWeights weights = randomWeights(kModelWidth, 1);
    for (Projection* projection : weights.projections()) {
      for (Eigen::Index i = 0; i < projection->weight.size(); ++i) {
        projection->weight.data()[i] = i % 2 == 0 ? 1e20f : -1e20f;
      }
    }
    const std::vector<std::byte> bytes = testing::referenceStateDict(weights).bytes();
    std::ofstream(m_root / "huge.safetensors", std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    // Signs that follow the weights', so the products add up instead of cancelling.
    std::vector<float> query(3 * kModelWidth);
    for (std::size_t i = 0; i < query.size(); ++i) query[i] = i % 2 == 0 ? 0.5f : -0.5f;
    npy::writeFloat32(m_root / "query.npy", std::vector<std::size_t>{3, kModelWidth}, query);
  }

  LimitedRun run(const std::vector<std::string>& arguments) const {
    return testing::runLimited(ATTNSCOPE_BINARY, arguments, m_root);
  }
};

TEST_F(OverflowCli, DumpOfOverflowingScoresExitsOneAndWritesNothing) {
  const LimitedRun result = run({"dump", "--weights", "huge.safetensors", "--heads", "1", "--query",
                                 "query.npy", "--out", "out"});
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_TRUE(isOneErrorLine(result.err, "the scores overflow float32 at head 1 (")) << result.err;
  EXPECT_FALSE(fs::exists(m_root / "out"));
}

TEST_F(OverflowCli, ExportOfOverflowingScoresExitsOneAndDrawsNothing) {
  const LimitedRun result = run({"export", "--text", "The cat sat", "--weights", "huge.safetensors",
                                 "--heads", "2", "--out", "fig.png"});
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_TRUE(isOneErrorLine(result.err, "the scores overflow float32 at head 1 (")) << result.err;
  EXPECT_FALSE(fs::exists(m_root / "fig.png"));
}

TEST_F(OverflowCli, Float64BeyondFloat32IsTooLargeNotNaNOrInfinity) {
  // A (1, 8) float64 .npy whose first value is 1e300.
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 8), }";
  header.append(117 - header.size(), ' ');
  header += '\n';
  std::string file = std::string("\x93NUMPY\x01\x00", 8) + char(header.size()) + '\0' + header;
  for (int i = 0; i < kModelWidth; ++i) {
    const double value = i == 0 ? 1e300 : 0.5;
    file.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  std::ofstream(m_root / "big.npy", std::ios::binary) << file;
  const LimitedRun result = run({"dump", "--weights", "huge.safetensors", "--heads", "1", "--query",
                                 "big.npy", "--out", "out"});
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_TRUE(isOneErrorLine(result.err,
                             "big.npy: value 1e+300 at index 0 is too large for "
                             "float32"))
      << result.err;
  EXPECT_EQ(result.err.find("NaN"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace attnscope
