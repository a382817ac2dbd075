#include "core/session_file.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/base64.h"
#include "core/error.h"
#include "core/file_bytes.h"
#include "core/json_field_reader.h"
#include "core/lesson_weights.h"
#include "core/limits.h"
#include "core/strict_json.h"

namespace attnscope {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view kFormat = "attnscope-session";
// root > mask object > blocked list > one [query, key] pair
constexpr int kMaxJsonDepth = 4;
constexpr std::size_t kMaxPathBytes = 4096;
constexpr int kMaxLength = int(kMaxSequenceLength);
// Far beyond any encoder a lesson runs; the model itself says how many layers it has.
constexpr int kMaxEncoderLayers = 1024;

constexpr std::array<std::string_view, 4> kMaskKeys = {"none", "causal", "key_padding", "custom"};
constexpr std::array<std::string_view, 4> kStepKeys = {"scores", "scaled", "masked", "weights"};
constexpr std::array<std::string_view, 10> kStopKeys = {
    "embeddings", "projections", "split_heads",  "raw_scores",    "scaling",
    "masking",    "softmax",     "weighted_sum", "concat_output", "around_attention"};
constexpr std::array<std::string_view, 2> kLayoutKeys = {"reference", "multihead"};
constexpr std::array<std::string_view, 2> kPositionalKeys = {"none", "sinusoidal"};
constexpr std::array<std::string_view, 2> kChineseTokensKeys = {"words",
                                                                "characters"};  // enum order

json parseJson(std::span<const std::byte> bytes, const std::string& name) {
  if (bytes.size() > kMaxSessionBytes) {
    throw Error(ErrorKind::LimitExceeded, name + ": a session file may be at most " +
                                              std::to_string(kMaxSessionBytes >> 20) + " MiB");
  }
  // Deeper nesting and longer lists are never valid; refusing them while reading stops a small
  // file from unfolding into a huge tree.
  return parseStrictJson(bytes, name,
                         {.maxDepth = kMaxJsonDepth,
                          .tooDeep = "not an AttnScope session (nested too deeply)",
                          .maxMembers = kMaxBlockedCells});
}

void checkFormatAndVersion(const json& document, const std::string& name) {
  const auto format = document.find("format");
  if (format == document.end() || !format->is_string() || format->get<std::string>() != kFormat) {
    throw Error(ErrorKind::InvalidData,
                name + ": not an AttnScope session (\"format\" is not \"attnscope-session\")");
  }
  const auto version = document.find("version");
  if (version == document.end() || !version->is_number_unsigned() || *version == 0) {
    throw Error(ErrorKind::InvalidData, name + ": 'version' must be a whole number from 1");
  }
  if (version->get<std::uint64_t>() > std::uint64_t(kSessionVersion)) {
    throw Error(ErrorKind::InvalidData,
                name + ": written by a newer AttnScope (version " +
                    std::to_string(version->get<std::uint64_t>()) + "); this one reads version " +
                    std::to_string(kSessionVersion) + ": please update AttnScope");
  }
}

std::uint64_t parseSeed(const FieldReader& root) {
  const json* value = root.find("seed");
  if (value == nullptr) return 0;
  // A decimal string: JSON readers in other languages keep only 53 bits of a number.
  const std::string text = value->is_string() ? value->get<std::string>() : std::string();
  bool fits = !text.empty() && text.size() <= 20;
  std::uint64_t seed = 0;
  for (std::size_t i = 0; fits && i < text.size(); ++i) {
    const auto digit = std::uint64_t(text[i] - '0');
    fits = text[i] >= '0' && text[i] <= '9' && seed <= (UINT64_MAX - digit) / 10;
    seed = seed * 10 + digit;
  }
  if (!fits) root.fail("'seed' must be a decimal string from \"0\" to \"18446744073709551615\"");
  return seed;
}

void parseMask(const FieldReader& root, Session& session) {
  const FieldReader mask = root.object("mask", {"mode", "padded_length", "blocked"});
  session.mask = LessonMask(mask.choice("mode", kMaskKeys, 0));
  session.paddedLength = mask.integer("padded_length", 0, kMaxLength, 0);
  const json* blocked = mask.find("blocked");
  if (blocked == nullptr) return;
  if (!blocked->is_array())
    mask.fail(mask.name("blocked") + " must be a list of [query, key] pairs");
  if (blocked->size() > kMaxBlockedCells) {
    mask.fail(
        mask.name("blocked") + " lists more than " + std::to_string(kMaxBlockedCells) + " cells",
        ErrorKind::LimitExceeded);
  }
  for (const json& cell : *blocked) {
    if (!cell.is_array() || cell.size() != 2) {
      mask.fail(mask.name("blocked") + " must be a list of [query, key] pairs");
    }
    const std::string what = mask.name("blocked") + " indices";
    session.blockedCells.insert({mask.integerValue(cell[0], what, 0, kMaxLength - 1),
                                 mask.integerValue(cell[1], what, 0, kMaxLength - 1)});
  }
}

void parseWeights(const FieldReader& root, Session& session) {
  const json* value = root.find("weights");
  if (value == nullptr || (value->is_string() && *value == "seed")) return;
  if (!value->is_object()) {
    root.fail("'weights' must be \"seed\" or an object with \"path\" or \"safetensors_base64\"");
  }
  const FieldReader weights = root.object("weights", {"path", "safetensors_base64", "format"});
  if (weights.find("format") == nullptr) weights.fail(weights.name("format") + " is missing");
  session.weights.layout = WeightsLayout(weights.choice("format", kLayoutKeys, 0));
  const bool hasPath = weights.find("path") != nullptr;
  if (hasPath == (weights.find("safetensors_base64") != nullptr)) {
    weights.fail("'weights' needs exactly one of \"path\" and \"safetensors_base64\"");
  }
  if (hasPath) {
    session.weights.source = LessonWeights::Source::File;
    session.weights.path = weights.string("path", "");
    if (session.weights.path.empty() || session.weights.path.size() > kMaxPathBytes ||
        session.weights.path.find('\0') != std::string::npos) {
      weights.fail(weights.name("path") + " must be a file name");
    }
    return;
  }
  std::optional<std::vector<std::byte>> bytes =
      decodeBase64(weights.string("safetensors_base64", ""));
  if (!bytes || bytes->empty()) weights.fail(weights.name("safetensors_base64") + " is not base64");
  try {
    session.weights = embeddedWeights(std::move(*bytes), session.weights.layout);
  } catch (const Error& error) {
    weights.fail(error.what(), error.kind());
  }
}

// "model": "use-lite" or a folder, "layer": from 1; both absent in a sandbox lesson (older files).
void parseModel(const FieldReader& root, Session& session) {
  const json* layer = root.find("layer");
  if (root.find("model") == nullptr) {
    if (layer != nullptr) root.fail("'layer' applies only with 'model' (a pretrained encoder)");
    return;
  }
  session.model.name = root.string("model", "");
  if (session.model.name.empty() || session.model.name.size() > kMaxPathBytes ||
      session.model.name.find('\0') != std::string::npos) {
    root.fail("'model' must be a model name such as \"use-lite\" or a folder");
  }
  session.model.layer = root.integer("layer", 1, kMaxEncoderLayers, 1);
}

void parseView(const FieldReader& root, Session& session) {
  const FieldReader view =
      root.object("view", {"colormap", "automatic_range", "average_of_heads", "rollout",
                           "all_layers", "focused_head", "step", "step_through", "step_head",
                           "selected_query", "selected_key"});
  SessionView& out = session.view;
  out.colorMap = view.string("colormap", out.colorMap);
  // Unknown maps fall back in the window (a newer AttnScope may add some), but only keys.
  const bool isKey =
      !out.colorMap.empty() && out.colorMap.size() <= 32 &&
      std::all_of(out.colorMap.begin(), out.colorMap.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      });
  if (!isKey) view.fail(view.name("colormap") + " must be a colour map name such as \"viridis\"");
  out.automaticRange = view.boolean("automatic_range", out.automaticRange);
  out.averageOfHeads = view.boolean("average_of_heads", out.averageOfHeads);
  out.rollout = view.boolean("rollout", out.rollout);
  out.allLayers = view.boolean("all_layers", out.allLayers);
  out.focusedHead = view.optionalInteger("focused_head", 0, kMaxHeads - 1);
  out.step = ScoreStage(view.choice("step", kStepKeys, std::size_t(out.step)));
  out.stepThrough =
      StepThroughStop(view.choice("step_through", kStopKeys, std::size_t(out.stepThrough)));
  // The head of a step-through exists only below the session's own number of heads.
  out.stepHead = view.optionalInteger("step_head", 0, session.heads - 1);
  out.selectedQuery = view.optionalInteger("selected_query", 0, kMaxLength - 1);
  out.selectedKey = view.optionalInteger("selected_key", 0, kMaxLength - 1);
}

ordered_json weightsJson(const LessonWeights& weights) {
  const std::string layout(weightsLayoutKey(weights.layout));
  switch (weights.source) {
    case LessonWeights::Source::Seed:
      return "seed";
    case LessonWeights::Source::File:
      return {{"path", weights.path}, {"format", layout}};
    case LessonWeights::Source::Embedded:
      break;
  }
  if (!weights.loaded || weights.loaded->safetensors.empty()) {
    throw Error(ErrorKind::LimitExceeded, "the weights are too large to embed in a lesson");
  }
  return {{"safetensors_base64", encodeBase64(weights.loaded->safetensors)}, {"format", layout}};
}

ordered_json optionalJson(const std::optional<int>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

}  // namespace

std::string_view sessionMaskKey(LessonMask mask) { return kMaskKeys[std::size_t(mask)]; }
std::string_view sessionStepKey(ScoreStage step) { return kStepKeys[std::size_t(step)]; }
std::string_view stepThroughStopKey(StepThroughStop stop) { return kStopKeys[std::size_t(stop)]; }
std::string_view weightsLayoutKey(WeightsLayout layout) { return kLayoutKeys[std::size_t(layout)]; }

Session parseSession(std::span<const std::byte> bytes, std::string_view displayName) {
  const std::string name(displayName);
  const json document = parseJson(bytes, name);
  if (!document.is_object()) {
    throw Error(ErrorKind::InvalidData, name + ": not an AttnScope session (not a JSON object)");
  }
  checkFormatAndVersion(document, name);
  const FieldReader root(
      document, "", name,
      {"format", "version", "text", "key_value_text", "cross_attention", "d_model", "heads", "seed",
       "positional", "scaled", "tokens", "mask", "weights", "model", "layer", "view"});
  Session session;
  if (root.find("text") == nullptr) root.fail("'text' is missing");
  session.text = root.string("text", "");
  session.keyValueText = root.string("key_value_text", "");
  session.crossAttention = root.boolean("cross_attention", false);
  session.modelWidth = root.integer("d_model", 1, kMaxModelWidth, session.modelWidth);
  session.heads = root.integer("heads", 1, kMaxHeads, session.heads);
  session.seed = parseSeed(root);
  session.positional = root.choice("positional", kPositionalKeys, 1) == 1;
  session.scaled = root.boolean("scaled", true);
  // Lessons from before the field cut Chinese into characters; where the text has no
  // ideograph the choice changes nothing, and the window's default, words, stays.
  const bool cutIntoCharacters = hasIdeographs(session.text) || hasIdeographs(session.keyValueText);
  session.chineseTokens =
      ChineseTokens(root.choice("tokens", kChineseTokensKeys, cutIntoCharacters ? 1 : 0));
  parseMask(root, session);
  parseWeights(root, session);
  parseModel(root, session);
  parseView(root, session);
  return session;
}

Session readSession(const std::filesystem::path& path) {
  Session session = parseSession(readFileBytes(path, kMaxSessionBytes), path.string());
  std::filesystem::path weights(session.weights.path);
  if (session.weights.source == LessonWeights::Source::File && weights.is_relative()) {
    session.weights.path = (path.parent_path() / weights).lexically_normal().string();
  }
  // A model given as a relative folder (a path with a '/') is beside the lesson, like weights.
  const std::filesystem::path model(session.model.name);
  if (session.model.name.find('/') != std::string::npos && model.is_relative()) {
    session.model.name = (path.parent_path() / model).lexically_normal().string();
  }
  return session;
}

std::vector<std::byte> serializeSession(const Session& session) {
  ordered_json blocked = ordered_json::array();
  for (const auto& [query, key] : session.blockedCells) blocked.push_back({query, key});
  ordered_json document = {
      {"format", std::string(kFormat)},
      {"version", kSessionVersion},
      {"text", session.text},
      {"key_value_text", session.keyValueText},
      {"cross_attention", session.crossAttention},
      {"d_model", session.modelWidth},
      {"heads", session.heads},
      {"seed", std::to_string(session.seed)},
      {"positional", session.positional ? "sinusoidal" : "none"},
      {"scaled", session.scaled},
      {"mask",
       {{"mode", std::string(sessionMaskKey(session.mask))},
        {"padded_length", session.paddedLength},
        {"blocked", blocked}}},
      {"weights", weightsJson(session.weights)},
  };
  // Written only where it matters, so that lessons without Chinese stay readable by versions
  // before it.
  if (hasIdeographs(session.text) || hasIdeographs(session.keyValueText)) {
    document["tokens"] = std::string(kChineseTokensKeys[std::size_t(session.chineseTokens)]);
  }
  // Written only for an encoder, so that a sandbox lesson stays readable by older versions.
  if (!session.model.isSandbox()) {
    document["model"] = session.model.name;
    document["layer"] = session.model.layer;
  }
  document["view"] = {{"colormap", session.view.colorMap},
                      {"automatic_range", session.view.automaticRange},
                      {"average_of_heads", session.view.averageOfHeads},
                      {"focused_head", optionalJson(session.view.focusedHead)},
                      {"step", std::string(sessionStepKey(session.view.step))},
                      {"step_through", std::string(stepThroughStopKey(session.view.stepThrough))},
                      {"step_head", optionalJson(session.view.stepHead)},
                      {"selected_query", optionalJson(session.view.selectedQuery)},
                      {"selected_key", optionalJson(session.view.selectedKey)}};
  // Written only when on, so lessons without it stay readable by versions before it.
  if (session.view.rollout) document["view"]["rollout"] = true;
  if (session.view.allLayers) document["view"]["all_layers"] = true;
  std::string text;
  try {
    text = document.dump(2) + "\n";
  } catch (const json::type_error&) {
    throw Error(ErrorKind::InvalidArgument, "the session's text is not valid UTF-8");
  }
  if (text.size() > kMaxSessionBytes) {
    throw Error(ErrorKind::LimitExceeded,
                "the session would take " + std::to_string((text.size() >> 20) + 1) +
                    " MiB, more than the " + std::to_string(kMaxSessionBytes >> 20) +
                    " MiB a session file may hold (embedded weights count 4/3 of their size)");
  }
  const auto* begin = reinterpret_cast<const std::byte*>(text.data());
  return {begin, begin + text.size()};
}

void writeSession(const std::filesystem::path& path, const Session& session) {
  // A weights file or model folder beside the lesson is stored relative to it, so the folder
  // can be moved.
  const std::filesystem::path folder = std::filesystem::absolute(path).parent_path();
  const auto besideTheLesson = [&folder](std::string& stored, bool keepSlash) {
    const std::filesystem::path given(stored);
    const std::filesystem::path relative = given.lexically_relative(folder);
    if (given.is_absolute() && !relative.empty() && *relative.begin() != "..") {
      // A model name has no '/': a model folder keeps one ("./m" for "m").
      stored =
          keepSlash && !relative.has_parent_path() ? "./" + relative.string() : relative.string();
    }
  };
  Session stored = session;
  if (stored.weights.source == LessonWeights::Source::File)
    besideTheLesson(stored.weights.path, false);
  if (!stored.model.isSandbox()) besideTheLesson(stored.model.name, true);
  writeFileAtomically(path, serializeSession(stored));
}

}  // namespace attnscope
