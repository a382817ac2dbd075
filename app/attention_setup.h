#pragma once

#include <optional>
#include <vector>

#include "app/command_line.h"
#include "core/attention.h"
#include "core/embedding.h"
#include "core/session_file.h"
#include "core/tokenizer.h"

namespace attnscope::cli {

// Everything one forward pass needs, as the verbs' shared options describe it: either
// --weights/--query/--key-value arrays or --text/--key-value-text with --d-model and --seed.
struct AttentionSetup {
  AttentionWeights weights;
  Matrix query;
  Matrix keyValue;  // equals query for self-attention
  MaskSpec mask;
  int heads = 0;
  int threads = 0;
  // --text form only: the tokens, and the key/value tokens when a separate sequence was given.
  std::optional<std::vector<Token>> queryTokens;
  std::optional<std::vector<Token>> keyValueTokens;
};

// The options every verb that runs attention accepts.
std::vector<OptionSpec> attentionOptionSpecs();

// Reads files, tokenizes text and builds weights. Throws UsageError for contradictory or
// missing options, attnscope::Error for bad data.
AttentionSetup buildAttentionSetup(const ParsedOptions& options);

AttentionTrace runSetup(const AttentionSetup& setup);

// --mask none|causal|MASK.npy (none when absent); reads the file. UsageError for an empty value.
MaskSpec maskFromOption(const std::optional<std::string>& option);
// --threads N: 0 (one per core, the default) up to maxThreads(); UsageError beyond.
int threadsFromOption(const ParsedOptions& options);
// --positional none|sinusoidal (sinusoidal when absent).
PositionalEncoding positionalFromOption(const std::optional<std::string>& option);
// --tokens words|characters: how Chinese is cut (words when absent, as in the window).
ChineseTokens chineseTokensFromOption(const std::optional<std::string>& option);
// Lays the state options export and the window share over `session`: --text, --key-value-text,
// --heads, --seed, --positional, --tokens, --mask none|causal (a mask file is the caller's) and
// --weights (a file path as given, reference layout until the caller detects it).
void overlaySessionOptions(const ParsedOptions& options, Session& session);

}  // namespace attnscope::cli
