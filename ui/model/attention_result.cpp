#include "ui/model/attention_result.h"

#include <QCoreApplication>

#include "core/error.h"
#include "core/lesson_inputs.h"
#include "ui/model/error_text.h"
#include "ui/model/token_labels.h"

namespace attnscope {

// Gives these free functions tr(), under a context lupdate sees.
class Computation {
  Q_DECLARE_TR_FUNCTIONS(attnscope::Computation)
};

namespace {

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

void labelTokens(AttentionResult& result) {
  result.queryLabels = tokenLabels(result.queryTokens);
  result.keyLabels = tokenLabels(result.keyTokens);
}

bool windowTraceFits(int heads, std::size_t queryLength, std::size_t keyLength) {
  return std::uint64_t(std::max(heads, 0)) * queryLength * keyLength <= kWindowTraceCells;
}

AttentionResult encoderAttention(const Lesson& parameters, EncoderRunner& runner,
                                 const EncoderOptions& options) {
  AttentionResult result;
  result.parameters = parameters;
  EncoderLessonRun run = runEncoderLesson(parameters, runner, options);
  result.weights = run.model->layers[run.layer].attention;
  result.queryTokens = run.tokens;
  result.keyTokens = run.tokens;
  result.queryEmbeddings = run.x();
  result.queryPositions = Matrix::Zero(run.x().rows(), run.x().cols());
  result.keyValueInput = run.x();
  result.trace = run.attention();
  result.encoder = std::move(run);
  labelTokens(result);
  return result;
}

AttentionResult computeAttention(const Lesson& parameters, AttentionEngine& engine,
                                 EncoderRunner* encoderRunner) {
  AttentionResult result;
  result.parameters = parameters;
  try {
    if (!parameters.model.isSandbox()) {
      EncoderRunner ownRunner;
      result = encoderAttention(parameters, encoderRunner ? *encoderRunner : ownRunner,
                                {.threads = 0, .cancel = engine.cancelFlag()});
      return result;
    }
    LessonInputs inputs = lessonInputs(parameters);
    result.queryTokens = std::move(inputs.queryTokens);
    result.keyTokens = std::move(inputs.keyTokens);
    labelTokens(result);
    result.queryEmbeddings = std::move(inputs.queryEmbeddings);
    result.queryPositions = std::move(inputs.queryPositions);
    result.keyValueInput = std::move(inputs.keyValue);
    result.weights = std::move(inputs.weights);
    const Matrix& query = inputs.query;
    const MaskSpec& mask = inputs.mask;
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
    // An empty sentence is not a mistake but the start: say what to do. Only this failing path
    // tokenizes a second time; every keystroke tokenizes once, in lessonInputs.
    if (parameters.model.isSandbox() ? !hasTokens(parameters.text) : parameters.text.empty()) {
      result.error = Computation::tr("Type a sentence to see its attention.");
    } else if (parameters.crossAttention && !hasTokens(parameters.keyValueText)) {
      result.error = Computation::tr("Type a key/value sentence for cross-attention.");
    } else {
      result.error = errorText(error);
    }
  } catch (const std::bad_alloc&) {
    result.trace.reset();
    result.summary.reset();
    result.error = Computation::tr("Not enough memory for these sizes.");
  }
  return result;
}

}  // namespace attnscope
