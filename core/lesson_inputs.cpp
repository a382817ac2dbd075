#include "core/lesson_inputs.h"

#include "core/embedding.h"
#include "core/error.h"
#include "core/lesson_weights.h"
#include "core/limits.h"
#include "core/session_file.h"

namespace attnscope {
namespace {

std::vector<Token> tokensOf(const std::string& text, ChineseTokens chinese, const char* what) {
  std::vector<Token> tokens = tokenize(text, chinese);
  if (tokens.empty()) throw Error(ErrorKind::InvalidData, std::string(what) + " has no tokens");
  return tokens;
}

MaskSpec maskOf(const Lesson& lesson, std::size_t visibleKeys, std::size_t queryLength,
                std::size_t keyLength) {
  switch (lesson.mask) {
    case LessonMask::None:
      return MaskSpec::none();
    case LessonMask::Causal:
      return MaskSpec::causal();
    case LessonMask::KeyPadding:
      return MaskSpec::keyPadding(visibleKeys);
    case LessonMask::Custom:
      break;
  }
  std::vector<std::uint8_t> keep(queryLength * keyLength, 1);
  for (const auto& [query, key] : lesson.blockedCells) {
    if (query >= 0 && key >= 0 && std::size_t(query) < queryLength && std::size_t(key) < keyLength)
      keep[std::size_t(query) * keyLength + std::size_t(key)] = 0;
  }
  return MaskSpec::cells({queryLength, keyLength}, std::move(keep));
}

}  // namespace

bool hasTokens(const std::string& text) { return !tokenize(text).empty(); }

LessonInputs lessonInputs(const Lesson& lesson) {
  LessonInputs inputs;
  inputs.weights = projectionsOf(lesson);
  if (inputs.weights.modelWidth() != lesson.modelWidth) {
    throw Error(ErrorKind::InvalidData,
                "the weights have d_model " + std::to_string(inputs.weights.modelWidth()) +
                    " but the lesson says " + std::to_string(lesson.modelWidth));
  }
  inputs.heads = lesson.heads;
  inputs.queryTokens = tokensOf(lesson.text, lesson.chineseTokens, "the text");
  inputs.keyTokens = lesson.crossAttention
                         ? tokensOf(lesson.keyValueText, lesson.chineseTokens, "the key/value text")
                         : inputs.queryTokens;
  const std::size_t visibleKeys = inputs.keyTokens.size();
  if (lesson.mask == LessonMask::KeyPadding) {
    const auto paddedLength = std::size_t(std::max(lesson.paddedLength, 0));
    requireSequenceLength(paddedLength);
    while (inputs.keyTokens.size() < paddedLength) {
      inputs.keyTokens.push_back({kPaddingToken, 0, 0});
    }
    if (!lesson.crossAttention) inputs.queryTokens = inputs.keyTokens;
  }
  requireSequenceLength(inputs.queryTokens.size());
  requireSequenceLength(inputs.keyTokens.size());

  const int width = lesson.modelWidth;
  inputs.queryEmbeddings = embedTokens(inputs.queryTokens, lesson.seed, width);
  inputs.queryPositions = lesson.positional
                              ? sinusoidalEncoding(int(inputs.queryTokens.size()), width)
                              : Matrix::Zero(inputs.queryEmbeddings.rows(), width);
  inputs.query = inputs.queryEmbeddings + inputs.queryPositions;
  const auto positional =
      lesson.positional ? PositionalEncoding::Sinusoidal : PositionalEncoding::None;
  inputs.keyValue = lesson.crossAttention
                        ? modelInput(inputs.keyTokens, lesson.seed, width, positional)
                        : inputs.query;
  inputs.mask = maskOf(lesson, visibleKeys, inputs.queryTokens.size(), inputs.keyTokens.size());
  return inputs;
}

std::string lessonSummary(const Lesson& lesson) {
  if (!lesson.model.isSandbox()) {
    return "model=" + lesson.model.name + " layer=" + std::to_string(lesson.model.layer);
  }
  std::string summary = "d_model=" + std::to_string(lesson.modelWidth);
  summary += " heads=" + std::to_string(lesson.heads);
  summary += " seed=" + std::to_string(lesson.seed);
  summary += lesson.positional ? " positional=sinusoidal" : " positional=none";
  summary += lesson.scaled ? " scaled=yes" : " scaled=no";
  summary += " mask=";
  summary += sessionMaskKey(lesson.mask);
  if (lesson.mask == LessonMask::KeyPadding) {
    summary += '(' + std::to_string(lesson.paddedLength) + ')';
  } else if (lesson.mask == LessonMask::Custom) {
    summary += '(' + std::to_string(lesson.blockedCells.size()) + " cells)";
  }
  summary += " weights=";
  switch (lesson.weights.source) {
    case LessonWeights::Source::Seed:
      return summary + "seed";
    case LessonWeights::Source::File:
      summary += "file:" + lesson.weights.path;
      break;
    case LessonWeights::Source::Embedded:
      summary += "embedded";
      break;
  }
  summary += '(';
  summary += weightsLayoutKey(lesson.weights.layout);
  return summary + ')';
}

}  // namespace attnscope
