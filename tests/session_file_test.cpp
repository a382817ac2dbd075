#include "core/session_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "core/base64.h"
#include "core/error.h"
#include "core/lesson_weights.h"
#include "tests/safetensors_builder.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::byte>;

Bytes bytesOf(std::string_view text) {
  const auto* begin = reinterpret_cast<const std::byte*>(text.data());
  return {begin, begin + text.size()};
}

std::string textOf(const Bytes& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Everything set away from its default, so a field that is not written or not read shows.
Session fullSession() {
  Session session;
  session.text = "注意力机制很强大 — attention is strong";
  session.keyValueText = "The cat sat on the mat.";
  session.crossAttention = true;
  session.modelWidth = 12;
  session.heads = 3;
  session.seed = 18446744073709551615ull;
  session.positional = false;
  session.scaled = false;
  session.chineseTokens = ChineseTokens::Characters;
  session.mask = LessonMask::Custom;
  session.paddedLength = 14;
  session.blockedCells = {{0, 1}, {2, 3}, {7, 0}};
  session.weights = embeddedWeights(testing::multiheadStateDict(randomWeights(12, 4)).bytes(),
                                    WeightsLayout::Multihead);
  session.view.colorMap = "magma";
  session.view.automaticRange = true;
  session.view.averageOfHeads = true;
  session.view.focusedHead = 2;
  session.view.step = ScoreStage::Masked;
  session.view.stepThrough = StepThroughStop::WeightedSum;
  session.view.stepHead = 2;
  session.view.selectedQuery = 5;
  session.view.selectedKey = 6;
  return session;
}

// The error's message, after checking that an Error of `kind` was thrown.
std::string errorOf(const std::function<void()>& action, ErrorKind kind = ErrorKind::InvalidData) {
  try {
    action();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), kind) << error.what();
    return error.what();
  }
  ADD_FAILURE() << "no Error thrown";
  return {};
}

std::string parseError(const std::string& text, ErrorKind kind = ErrorKind::InvalidData) {
  return errorOf([&] { parseSession(bytesOf(text), "lesson.attnscope"); }, kind);
}

// A minimal valid document with one field replaced (or added).
std::string withField(const std::string& key, const nlohmann::json& value) {
  nlohmann::json document = {{"format", "attnscope-session"}, {"version", 1}, {"text", "hi"}};
  document[key] = value;
  return document.dump();
}

TEST(SessionFile, RoundTripKeepsEveryField) {
  const Session session = fullSession();
  const Session back = parseSession(serializeSession(session), "lesson.attnscope");
  EXPECT_TRUE(back == session);
  EXPECT_EQ(back.view, session.view);
  EXPECT_EQ(back.weights.loaded->safetensors, session.weights.loaded->safetensors);
}

TEST(SessionFile, RoundTripOfDefaultsAndOfAFilePath) {
  Session session;
  session.text = "The cat sat on the mat.";
  EXPECT_TRUE(parseSession(serializeSession(session), "s") == session);
  session.weights.source = LessonWeights::Source::File;
  session.weights.path = "/lessons/w.safetensors";
  EXPECT_TRUE(parseSession(serializeSession(session), "s") == session);
}

TEST(SessionFile, RoundTripOfAnEncoderModelAndLayer) {
  Session session;
  session.text = "The animal didn't cross the street.";
  session.model = {"use-lite", 2, {}};
  const Bytes bytes = serializeSession(session);
  const Session back = parseSession(bytes, "s");
  EXPECT_EQ(back.model.name, "use-lite");
  EXPECT_EQ(back.model.layer, 2);
  EXPECT_TRUE(back == session);
  const nlohmann::json document = nlohmann::json::parse(textOf(bytes));
  EXPECT_EQ(document.at("model"), "use-lite");
  EXPECT_EQ(document.at("layer"), 2);
  session.model.layer = 1;
  EXPECT_FALSE(parseSession(bytes, "s") == session);  // the layer is part of the lesson
}

TEST(SessionFile, ASandboxLessonHasNoModelFieldsAndOlderFilesReadAsTheSandbox) {
  Session session;
  session.text = "hi";
  const nlohmann::json document = nlohmann::json::parse(textOf(serializeSession(session)));
  EXPECT_FALSE(document.contains("model"));
  EXPECT_FALSE(document.contains("layer"));
  EXPECT_TRUE(parseSession(bytesOf(withField("text", "hi")), "s").model.isSandbox());
}

TEST(SessionFile, BadModelOrLayerIsAClearError) {
  const std::vector<std::pair<nlohmann::json, std::string>> damaged = {
      {{{"model", ""}}, "'model' must be a model name"},
      {{{"model", 5}}, "'model' must be a string"},
      {{{"model", nullptr}}, "'model' must be a string"},
      {{{"model", "use-lite"}, {"layer", 0}}, "'layer'"},
      {{{"model", "use-lite"}, {"layer", -2}}, "'layer'"},
      {{{"model", "use-lite"}, {"layer", 1.5}}, "'layer'"},
      {{{"model", "use-lite"}, {"layer", "2"}}, "'layer'"},
      {{{"model", "use-lite"}, {"layer", 100000}}, "'layer'"},
      {{{"layer", 2}}, "'layer' applies only with 'model'"},
  };
  for (const auto& [fields, fragment] : damaged) {
    nlohmann::json document = {{"format", "attnscope-session"}, {"version", 1}, {"text", "hi"}};
    document.update(fields);
    const std::string message = parseError(document.dump());
    EXPECT_NE(message.find("lesson.attnscope: "), std::string::npos) << message;
    EXPECT_NE(message.find(fragment), std::string::npos) << document.dump() << " → " << message;
  }
}

TEST(SessionFile, IsReadableJsonWithTheSeedAsADecimalString) {
  const nlohmann::json document = nlohmann::json::parse(textOf(serializeSession(fullSession())));
  EXPECT_EQ(document.at("format"), "attnscope-session");
  EXPECT_EQ(document.at("version"), 1);
  EXPECT_EQ(document.at("seed"), "18446744073709551615");
  EXPECT_EQ(document.at("mask").at("mode"), "custom");
  EXPECT_EQ(document.at("mask").at("blocked"), nlohmann::json::parse("[[0,1],[2,3],[7,0]]"));
  EXPECT_EQ(document.at("weights").at("format"), "multihead");
  EXPECT_EQ(document.at("view").at("step"), "masked");
  EXPECT_EQ(document.at("view").at("step_through"), "weighted_sum");
  EXPECT_EQ(document.at("view").at("step_head"), 2);
  EXPECT_EQ(document.at("view").at("selected_key"), 6);
  EXPECT_EQ(document.at("text"),
            "注意力机制很强大 — attention is strong");  // UTF-8, not \u escapes
}

TEST(SessionFile, OnlyTextIsRequired) {
  const Session session = parseSession(bytesOf(withField("text", "hello")), "s");
  Session expected;
  expected.text = "hello";
  EXPECT_TRUE(session == expected);
}

TEST(SessionFile, NewerVersionIsRefusedWithItsNumber) {
  const std::string message = parseError(withField("version", 7));
  EXPECT_NE(message.find("written by a newer AttnScope (version 7)"), std::string::npos) << message;
  EXPECT_NE(message.find("lesson.attnscope"), std::string::npos) << message;
}

TEST(SessionFile, NotASession) {
  EXPECT_NE(parseError("").find("not valid JSON"), std::string::npos);
  EXPECT_NE(parseError("{\"format\": ").find("not valid JSON"), std::string::npos);
  EXPECT_NE(parseError("[1, 2]").find("not an AttnScope session"), std::string::npos);
  EXPECT_NE(parseError(R"({"format": "attnscope-tokens", "version": 1, "text": "x"})")
                .find("not an AttnScope session"),
            std::string::npos);
  for (const nlohmann::json& version : {nlohmann::json(0), nlohmann::json(-1), nlohmann::json("1"),
                                        nlohmann::json(1.5), nlohmann::json(nullptr)}) {
    EXPECT_NE(parseError(withField("version", version)).find("'version'"), std::string::npos)
        << version;
  }
  EXPECT_NE(parseError(R"({"format": "attnscope-session", "version": 1})").find("'text'"),
            std::string::npos);
}

TEST(SessionFile, EveryFieldIsTypeAndRangeChecked) {
  const std::vector<std::pair<std::string, nlohmann::json>> damaged = {
      {"text", 5},
      {"key_value_text", false},
      {"cross_attention", "yes"},
      {"d_model", 0},
      {"d_model", 8193},
      {"d_model", 64.5},
      {"d_model", "64"},
      {"heads", 257},
      {"heads", -1},
      {"seed", 5},
      {"seed", "-1"},
      {"seed", ""},
      {"seed", " 1"},
      {"seed", "18446744073709551616"},
      {"seed", "99999999999999999999"},
      {"positional", true},
      {"positional", "learned"},
      {"scaled", 1},
      {"mask", "causal"},
      {"mask", {{"mode", "diagonal"}}},
      {"mask", {{"mode", "custom"}, {"blocked", {1, 2}}}},
      {"mask", {{"mode", "custom"}, {"blocked", {{1, 2, 3}}}}},
      {"mask", {{"mode", "custom"}, {"blocked", {{-1, 2}}}}},
      {"mask", {{"mode", "custom"}, {"blocked", {{1, 65536}}}}},
      {"mask", {{"padded_length", 70000}}},
      {"mask", {{"mode", "none"}, {"shape", 3}}},
      {"weights", "random"},
      {"weights", {{"path", "w.safetensors"}}},
      {"weights", {{"path", "w.safetensors"}, {"format", "keras"}}},
      {"weights", {{"path", ""}, {"format", "reference"}}},
      {"weights", {{"path", std::string("a\0b", 3)}, {"format", "reference"}}},
      {"weights", {{"path", "w"}, {"safetensors_base64", "AAAA"}, {"format", "reference"}}},
      {"weights", {{"safetensors_base64", "AA=A"}, {"format", "reference"}}},
      {"weights", {{"safetensors_base64", "AAB="}, {"format", "reference"}}},  // stray bits
      {"weights", {{"safetensors_base64", ""}, {"format", "reference"}}},
      {"view", {{"colormap", "Viridis!"}}},
      {"view", {{"colormap", 3}}},
      {"view", {{"focused_head", 256}}},
      {"view", {{"focused_head", -1}}},
      {"view", {{"step", "output"}}},
      {"view", {{"selected_query", "first"}}},
      {"view", {{"step_through", "weights"}}},
      {"view", {{"step_through", 3}}},
      {"view", {{"step_head", 8}}},  // the default 8 heads are 0 … 7
      {"view", {{"step_head", -1}}},
      {"view", {{"step_head", "1"}}},
      {"view", {{"selected_key", 65536}}},
      {"view", {{"selected_key", 1.5}}},
      {"view", {{"zoom", 2}}},
      {"view", 1},
      {"heds", 4},
  };
  for (const auto& [key, value] : damaged) {
    SCOPED_TRACE(key + " = " + value.dump());
    const std::string message = parseError(withField(key, value));
    EXPECT_NE(message.find(key), std::string::npos) << message;
  }
}

TEST(SessionFile, NullMeansNoFocusedHeadOrQuery) {
  const Session session = parseSession(
      bytesOf(withField("view", {{"focused_head", nullptr}, {"selected_query", 3}})), "s");
  EXPECT_FALSE(session.view.focusedHead.has_value());
  EXPECT_EQ(session.view.selectedQuery, 3);
}

TEST(SessionFile, EveryStepThroughStopRoundTrips) {
  for (int stop = 0; stop <= int(StepThroughStop::AroundAttention); ++stop) {
    Session session;
    session.text = "x";
    session.view.stepThrough = StepThroughStop(stop);
    EXPECT_TRUE(parseSession(serializeSession(session), "s") == session)
        << stepThroughStopKey(StepThroughStop(stop));
  }
}

TEST(SessionFile, TheEncoderViewsAreWrittenOnlyWhenOn) {
  Session session;
  session.text = "x";
  const std::vector<std::byte> off = serializeSession(session);
  const std::string offText(reinterpret_cast<const char*>(off.data()), off.size());
  EXPECT_EQ(offText.find("rollout"), std::string::npos);  // older versions keep reading lessons
  EXPECT_EQ(offText.find("all_layers"), std::string::npos);
  session.model.name = "use-lite";
  session.view.rollout = true;
  session.view.allLayers = true;
  const Session reread = parseSession(serializeSession(session), "s");
  EXPECT_TRUE(reread.view.rollout);
  EXPECT_TRUE(reread.view.allLayers);
  EXPECT_NE(parseError(R"({"format": "attnscope-session", "version": 1, "text": "x",
                          "view": {"rollout": "yes"}})")
                .find("rollout"),
            std::string::npos);
}

// How Chinese is cut is written where it matters, and lessons from before the field keep the
// characters they were made with.
TEST(SessionFile, ChineseTokensAreKeptAndOlderChineseLessonsReadAsCharacters) {
  Session session;
  session.text = "cat";
  const std::string english = textOf(serializeSession(session));
  EXPECT_EQ(english.find("\"tokens\""), std::string::npos) << "no Chinese, no field";
  EXPECT_EQ(parseSession(serializeSession(session), "s").chineseTokens, ChineseTokens::Words);
  session.text = "注意力机制";
  EXPECT_NE(textOf(serializeSession(session)).find(R"("tokens": "words")"), std::string::npos);
  EXPECT_EQ(parseSession(serializeSession(session), "s").chineseTokens, ChineseTokens::Words);
  EXPECT_EQ(parseSession(bytesOf(R"({"format": "attnscope-session", "version": 1,
                                     "text": "注意力机制"})"),
                         "s")
                .chineseTokens,
            ChineseTokens::Characters);
  EXPECT_NE(parseError(R"({"format": "attnscope-session", "version": 1, "text": "x",
                          "tokens": "phrases"})")
                .find("tokens"),
            std::string::npos);
}

TEST(SessionFile, LessonsWithoutTheStepThroughFieldsStillRead) {
  const Session session =
      parseSession(bytesOf(withField("view", {{"step", "scaled"}, {"selected_query", 1}})), "s");
  EXPECT_EQ(session.view.step, ScoreStage::Scaled);
  EXPECT_EQ(session.view.stepThrough, StepThroughStop::Embeddings);
  EXPECT_FALSE(session.view.stepHead.has_value());
  EXPECT_EQ(session.view.selectedQuery, 1);
  EXPECT_FALSE(session.view.selectedKey.has_value());
}

TEST(SessionFile, TheStepHeadMustBeOneOfTheSessionsHeads) {
  nlohmann::json document = nlohmann::json::parse(withField("heads", 3));
  document["view"] = {{"step_head", 2}};
  EXPECT_EQ(parseSession(bytesOf(document.dump()), "s").view.stepHead, 2);
  document["view"] = {{"step_head", 3}};
  const std::string message = parseError(document.dump());
  EXPECT_NE(message.find("'view.step_head' (or null) must be a whole number from 0 to 2"),
            std::string::npos)
      << message;
}

TEST(SessionFile, ASessionTooLargeToReadBackIsNotWritten) {
  Session session;
  session.text = "x";
  session.weights.source = LessonWeights::Source::Embedded;
  session.weights.loaded = std::make_shared<const LoadedWeights>(LoadedWeights{
      randomWeights(2, 0), std::vector<std::byte>(std::size_t(kMaxSessionBytes) / 4 * 3 + 1)});
  const std::string message = errorOf([&] { serializeSession(session); }, ErrorKind::LimitExceeded);
  EXPECT_NE(message.find("64 MiB"), std::string::npos) << message;
}

TEST(SessionFile, InvalidUtf8IsDamage) {
  std::string text = withField("text", "ab");
  text.replace(text.find("ab"), 2, "a\xff");
  EXPECT_NE(parseError(text).find("not valid JSON"), std::string::npos);
}

TEST(SessionFile, DeepNestingIsRefusedEarly) {
  const std::string deep =
      R"({"format": "attnscope-session", "version": 1, "text": "x", "view": )" +
      std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_NE(parseError(deep).find("nested too deeply"), std::string::npos);
}

TEST(SessionFile, SizeLimits) {
  Bytes huge(std::size_t(kMaxSessionBytes) + 1, std::byte(' '));
  errorOf([&] { parseSession(huge, "big.attnscope"); }, ErrorKind::LimitExceeded);

  nlohmann::json cells = nlohmann::json::array();
  for (std::size_t i = 0; i <= kMaxBlockedCells; ++i) cells.push_back({0, 0});
  const std::string message = parseError(
      withField("mask", {{"mode", "custom"}, {"blocked", cells}}), ErrorKind::LimitExceeded);
  EXPECT_NE(message.find("blocked"), std::string::npos) << message;
}

TEST(SessionFile, EveryTruncationThrowsOnlyError) {
  Session session = fullSession();
  const Bytes whole = serializeSession(session);
  for (std::size_t length = 0; length < whole.size(); ++length) {
    const std::span<const std::byte> prefix(whole.data(), length);
    if (length + 1 == whole.size()) {  // only the final newline is missing: still complete
      EXPECT_TRUE(parseSession(prefix, "s") == session);
      continue;
    }
    try {
      parseSession(prefix, "s");
      ADD_FAILURE() << "a truncation to " << length << " bytes parsed";
    } catch (const Error&) {
    }
  }
}

TEST(SessionFile, CorruptedBytesThrowOnlyError) {
  const unsigned seed = 20240611;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  Session session = fullSession();
  const Bytes whole = serializeSession(session);
  for (int trial = 0; trial < 3000; ++trial) {
    Bytes damaged = whole;
    for (int flips = 1 + int(random() % 3); flips > 0; --flips) {
      damaged[random() % damaged.size()] = std::byte(random() % 256);
    }
    try {
      parseSession(damaged, "s");
    } catch (const Error&) {
    }
  }
}

class SessionOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    m_folder = fs::temp_directory_path() /
               ("attnscope-session-" +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(m_folder);
    fs::create_directories(m_folder);
  }
  void TearDown() override { fs::remove_all(m_folder); }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(m_folder))
      names.push_back(entry.path().filename());
    std::ranges::sort(names);
    return names;
  }
  fs::path m_folder;
};

TEST_F(SessionOnDisk, WriteThenReadLeavesNoTemporaryFile) {
  const Session session = fullSession();
  writeSession(m_folder / "lesson.attnscope", session);
  EXPECT_TRUE(readSession(m_folder / "lesson.attnscope") == session);
  EXPECT_EQ(entries(), std::vector<std::string>{"lesson.attnscope"});
  struct stat info {};
  ASSERT_EQ(::stat((m_folder / "lesson.attnscope").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);
}

TEST_F(SessionOnDisk, ReplacingKeepsTheModeAndFailureKeepsTheOldFile) {
  const fs::path path = m_folder / "lesson.attnscope";
  Session session = fullSession();
  writeSession(path, session);
  fs::permissions(path, fs::perms(0600));
  session.text = "changed";
  writeSession(path, session);
  EXPECT_EQ(readSession(path).text, "changed");
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms(0600));

  session.text = "not valid UTF-8 \xff";
  errorOf([&] { writeSession(path, session); }, ErrorKind::InvalidArgument);
  EXPECT_EQ(readSession(path).text, "changed");
  session.text = "valid";
  errorOf([&] { writeSession(m_folder / "missing" / "x.attnscope", session); }, ErrorKind::Io);
  EXPECT_EQ(entries(), std::vector<std::string>{"lesson.attnscope"});
}

TEST_F(SessionOnDisk, AModelFolderBesideTheLessonIsStoredRelative) {
  Session session;
  session.text = "hi";
  session.model = {(m_folder / "my-model").string(), 2, {}};
  writeSession(m_folder / "lesson.attnscope", session);
  std::ifstream in(m_folder / "lesson.attnscope");
  EXPECT_EQ(nlohmann::json::parse(in).at("model"), "./my-model");  // a '/' keeps it a folder
  EXPECT_TRUE(readSession(m_folder / "lesson.attnscope") == session);

  session.model.name = "use-lite";  // a name, not a folder: kept as it is
  writeSession(m_folder / "lesson.attnscope", session);
  EXPECT_EQ(readSession(m_folder / "lesson.attnscope").model.name, "use-lite");
}

TEST_F(SessionOnDisk, WeightsBesideTheLessonAreStoredRelative) {
  Session session;
  session.text = "hi";
  session.weights.source = LessonWeights::Source::File;
  session.weights.path = (m_folder / "weights" / "w.safetensors").string();
  writeSession(m_folder / "lesson.attnscope", session);
  std::ifstream in(m_folder / "lesson.attnscope");
  const nlohmann::json document = nlohmann::json::parse(in);
  EXPECT_EQ(document.at("weights").at("path"), "weights/w.safetensors");
  EXPECT_EQ(readSession(m_folder / "lesson.attnscope").weights.path, session.weights.path);

  session.weights.path = "/elsewhere/w.safetensors";
  writeSession(m_folder / "lesson.attnscope", session);
  EXPECT_EQ(readSession(m_folder / "lesson.attnscope").weights.path, "/elsewhere/w.safetensors");
}

TEST(Base64, RoundTripsEveryLength) {
  Bytes bytes;
  for (int length = 0; length < 20; ++length) {
    EXPECT_EQ(decodeBase64(encodeBase64(bytes)), bytes) << length;
    bytes.push_back(std::byte(length * 37 + 200));
  }
  EXPECT_EQ(encodeBase64(bytesOf("foobar")), "Zm9vYmFy");  // RFC 4648 §10
  EXPECT_EQ(encodeBase64(bytesOf("fo")), "Zm8=");
}

TEST(Base64, RejectsAnythingNonCanonical) {
  for (const char* text : {"Zm8", "Zm8==", "Zm9=", "Z===", "=m8=", "Zm 8", "Zm8\n", "Zm-_"}) {
    EXPECT_FALSE(decodeBase64(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace attnscope
