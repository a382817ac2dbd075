// The pretrained encoder through the real binary (dump, export and bench with --model): the
// files dump writes against the TensorFlow.js fixtures of tests/golden/encoder, the options that
// make no sense with a model, and a model that is not installed. Tests that run the model need
// it installed (scripts/fetch-model; scripts/test does) and skip only when
// ATTNSCOPE_SKIP_MODEL_TESTS=1.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/encoder.h"
#include "core/npy.h"
#include "tests/cli_fixture.h"
#include "tests/model_test_support.h"

namespace attnscope::testing {
namespace {

namespace fs = std::filesystem;
const fs::path kFixtures = ATTNSCOPE_ENCODER_GOLDEN_DIR;

nlohmann::json goldenCases() {
  std::ifstream in(kFixtures / "cases.json");
  return nlohmann::json::parse(in)["cases"];
}

nlohmann::json readJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::vector<std::size_t> shapeOf(const fs::path& path) { return npy::readFloatArray(path).shape; }

using Shape = std::vector<std::size_t>;

class EncoderCli : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ATTNSCOPE_REQUIRE_ENCODER();
  }
};

TEST_F(EncoderCli, DumpWritesEveryLayerWithTheReferencesIdsAndWeights) {
  const nlohmann::json golden = goldenCases()[0];
  const std::string text = golden["text"];
  const fs::path out = m_root / "out";
  const CommandResult result = run({"dump", "--model", "use-lite", "--text", text, "--out", out});
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.err, "");

  const nlohmann::json tokens = readJson(out / "tokens.json");
  EXPECT_EQ(tokens["format"], "attnscope-tokens");
  std::vector<int> ids;
  for (const auto& piece : tokens["query"]) {
    ids.push_back(piece["id"]);
    EXPECT_TRUE(piece["read"].get<bool>());
    const std::size_t begin = piece["begin"], end = piece["end"];
    EXPECT_EQ(piece["text"], text.substr(begin, end - begin));
    EXPECT_TRUE(piece["piece"].is_string());
  }
  EXPECT_EQ(ids, golden["ids"].get<std::vector<int>>());
  EXPECT_EQ(tokens["query"][1]["piece"], "▁animal");
  EXPECT_EQ(tokens["query"][1]["text"], " animal");

  const std::size_t length = golden["read"];
  EXPECT_EQ(shapeOf(out / "embedding.npy"), Shape{512});
  std::size_t width = 256;  // use-lite: 256 → 512 in the first layer, 512 after
  ASSERT_EQ(golden["weights"].size(), 2u);
  for (std::size_t n = 1; n <= 2; ++n) {
    const fs::path layer = out / ("layer" + std::to_string(n));
    const Shape x = shapeOf(layer / "x.npy"), q = shapeOf(layer / "q.npy");
    EXPECT_EQ(x, (Shape{length, width}));
    ASSERT_EQ(q.size(), 3u);
    const std::size_t heads = q[0], headWidth = q[2];
    EXPECT_EQ(heads, 4u);
    EXPECT_EQ(q, (Shape{heads, length, headWidth}));
    for (const char* name : {"k.npy", "v.npy"}) EXPECT_EQ(shapeOf(layer / name), q) << name;
    for (const char* name : {"scores.npy", "scaled.npy", "masked.npy", "weights.npy"}) {
      EXPECT_EQ(shapeOf(layer / name), (Shape{heads, length, length})) << name;
    }
    EXPECT_EQ(shapeOf(layer / "context.npy"), (Shape{length, heads * headWidth}));
    EXPECT_EQ(shapeOf(layer / "output.npy"), (Shape{length, 512}));

    const npy::FloatArray ours = npy::readFloatArray(layer / "weights.npy");
    const npy::FloatArray reference =
        npy::readFloatArray(kFixtures / golden["weights"][n - 1].get<std::string>());
    ASSERT_EQ(ours.values.size(), reference.values.size());
    double worst = 0.0;
    for (std::size_t i = 0; i < ours.values.size(); ++i) {
      worst = std::max(worst, std::abs(double(ours.values[i]) - double(reference.values[i])));
    }
    EXPECT_LE(worst, 1e-4) << "layer " << n;
    width = 512;
  }
  const npy::FloatArray embedding = npy::readFloatArray(out / "embedding.npy");
  const std::vector<double> expected = golden["embedding"];
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(embedding.values[i], expected[i], 1e-4) << i;
  }
}

TEST_F(EncoderCli, PiecesPastTheModelsLengthAreListedAndMarkedUnread) {
  nlohmann::json golden;
  for (const auto& c : goldenCases()) {
    if (c["ids"].size() > 128) golden = c;
  }
  ASSERT_FALSE(golden.is_null()) << "the fixtures hold a text of more than 128 pieces";
  const fs::path out = m_root / "out";
  const CommandResult result = run(
      {"dump", "--model", "use-lite", "--text", golden["text"].get<std::string>(), "--out", out});
  ASSERT_EQ(result.status, 0) << result.err;
  const nlohmann::json pieces = readJson(out / "tokens.json")["query"];
  ASSERT_EQ(pieces.size(), golden["ids"].size());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    EXPECT_EQ(pieces[i]["read"].get<bool>(), i < 128) << i;
    EXPECT_EQ(pieces[i]["id"], golden["ids"][i]) << i;
  }
  EXPECT_EQ(shapeOf(out / "layer2" / "weights.npy"), (Shape{4, 128, 128}));
}

TEST_F(EncoderCli, ExportDrawsTheChosenLayer) {
  const fs::path figure = m_root / "layer2.png";
  const CommandResult result = run({"export", "--model", "use-lite", "--layer", "2", "--text",
                                    "The cat sat on the mat.", "--out", figure});
  ASSERT_EQ(result.status, 0) << result.err;
  std::ifstream in(figure, std::ios::binary);
  std::string signature(8, '\0');
  in.read(signature.data(), 8);
  EXPECT_EQ(signature, "\x89PNG\r\n\x1a\n");

  const CommandResult oneHead = run({"export", "--model", "use-lite", "--text", "The cat sat.",
                                     "--head", "4", "--step", "q", "--out", m_root / "q.svg"});
  EXPECT_EQ(oneHead.status, 0) << oneHead.err;
}

TEST_F(EncoderCli, ALayerTheModelLacksIsADataErrorAndWritesNothing) {
  const fs::path figure = m_root / "layer3.png";
  const CommandResult result = run({"export", "--model", "use-lite", "--layer", "3", "--text",
                                    "The cat sat on the mat.", "--out", figure});
  expectOneErrorLine(result, 1, "layer 3 of a model with 2 layers");
  EXPECT_FALSE(fs::exists(figure));
  expectOneErrorLine(
      run({"export", "--model", "use-lite", "--text", "hi", "--head", "5", "--out", figure}), 2,
      "--head must be a head from 1 to 4");
}

TEST_F(EncoderCli, BenchTimesTheWholeModel) {
  const CommandResult result =
      run({"bench", "--model", "use-lite", "--seq-len", "16", "--repeat", "1", "--threads", "1"});
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("model=use-lite L=16 layers=2 threads=1"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("median "), std::string::npos) << result.out;
  expectOneErrorLine(run({"bench", "--model", "use-lite", "--seq-len", "129"}), 2,
                     "the model reads at most 128 pieces");
}

// Without the model: these are refused before it would be read.
class EncoderCliOptions : public CliTest {};

TEST_F(EncoderCliOptions, SandboxOptionsWithAModelAreUsageErrors) {
  const std::vector<std::vector<std::string>> extras = {
      {"--d-model", "64"},        {"--heads", "4"},         {"--seed", "1"},
      {"--weights", "w.st"},      {"--query", "q.npy"},     {"--key-value", "kv.npy"},
      {"--key-value-text", "hi"}, {"--positional", "none"}, {"--mask", "causal"},
      {"--layer", "2"},
  };
  const fs::path out = m_root / "out";
  for (const auto& extra : extras) {
    std::vector<std::string> arguments = {"dump", "--model", "use-lite", "--text", "hi"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    arguments.insert(arguments.end(), {"--out", out});
    expectOneErrorLine(run(arguments), 2, extra[0]);
  }
  expectOneErrorLine(run({"dump", "--model", "use-lite", "--out", out}), 2, "--model needs --text");
  expectOneErrorLine(run({"dump", "--model", "", "--text", "hi", "--out", out}), 2, "--model");
  expectOneErrorLine(run({"dump", "--text", "hi", "--layer", "1", "--out", out}), 2,
                     "--layer applies only with --model");
  expectOneErrorLine(run({"export", "--model", "use-lite", "--text", "hi", "--heads", "4", "--out",
                          m_root / "f.png"}),
                     2, "--heads does not apply with --model");
  expectOneErrorLine(run({"export", "--model", "use-lite", "--text", "hi", "--layer", "0", "--out",
                          m_root / "f.png"}),
                     2, "--layer");
  expectOneErrorLine(run({"bench", "--model", "use-lite", "--d-model", "64"}), 2,
                     "--d-model does not apply with --model");
  expectOneErrorLine(run({"bench", "--model", "use-lite", "--isa", "scalar"}), 2,
                     "--isa does not apply with --model");
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(m_root / "f.png"));
}

TEST_F(EncoderCliOptions, AModelThatIsNotInstalledNamesTheScriptAndWritesNothing) {
  fs::create_directories(m_root / "models");
  const std::string environment = "ATTNSCOPE_MODEL_DIR=" + shellQuote(m_root / "models");
  const fs::path out = m_root / "out";
  expectOneErrorLine(
      run({"dump", "--model", "use-lite", "--text", "hi", "--out", out}, environment), 1,
      "scripts/fetch-model");
  EXPECT_FALSE(fs::exists(out));
  expectOneErrorLine(
      run({"export", "--model", "use-lite", "--text", "hi", "--out", m_root / "f.png"},
          environment),
      1, "scripts/fetch-model");
  EXPECT_FALSE(fs::exists(m_root / "f.png"));
  expectOneErrorLine(run({"--text", "hi", "--model", "use-lite"}, environment), 1,
                     "scripts/fetch-model");
  expectOneErrorLine(run({"bench", "--model", "use-lite"}, environment), 1, "scripts/fetch-model");
  expectOneErrorLine(
      run({"dump", "--model", (m_root / "models").string(), "--text", "hi", "--out", out}), 1,
      "scripts/fetch-model");
}

}  // namespace
}  // namespace attnscope::testing
