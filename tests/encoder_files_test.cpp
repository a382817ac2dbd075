// Bad input for the pretrained encoder's files (issue 12, point 7): each damaged model.json,
// shard or vocabulary is one Error with a one-line message naming the file, never a crash. The
// manifest and tokenizer tests use small files made here; the folder tests damage a copy of the
// installed model (they skip when it is not installed: the golden tests already fail then).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/attention.h"
#include "core/encoder.h"
#include "core/error.h"
#include "core/tfjs_graph_model.h"
#include "core/weights.h"
#include "tests/temp_folder_test.h"

namespace attnscope {
namespace {

std::span<const std::byte> bytesOf(const std::string& text) {
  return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}

// Runs `action`, expects an Error of `kind` whose one-line message contains `part`.
template <class Action>
void expectError(Action&& action, ErrorKind kind, const std::string& part) {
  try {
    action();
    ADD_FAILURE() << "no error; expected one containing: " << part;
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.kind(), kind) << message;
    EXPECT_NE(message.find(part), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

std::string manifest(const std::string& weights, const std::string& paths = R"(["shard1"])") {
  return R"({"modelTopology": {"node": [{"name": "w", "op": "Const"}, {"name": "n", "op": "Identity", "input": ["w"]}]},
             "weightsManifest": [{"paths": )" +
         paths + R"(, "weights": )" + weights + "}]}";
}

TEST(GraphModelManifest, ReadsShapesAndValuesInManifestOrder) {
  const std::string json = manifest(
      R"([{"name": "w", "shape": [2, 2], "dtype": "float32"}, {"name": "i", "shape": [], "dtype": "int32"}])");
  std::string shards(20, '\0');
  const float floats[4] = {1.0f, -2.0f, 0.5f, 3.0f};
  const std::int32_t seven = 7;
  std::memcpy(shards.data(), floats, 16);
  std::memcpy(shards.data() + 16, &seven, 4);
  const GraphModel model = GraphModel::parse(bytesOf(json), bytesOf(shards), "model.json");
  ASSERT_NE(model.tensor("w"), nullptr);
  EXPECT_EQ(model.tensor("w")->shape, (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(model.tensor("w")->floats, (std::vector<float>{1.0f, -2.0f, 0.5f, 3.0f}));
  EXPECT_EQ(model.tensor("i")->ints, (std::vector<std::int32_t>{7}));
  ASSERT_NE(model.nodeEndingWith("n"), nullptr);
  EXPECT_EQ(model.nodeEndingWith("n")->inputs, (std::vector<std::string>{"w"}));
}

TEST(GraphModelManifest, RefusesDamagedJson) {
  const std::string json = manifest(R"([{"name": "w", "shape": [2, 2], "dtype": "float32"}])");
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, json.size() / 2, json.size() - 1}) {
    expectError([&] { parseGraphModelJson(bytesOf(json.substr(0, cut)), "model.json"); },
                ErrorKind::InvalidData, "model.json");
  }
  expectError([&] { parseGraphModelJson(bytesOf("[]"), "model.json"); }, ErrorKind::InvalidData,
              "not a TensorFlow.js model");
  expectError([&] { parseGraphModelJson(bytesOf(R"({"modelTopology": {"node": []}})"), "m.json"); },
              ErrorKind::InvalidData, "no 'weightsManifest'");
}

TEST(GraphModelManifest, RefusesWhatItCannotTrust) {
  const auto refuse = [](const std::string& weights, const std::string& part,
                         ErrorKind kind = ErrorKind::InvalidData,
                         const std::string& paths = R"(["shard1"])") {
    expectError([&] { parseGraphModelJson(bytesOf(manifest(weights, paths)), "model.json"); }, kind,
                part);
  };
  refuse(R"([{"name": "w", "shape": [2], "dtype": "float16"}])", "dtype float16");
  refuse(R"([{"name": "w", "shape": [2], "dtype": "float32", "quantization": {}}])", "quantised");
  refuse(
      R"([{"name": "w", "shape": [2], "dtype": "float32"}, {"name": "w", "shape": [1], "dtype": "float32"}])",
      "listed twice");
  refuse(R"([{"name": "w", "shape": [-2], "dtype": "float32"}])", "whole numbers");
  refuse(R"([{"name": "w", "shape": [2.5], "dtype": "float32"}])", "whole numbers");
  refuse(R"([{"name": "w", "shape": [4294967296, 4294967296], "dtype": "float32"}])",
         "larger than 1 GiB", ErrorKind::LimitExceeded);
  refuse(R"([{"name": "w", "shape": [65536, 65536], "dtype": "float32"}])", "1 GiB",
         ErrorKind::LimitExceeded);
  refuse(R"([{"name": "w", "shape": [2], "dtype": "float32"}])", "file name beside model.json",
         ErrorKind::InvalidData, R"(["../secret"])");
  refuse(R"([{"name": "w", "shape": [2], "dtype": "float32"}])", "file name beside model.json",
         ErrorKind::InvalidData, R"(["/etc/passwd"])");
  refuse(R"([{"name": "w", "shape": [2], "dtype": "float32"}])", "no shard files",
         ErrorKind::InvalidData, "[]");
}

TEST(GraphModelManifest, ShardsMustHoldExactlyWhatTheShapesNeed) {
  const std::string json = manifest(R"([{"name": "w", "shape": [2, 3], "dtype": "float32"}])");
  for (std::size_t size : {std::size_t{0}, std::size_t{23}, std::size_t{25}, std::size_t{48}}) {
    expectError(
        [&] { GraphModel::parse(bytesOf(json), bytesOf(std::string(size, '\0')), "m.json"); },
        ErrorKind::InvalidData,
        "the shards hold " + std::to_string(size) + " bytes but the manifest's shapes need 24");
  }
  std::string nan(24, '\0');
  const float quietNan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(nan.data() + 8, &quietNan, 4);
  expectError([&] { GraphModel::parse(bytesOf(json), bytesOf(nan), "m.json"); },
              ErrorKind::InvalidData, "NaN");
}

// The tokenizer on a vocabulary made here. Every expected list of ids is what the reference
// (the Tokenizer of @tensorflow-models/universal-sentence-encoder 1.3.3) gives for the same
// vocabulary and text, checked by running it.
constexpr const char* kSmallVocabulary =
    R"([["�", 0], ["<s>", 0], ["</s>", 0], ["a", 0], ["b", 0], ["c", 0],
    ["▁", -5], ["▁the", -1], ["▁th", -3], ["e", -4], ["fi", -2], ["s", -3], ["x", null])";

UnigramTokenizer smallTokenizer(const std::string& more = "") {
  return UnigramTokenizer::parse(bytesOf(std::string(kSmallVocabulary) + more + "]"), "vocab.json");
}

std::vector<int> ids(const std::vector<Piece>& pieces) { return pieceIds(pieces); }

TEST(UnigramTokenizer, ViterbiOverScoresWithOffsets) {
  const UnigramTokenizer tokenizer = smallTokenizer(R"(, ["i", -6], ["f", -6])");
  const std::vector<Piece> pieces = tokenizer.tokenize("the ﬁs");
  // "▁the▁fis": ▁the (−1), ▁ (−5), fi (−2, from the ligature ﬁ by NFKC), s (−3).
  EXPECT_EQ(ids(pieces), (std::vector<int>{7, 6, 10, 11}));
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_EQ(pieces[0].begin, 0u);
  EXPECT_EQ(pieces[0].end, 3u);
  EXPECT_EQ(pieces[1].begin, 3u);  // the space
  EXPECT_EQ(pieces[1].end, 4u);
  EXPECT_EQ(pieces[2].begin, 4u);  // ﬁ: three bytes
  EXPECT_EQ(pieces[2].end, 7u);
  EXPECT_EQ(pieces[3].piece, "s");
  EXPECT_EQ(ids(tokenizer.tokenize("xs")), (std::vector<int>{6, 12, 11}));  // null scores 0
}

TEST(UnigramTokenizer, ReferenceQuirkUnreachablePositionScoresZero) {
  // Without pieces "i" and "f", no piece ends after "f" of "fi…": that position keeps the
  // reference's best of 0, so the unknown "i" after it (0 + 0) beats "fi" (−2 − 6), and the
  // backward pass, stepping one unit per unknown, merges "f" and "i" into one unknown piece.
  EXPECT_EQ(ids(smallTokenizer().tokenize("the ﬁs")), (std::vector<int>{7, 6, 0, 11}));
}

TEST(UnigramTokenizer, UnknownRunsBecomeOnePieceAndReservedPiecesAreNotMatched) {
  const UnigramTokenizer tokenizer = smallTokenizer();
  // "abc" are reserved ids 3 … 5, never matched: one unknown piece for the run; 中 likewise.
  const std::vector<Piece> pieces = tokenizer.tokenize("the abc中");
  EXPECT_EQ(ids(pieces), (std::vector<int>{7, 6, 0}));
  EXPECT_EQ(pieces.back().begin, 4u);
  EXPECT_EQ(pieces.back().end, 10u);
  EXPECT_TRUE(tokenizer.tokenize("").empty());
}

TEST(UnigramTokenizer, RefusesInvalidTextAndVocabularies) {
  const UnigramTokenizer tokenizer = smallTokenizer();
  expectError([&] { tokenizer.tokenize("ok \xC3\x28"); }, ErrorKind::InvalidData,
              "invalid UTF-8 at byte 3");
  for (const std::string bad :
       {"", "{}", "[1, 2, 3, 4, 5, 6, 7]", R"([["a", 0]])",
        R"([["a", 0], ["b", 0], ["c", 0], ["d", 0], ["e", 0], ["f", 0], ["g", "x"]])",
        R"([["a", 0], ["b", 0], ["c", 0], ["d", 0], ["e", 0], ["f", 0], ["g"]])"}) {
    expectError([&] { UnigramTokenizer::parse(bytesOf(bad), "vocab.json"); },
                ErrorKind::InvalidData, "vocab.json");
  }
}

// A copy of the installed model to damage: shards as symbolic links, model.json and vocab.json
// as copies.
class DamagedModel : public testing::TempFolderTest {
 protected:
  void SetUp() override {
    m_source = encoderFolder("use-lite");
    if (!std::filesystem::exists(m_source / "model.json")) {
      GTEST_SKIP() << "the model is not installed (run scripts/fetch-model)";
    }
    TempFolderTest::SetUp();
    for (const auto& entry : std::filesystem::directory_iterator(m_source)) {
      const std::string name = entry.path().filename().string();
      if (name == "model.json" || name == "vocab.json") {
        std::filesystem::copy_file(entry.path(), m_root / name);
      } else {
        std::filesystem::create_symlink(entry.path(), m_root / name);
      }
    }
  }
  void replaceWithCopy(const std::string& name) {
    std::filesystem::remove(m_root / name);
    std::filesystem::copy_file(m_source / name, m_root / name);
  }
  nlohmann::json modelJson() const {
    std::ifstream in(m_root / "model.json");
    return nlohmann::json::parse(in);
  }
  void write(const std::string& name, const std::string& text) {
    std::filesystem::remove(m_root / name);
    std::ofstream(m_root / name, std::ios::binary) << text;
  }
  void expectLoadError(const std::string& part) {
    expectError([&] { loadEncoder(m_root); }, ErrorKind::InvalidData, part);
  }
  std::filesystem::path m_source;
};

TEST_F(DamagedModel, IntactCopyLoads) {
  const EncoderModel model = loadEncoder(m_root);
  EXPECT_EQ(model.layers.size(), 2u);
  EXPECT_EQ(model.layers[0].heads, 4);
  EXPECT_EQ(model.layers[0].inputWidth(), 256);
  EXPECT_EQ(model.layers[0].outputWidth(), 512);
  EXPECT_EQ(model.layers[1].inputWidth(), 512);
  EXPECT_EQ(model.maxLength, 128u);
}

TEST_F(DamagedModel, TruncatedModelJson) {
  std::ifstream in(m_source / "model.json");
  std::stringstream text;
  text << in.rdbuf();
  write("model.json", text.str().substr(0, text.str().size() / 2));
  expectLoadError("model.json");
  write("model.json", "");
  expectLoadError("model.json");
}

TEST_F(DamagedModel, MissingShortAndLongShards) {
  std::filesystem::remove(m_root / "group1-shard7of7");
  expectLoadError("shard group1-shard7of7 is missing");
  replaceWithCopy("group1-shard7of7");
  std::filesystem::resize_file(m_root / "group1-shard7of7", 1000);
  expectLoadError("bytes but the manifest's shapes need 27903656");
  replaceWithCopy("group1-shard7of7");
  replaceWithCopy("group1-shard3of7");
  std::filesystem::resize_file(m_root / "group1-shard3of7", 4194304 + 4);
  expectLoadError("more bytes than the manifest's shapes need");
}

TEST_F(DamagedModel, ManifestShapesThatDisagreeWithTheShards) {
  nlohmann::json json = modelJson();
  auto& weights = json["weightsManifest"][0]["weights"];
  for (auto& weight : weights) {
    if (weight["name"] == "module/Embeddings_en") weight["shape"] = {8001, 256};
  }
  write("model.json", json.dump());
  expectLoadError("the manifest's shapes need 27902632");
  // Same bytes, other shape: the graph's own shapes disagree.
  for (auto& weight : weights) {
    if (weight["name"] == "module/Embeddings_en") weight["shape"] = {256, 8002};
  }
  write("model.json", json.dump());
  expectLoadError("model.json");
}

TEST_F(DamagedModel, GraphThatIsNotThisEncoder) {
  nlohmann::json json = modelJson();
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& node : json["modelTopology"]["node"]) {
    if (node["op"] != "Softmax") kept.push_back(node);
  }
  json["modelTopology"]["node"] = kept;
  for (auto& node : json["modelTopology"]["node"]) {
    if (node["op"] == "Mul" &&
        node["name"].get<std::string>().ends_with("MultiheadAttention/mul")) {
      node["input"] = {"nothing"};
    }
  }
  write("model.json", json.dump());
  expectLoadError("MultiheadAttention/mul");
}

TEST_F(DamagedModel, WrongVocabulary) {
  write("vocab.json", "not json");
  expectLoadError("vocab.json");
  std::string big = "[";
  for (int i = 0; i < 9000; ++i)
    big += std::string(i ? "," : "") + "[\"p" + std::to_string(i) + "\", -1]";
  write("vocab.json", big + "]");
  expectLoadError("9000 pieces, but the model has embeddings for 8002");
  std::filesystem::remove(m_root / "vocab.json");
  expectLoadError("vocab.json is missing");
}

// A layer whose attention writes another width than it reads (USE lite's first: 256 → 512): the
// engine's output is context·W_oᵀ + b_o with W_o of out × d.
TEST(AttentionEngineOutputWidth, WiderOutputProjection) {
  AttentionWeights weights = randomWeights(8, 5);
  weights.output.weight = Matrix::Random(24, 8);
  weights.output.bias = Vector::Random(24);
  const Matrix x = Matrix::Random(5, 8);
  const AttentionTrace trace = runAttention(weights, x, x, MaskSpec::none(), 2, 1);
  ASSERT_EQ(trace.output.rows(), 5);
  ASSERT_EQ(trace.output.cols(), 24);
  const Matrix expected = (trace.context * weights.output.weight.transpose()).rowwise() +
                          weights.output.bias.transpose();
  EXPECT_LE((trace.output - expected).cwiseAbs().maxCoeff(), 1e-5f);
  // Files keep requiring d × d.
  EXPECT_THROW(validateWeights(weights), Error);
  EXPECT_NO_THROW(validateWeights(weights, OutputWidth::Any));
}

TEST(EncoderFolder, NotInstalledNamesFetchModel) {
  const std::filesystem::path empty =
      std::filesystem::temp_directory_path() / "attnscope-no-models";
  std::filesystem::create_directories(empty);
  setenv("ATTNSCOPE_MODEL_DIR", empty.c_str(), 1);
  const std::filesystem::path folder = encoderFolder("use-lite");
  unsetenv("ATTNSCOPE_MODEL_DIR");
  EXPECT_EQ(folder, empty / "use-lite");
  expectError([&] { loadEncoder(folder); }, ErrorKind::InvalidData, "scripts/fetch-model");
  EXPECT_EQ(encoderFolder("./somewhere/else"), std::filesystem::path("./somewhere/else"));
}

}  // namespace
}  // namespace attnscope
