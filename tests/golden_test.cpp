// Golden cases from the reference module (tests/golden/generate.py, run by hand with PyTorch):
// each folder holds the inputs and every intermediate the module computed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/attention.h"
#include "core/npy.h"
#include "tests/test_support.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string name;
  fs::path folder;
  friend void PrintTo(const GoldenCase& golden, std::ostream* out) { *out << golden.name; }
};

std::vector<GoldenCase> goldenCases() {
  std::vector<GoldenCase> cases;
  for (const auto& entry : fs::directory_iterator(ATTNSCOPE_GOLDEN_DIR)) {
    if (entry.is_directory()) cases.push_back({entry.path().filename().string(), entry.path()});
  }
  std::ranges::sort(cases, {}, &GoldenCase::name);
  return cases;
}

Matrix readMatrix(const fs::path& path) {
  const npy::FloatArray array = npy::readFloatArray(path);
  return Eigen::Map<const Matrix>(array.values.data(), Eigen::Index(array.shape.at(0)),
                                  Eigen::Index(array.shape.at(1)));
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

void expectMatches(const std::string& name, std::vector<std::size_t> shape,
                   std::span<const float> ours, const fs::path& folder) {
  SCOPED_TRACE(name);
  const npy::FloatArray reference = npy::readFloatArray(folder / (name + ".npy"));
  ASSERT_EQ(shape, reference.shape);
  EXPECT_LE(testing::normalisedError(ours, reference.values), testing::kGoldenTolerance);
}

TEST_P(GoldenTest, EveryIntermediateMatchesTheReferenceModule) {
  const fs::path folder = GetParam().folder;
  const nlohmann::json config = nlohmann::json::parse(std::ifstream(folder / "case.json"));
  const int heads = config.at("heads");
  const std::string maskKind = config.at("mask");

  const AttentionWeights weights = readWeights(folder / "weights.safetensors");
  ASSERT_EQ(weights.modelWidth(), config.at("d_model").get<int>());
  const Matrix query = readMatrix(folder / "query.npy");
  const Matrix keyValue =
      fs::exists(folder / "key_value.npy") ? readMatrix(folder / "key_value.npy") : query;
  MaskSpec mask;
  if (maskKind == "causal") mask = MaskSpec::causal();
  if (maskKind == "file") {
    npy::MaskArray array = npy::readMaskArray(folder / "mask.npy");
    mask = MaskSpec::cells(array.shape, array.keep);
  }

  const AttentionTrace trace = runAttention(weights, query, keyValue, mask, heads);
  expectMatches("q", trace.q.shape(), trace.q.values(), folder);
  expectMatches("k", trace.k.shape(), trace.k.values(), folder);
  expectMatches("v", trace.v.shape(), trace.v.values(), folder);
  expectMatches("scores", trace.scores.shape(), trace.scores.values(), folder);
  const HeadTensor scaled = trace.scaledScores();
  expectMatches("scaled", scaled.shape(), scaled.values(), folder);
  // Judged over the unblocked cells: the −1e9 cells would set the scale to 1e9 and hide any
  // error; they are checked for exact equality below.
  const HeadTensor masked = trace.maskedScores();
  const npy::FloatArray referenceMasked = npy::readFloatArray(folder / "masked.npy");
  ASSERT_EQ(masked.shape(), referenceMasked.shape);
  std::vector<float> oursOpen, referenceOpen;
  for (std::size_t i = 0; i < referenceMasked.values.size(); ++i) {
    EXPECT_EQ(referenceMasked.values[i] == -1e9f, masked.values()[i] == -1e9f) << "cell " << i;
    if (referenceMasked.values[i] != -1e9f) {
      oursOpen.push_back(masked.values()[i]);
      referenceOpen.push_back(referenceMasked.values[i]);
    }
  }
  EXPECT_LE(testing::normalisedError(oursOpen, referenceOpen), testing::kGoldenTolerance);
  expectMatches("weights", trace.weights.shape(), trace.weights.values(), folder);
  const auto matrixShape = [](const Matrix& m) {
    return std::vector<std::size_t>{std::size_t(m.rows()), std::size_t(m.cols())};
  };
  expectMatches("context", matrixShape(trace.context),
                {trace.context.data(), std::size_t(trace.context.size())}, folder);
  expectMatches("output", matrixShape(trace.output),
                {trace.output.data(), std::size_t(trace.output.size())}, folder);
}

INSTANTIATE_TEST_SUITE_P(ReferenceModule, GoldenTest, ::testing::ValuesIn(goldenCases()),
                         [](const auto& info) { return info.param.name; });

TEST(Golden, FixturesArePresent) { EXPECT_GE(goldenCases().size(), 10u); }

}  // namespace
}  // namespace attnscope
