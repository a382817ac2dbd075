#include "ui/attention_result.h"

#include <QCoreApplication>

#include "core/embedding.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/weights.h"
#include "ui/error_text.h"

namespace attnscope {

// Carries tr() for these free functions, with a context lupdate can see.
class Computation {
  Q_DECLARE_TR_FUNCTIONS(attnscope::Computation)
};

namespace {

std::vector<Token> tokensOf(const QString& text) {
  const QByteArray utf8 = text.toUtf8();
  return tokenize(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

MaskSpec maskSpecFor(const AttentionParameters& parameters, std::size_t visibleKeys,
                     std::size_t queryLength, std::size_t keyLength) {
  switch (parameters.mask) {
    case MaskMode::None:
      return MaskSpec::none();
    case MaskMode::Causal:
      return MaskSpec::causal();
    case MaskMode::KeyPadding:
      return MaskSpec::keyPadding(visibleKeys);
    case MaskMode::Custom:
      break;
  }
  std::vector<std::uint8_t> keep(queryLength * keyLength, 1);
  for (const auto& [query, key] : parameters.blockedCells) {
    if (query >= 0 && key >= 0 && std::size_t(query) < queryLength && std::size_t(key) < keyLength)
      keep[std::size_t(query) * keyLength + std::size_t(key)] = 0;
  }
  return MaskSpec::cells({queryLength, keyLength}, std::move(keep));
}

std::vector<int> rowsFullyBlocked(const AttentionTrace& trace) {
  std::vector<int> rows;
  for (std::size_t i = 0; i < trace.queryLength(); ++i) {
    bool anyKept = false;
    for (int h = 0; h < trace.heads && !anyKept; ++h)
      for (std::size_t j = 0; j < trace.keyLength() && !anyKept; ++j)
        anyKept = trace.mask.keeps(h, i, j);
    if (!anyKept) rows.push_back(int(i));
  }
  return rows;
}

// A picture cell is blocked when every cell of its block is; most blocks have a kept cell early.
std::vector<std::uint8_t> blockedPictureCells(const MaskSpec& spec,
                                              const AttentionSummary& summary) {
  const ResolvedMask mask(spec, summary.heads, summary.queryLength, summary.keyLength);
  if (mask.blocksNothing()) return {};
  const std::size_t rows = summary.picture.rows(), cols = summary.picture.cols();
  std::vector<std::uint8_t> blocked(rows * cols, 1);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      bool kept = false;
      for (std::size_t i = summary.rowStart(r); i < summary.rowStart(r + 1) && !kept; ++i) {
        for (std::size_t j = summary.columnStart(c); j < summary.columnStart(c + 1) && !kept; ++j)
          kept = mask.keeps(0, i, j);
      }
      blocked[r * cols + c] = !kept;
    }
  }
  return blocked;
}

}  // namespace

bool windowTraceFits(int heads, std::size_t queryLength, std::size_t keyLength) {
  return std::uint64_t(std::max(heads, 0)) * queryLength * keyLength <= kWindowTraceCells;
}

AttentionResult computeAttention(const AttentionParameters& parameters, AttentionEngine& engine) {
  AttentionResult result;
  result.parameters = parameters;
  try {
    result.queryTokens = tokensOf(parameters.text);
    if (result.queryTokens.empty()) {
      result.error = Computation::tr("Type a sentence to see its attention.");
      return result;
    }
    result.keyTokens =
        parameters.crossAttention ? tokensOf(parameters.keyValueText) : result.queryTokens;
    if (result.keyTokens.empty()) {
      result.error = Computation::tr("Type a key/value sentence for cross-attention.");
      return result;
    }
    const std::size_t visibleKeys = result.keyTokens.size();
    if (parameters.mask == MaskMode::KeyPadding) {
      const auto padded = std::size_t(std::max(parameters.paddedLength, 0));
      while (result.keyTokens.size() < padded) result.keyTokens.push_back({kPaddingToken, 0, 0});
      if (!parameters.crossAttention) result.queryTokens = result.keyTokens;
    }
    requireSequenceLength(result.queryTokens.size());
    requireSequenceLength(result.keyTokens.size());

    const int dModel = parameters.modelWidth;
    const auto positional =
        parameters.positional ? PositionalEncoding::Sinusoidal : PositionalEncoding::None;
    result.queryEmbeddings = embedTokens(result.queryTokens, parameters.seed, dModel);
    result.queryPositions = parameters.positional
                                ? sinusoidalEncoding(int(result.queryTokens.size()), dModel)
                                : Matrix::Zero(result.queryEmbeddings.rows(), dModel);
    const Matrix query = result.queryEmbeddings + result.queryPositions;
    // With key padding in self-attention the padded sequence is both queries and keys.
    result.keyValueInput = parameters.crossAttention
                               ? modelInput(result.keyTokens, parameters.seed, dModel, positional)
                               : query;
    const MaskSpec mask =
        maskSpecFor(parameters, visibleKeys, result.queryTokens.size(), result.keyTokens.size());
    result.weights = projectionsOf(parameters.weights, dModel, parameters.seed);
    engine.setScoreScaling(parameters.scaled ? ScoreScaling::SqrtHeadWidth : ScoreScaling::None);
    if (windowTraceFits(parameters.heads, result.queryTokens.size(), result.keyTokens.size())) {
      engine.run(result.weights, query, result.keyValueInput, mask, parameters.heads);
      result.trace = engine.takeTrace();
      result.fullyBlockedRows = rowsFullyBlocked(*result.trace);
    } else {
      result.summary =
          engine.runStreaming(result.weights, query, result.keyValueInput, mask, parameters.heads);
      result.blockedPictureCells = blockedPictureCells(mask, *result.summary);
    }
  } catch (const Error& error) {
    result.trace.reset();
    result.summary.reset();
    result.error = errorText(error);
  } catch (const std::bad_alloc&) {
    result.trace.reset();
    result.summary.reset();
    result.error = Computation::tr("Not enough memory for these sizes.");
  }
  return result;
}

}  // namespace attnscope
