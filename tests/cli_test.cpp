// Runs the real attnscope binary as scripts do, and checks exit statuses, the one-line error
// convention, and what lands in the output folder.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/npy.h"
#include "tests/cli_fixture.h"
#include "tests/shell_support.h"
#include "tests/test_support.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;

using testing::CommandResult;
using testing::slurp;

// The fixture's name is part of every test's name: kept as Cli.
class Cli : public testing::CliTest {};

TEST_F(Cli, HelpAndVersion) {
  const CommandResult help = run({"--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("attnscope dump"), std::string::npos);
  const CommandResult dumpHelp = run({"dump", "--help"});
  EXPECT_EQ(dumpHelp.status, 0);
  EXPECT_NE(dumpHelp.out.find("--key-value-text"), std::string::npos);
  const CommandResult version = run({"--version"});
  EXPECT_EQ(version.status, 0);
  EXPECT_TRUE(version.out.starts_with("attnscope ")) << version.out;
}

TEST_F(Cli, UsageErrorsExitWithTwo) {
  expectOneErrorLine(run({"frobnicate"}), 2, "frobnicate");
  expectOneErrorLine(run({"dump", "--bogus", "1"}), 2, "--bogus");
  expectOneErrorLine(run({"dump", "--text", "hi", "--d-model", "8x", "--heads", "2", "--out",
                          (m_root / "o").string()}),
                     2, "--d-model");
  expectOneErrorLine(
      run({"dump", "--text", "hi", "--d-model", "8", "--out", (m_root / "o").string()}), 2,
      "--heads");
  expectOneErrorLine(run({"dump", "--text", "hi", "--d-model", "8", "--heads", "2"}), 2, "--out");
  expectOneErrorLine(run({"dump", "--text", "hi", "--weights", "w", "--heads", "2", "--out", "o"}),
                     2, "either");
  expectOneErrorLine(
      run({"dump", "--text", "hi", "--d-model", "8", "--heads", "2", "--seed", "-1", "--out", "o"}),
      2, "--seed");
  EXPECT_FALSE(fs::exists(m_root / "o"));
}

TEST_F(Cli, WindowStateOptionsAreCheckedBeforeAnyWindowOpens) {
  // These fail before the window would appear, so they run without a display.
  expectOneErrorLine(run({"--heads", "4"}), 2, "--text");
  expectOneErrorLine(run({"--text", "hi", "--bogus"}), 2, "--bogus");
  expectOneErrorLine(run({"--text", "hi", "--d-model", "64", "--heads", "5"}), 1, "not divisible");
  expectOneErrorLine(run({"--text", "hi", "--mask", "sideways"}), 1, "sideways");
  expectOneErrorLine(run({"--text", "hi", "--weights", "w.safetensors", "--d-model", "8"}), 1,
                     "w.safetensors");
  EXPECT_NE(run({"--help"}).out.find("attnscope --text"), std::string::npos);
}

TEST_F(Cli, BadDataExitsWithOneAndWritesNothing) {
  const fs::path out = m_root / "out";
  expectOneErrorLine(run({"dump", "--text", "one two three", "--d-model", "10", "--heads", "4",
                          "--out", out.string()}),
                     1, "not divisible");
  expectOneErrorLine(run({"dump", "--text", "bad \xff byte", "--d-model", "8", "--heads", "2",
                          "--out", out.string()}),
                     1, "UTF-8");
  expectOneErrorLine(
      run({"dump", "--text", "   ", "--d-model", "8", "--heads", "2", "--out", out.string()}), 1,
      "no tokens");
  expectOneErrorLine(run({"dump", "--weights", (m_root / "missing.safetensors").string(), "--heads",
                          "2", "--query", "q.npy", "--out", out.string()}),
                     1, "missing.safetensors");
  EXPECT_FALSE(fs::exists(out));

  // A damaged weights file beside an existing output folder: the folder keeps its contents.
  fs::create_directories(out);
  std::ofstream(out / "keep.txt") << "mine";
  std::ofstream(m_root / "broken.safetensors") << "\x10\0\0\0\0\0\0\0{\"W_q.weight\":";
  const std::string golden = std::string(ATTNSCOPE_GOLDEN_DIR) + "/basic/query.npy";
  expectOneErrorLine(run({"dump", "--weights", (m_root / "broken.safetensors").string(), "--heads",
                          "2", "--query", golden, "--out", out.string()}),
                     1, "broken.safetensors");
  EXPECT_EQ(slurp(out / "keep.txt"), "mine");
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 1);
}

TEST_F(Cli, DumpOfGoldenCaseMatchesTheReferenceModule) {
  const fs::path golden = fs::path(ATTNSCOPE_GOLDEN_DIR) / "cross_causal";
  const fs::path out = m_root / "trace";
  const CommandResult result =
      run({"dump", "--weights", (golden / "weights.safetensors").string(), "--heads", "2",
           "--query", (golden / "query.npy").string(), "--key-value",
           (golden / "key_value.npy").string(), "--mask", "causal", "--out", out.string()});
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_TRUE(result.err.empty()) << result.err;
  for (const char* name : {"q", "k", "v", "scores", "scaled", "weights", "context", "output"}) {
    SCOPED_TRACE(name);
    const npy::FloatArray ours = npy::readFloatArray(out / (std::string(name) + ".npy"));
    const npy::FloatArray reference = npy::readFloatArray(golden / (std::string(name) + ".npy"));
    ASSERT_EQ(ours.shape, reference.shape);
    EXPECT_LE(testing::normalisedError(ours.values, reference.values), testing::kGoldenTolerance);
  }
  EXPECT_EQ(npy::readFloatArray(out / "masked.npy").values[1], -1e9f);
}

TEST_F(Cli, TextDumpWritesTokensAndInput) {
  const fs::path out = m_root / "text";
  const CommandResult result =
      run({"dump", "--text", "注意力 is all", "--key-value-text", "you need.", "--d-model", "12",
           "--heads", "3", "--seed", "42", "--mask", "causal", "--tokens", "characters", "--out",
           out.string()});
  ASSERT_EQ(result.status, 0) << result.err;
  const nlohmann::json tokens = nlohmann::json::parse(slurp(out / "tokens.json"));
  ASSERT_EQ(tokens.at("query").size(), 5u);
  EXPECT_EQ(tokens["query"][1]["text"], "意");
  EXPECT_EQ(tokens["query"][1]["begin"], 3);
  EXPECT_EQ(tokens["query"][1]["end"], 6);
  ASSERT_EQ(tokens.at("key_value").size(), 3u);
  EXPECT_EQ(tokens["key_value"][2]["text"], ".");
  EXPECT_EQ(npy::readFloatArray(out / "x.npy").shape, (std::vector<std::size_t>{5, 12}));
  EXPECT_EQ(npy::readFloatArray(out / "x_kv.npy").shape, (std::vector<std::size_t>{3, 12}));
  EXPECT_EQ(npy::readFloatArray(out / "weights.npy").shape, (std::vector<std::size_t>{3, 5, 3}));
  EXPECT_EQ(npy::readFloatArray(out / "context.npy").shape, (std::vector<std::size_t>{5, 12}));

  // The same command gives the same bytes: embeddings and weights come from the seed alone.
  const fs::path again = m_root / "again";
  ASSERT_EQ(run({"dump", "--text", "注意力 is all", "--key-value-text", "you need.", "--d-model",
                 "12", "--heads", "3", "--seed", "42", "--mask", "causal", "--tokens", "characters",
                 "--out", again.string()})
                .status,
            0);
  EXPECT_EQ(slurp(out / "output.npy"), slurp(again / "output.npy"));
}

// Issue 19, point 15: Chinese is cut into dictionary words unless --tokens characters asks for
// one token per character; anything else is a usage error that writes nothing.
TEST_F(Cli, ChineseIsCutIntoWordsByDefault) {
  const fs::path words = m_root / "words";
  ASSERT_EQ(run({"dump", "--text", "注意力机制很强大", "--d-model", "8", "--heads", "2", "--out",
                 words.string()})
                .status,
            0);
  const nlohmann::json tokens = nlohmann::json::parse(slurp(words / "tokens.json"));
  ASSERT_EQ(tokens.at("query").size(), 4u);
  EXPECT_EQ(tokens["query"][0]["text"], "注意力");
  EXPECT_EQ(tokens["query"][3]["text"], "强大");
  EXPECT_EQ(tokens["query"][3]["begin"], 18);
  EXPECT_EQ(npy::readFloatArray(words / "weights.npy").shape, (std::vector<std::size_t>{2, 4, 4}));

  const fs::path bad = m_root / "bad";
  const CommandResult result = run({"dump", "--text", "注意力", "--d-model", "8", "--heads", "2",
                                    "--tokens", "phrases", "--out", bad.string()});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err, "attnscope: error: --tokens must be words or characters, got 'phrases'\n");
  EXPECT_FALSE(fs::exists(bad));
}

TEST_F(Cli, MaskFileWithWrongShapeIsRejected) {
  const fs::path golden = fs::path(ATTNSCOPE_GOLDEN_DIR) / "padding";
  // padding's mask is 6 × 6; basic's query has 6 rows too, but a 5-row query does not fit it.
  const fs::path query = fs::path(ATTNSCOPE_GOLDEN_DIR) / "odd" / "query.npy";
  expectOneErrorLine(run({"dump", "--weights",
                          (fs::path(ATTNSCOPE_GOLDEN_DIR) / "odd" / "weights.safetensors").string(),
                          "--heads", "3", "--query", query.string(), "--mask",
                          (golden / "mask.npy").string(), "--out", (m_root / "o").string()}),
                     1, "broadcast");
  EXPECT_FALSE(fs::exists(m_root / "o"));
}

}  // namespace
}  // namespace attnscope
