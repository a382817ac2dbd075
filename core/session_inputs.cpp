#include "core/session_inputs.h"

#include "core/embedding.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/safetensors.h"

namespace attnscope {
namespace {

// Padding keys are embedded like any other token with this text.
constexpr const char* kPadding = "[PAD]";

std::vector<Token> tokensOf(const std::string& text, const char* what) {
  std::vector<Token> tokens = tokenize(text);
  if (tokens.empty()) throw Error(ErrorKind::InvalidData, std::string(what) + " has no tokens");
  return tokens;
}

MaskSpec maskOf(const Session& session, std::size_t visibleKeys, std::size_t queryLength,
                std::size_t keyLength) {
  switch (session.mask) {
    case SessionMask::None:
      return MaskSpec::none();
    case SessionMask::Causal:
      return MaskSpec::causal();
    case SessionMask::KeyPadding:
      return MaskSpec::keyPadding(visibleKeys);
    case SessionMask::Custom:
      break;
  }
  std::vector<std::uint8_t> keep(queryLength * keyLength, 1);
  for (const auto& [query, key] : session.blockedCells) {
    if (query >= 0 && key >= 0 && std::size_t(query) < queryLength && std::size_t(key) < keyLength)
      keep[std::size_t(query) * keyLength + std::size_t(key)] = 0;
  }
  return MaskSpec::cells({queryLength, keyLength}, std::move(keep));
}

}  // namespace

AttentionWeights sessionWeights(const Session& session) {
  const SessionWeights& source = session.weights;
  switch (source.source) {
    case SessionWeights::Source::Seed:
      return randomWeights(session.modelWidth, session.seed);
    case SessionWeights::Source::File:
      return weightsFromSafetensors(SafetensorsFile::read(source.path), source.path, source.layout);
    case SessionWeights::Source::Embedded:
      break;
  }
  const std::string name = "the session's embedded weights";
  return weightsFromSafetensors(SafetensorsFile::parse(source.safetensors, name), name,
                                source.layout);
}

SessionInputs sessionInputs(const Session& session, AttentionWeights weights) {
  if (weights.modelWidth() != session.modelWidth) {
    throw Error(ErrorKind::InvalidData,
                "the weights have d_model " + std::to_string(weights.modelWidth()) +
                    " but the session says " + std::to_string(session.modelWidth));
  }
  SessionInputs inputs;
  inputs.heads = session.heads;
  inputs.queryTokens = tokensOf(session.text, "the text");
  inputs.keyTokens = session.crossAttention ? tokensOf(session.keyValueText, "the key/value text")
                                            : inputs.queryTokens;
  const std::size_t visibleKeys = inputs.keyTokens.size();
  if (session.mask == SessionMask::KeyPadding) {
    requireSequenceLength(std::size_t(session.paddedLength));
    while (inputs.keyTokens.size() < std::size_t(session.paddedLength)) {
      inputs.keyTokens.push_back({kPadding, 0, 0});
    }
    if (!session.crossAttention) inputs.queryTokens = inputs.keyTokens;
  }
  requireSequenceLength(inputs.queryTokens.size());
  requireSequenceLength(inputs.keyTokens.size());

  const auto positional =
      session.positional ? PositionalEncoding::Sinusoidal : PositionalEncoding::None;
  inputs.query = modelInput(inputs.queryTokens, session.seed, session.modelWidth, positional);
  inputs.keyValue = session.crossAttention
                        ? modelInput(inputs.keyTokens, session.seed, session.modelWidth, positional)
                        : inputs.query;
  inputs.mask = maskOf(session, visibleKeys, inputs.queryTokens.size(), inputs.keyTokens.size());
  inputs.weights = std::move(weights);
  return inputs;
}

std::string sessionSummary(const Session& session) {
  std::string summary = "d_model=" + std::to_string(session.modelWidth);
  summary += " heads=" + std::to_string(session.heads);
  summary += " seed=" + std::to_string(session.seed);
  summary += session.positional ? " positional=sinusoidal" : " positional=none";
  summary += session.scaled ? " scaled=yes" : " scaled=no";
  summary += " mask=";
  summary += sessionMaskKey(session.mask);
  if (session.mask == SessionMask::KeyPadding) {
    summary += '(' + std::to_string(session.paddedLength) + ')';
  } else if (session.mask == SessionMask::Custom) {
    summary += '(' + std::to_string(session.blockedCells.size()) + " cells)";
  }
  summary += " weights=";
  switch (session.weights.source) {
    case SessionWeights::Source::Seed:
      return summary + "seed";
    case SessionWeights::Source::File:
      summary += "file:" + session.weights.path;
      break;
    case SessionWeights::Source::Embedded:
      summary += "embedded";
      break;
  }
  summary += '(';
  summary += weightsLayoutKey(session.weights.layout);
  return summary + ')';
}

}  // namespace attnscope
