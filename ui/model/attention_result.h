#pragma once

#include <QString>
#include <QStringList>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/attention.h"
#include "core/attention_engine.h"
#include "core/attention_summary.h"
#include "core/lesson.h"
#include "core/lesson_run.h"
#include "core/tokenizer.h"
#include "core/weights.h"

namespace attnscope {

struct ResultMaps;

// One computation's outcome, handed from the worker to the widgets by shared pointer.
struct AttentionResult {
  Lesson parameters;  // what was computed
  std::vector<Token> queryTokens;
  std::vector<Token> keyTokens;  // equal to queryTokens for self-attention (plus any padding)
  // Their labels (token_labels.h), made once for every view; the window's worker hands on the
  // previous result's lists when they are equal, so views compare them by identity.
  QStringList queryLabels, keyLabels;
  Matrix queryEmbeddings;    // X before positional encoding
  Matrix queryPositions;     // the positional term (zero when off)
  Matrix keyValueInput;      // what the key/value projections see
  AttentionWeights weights;  // W_q, W_k, W_v, W_o with biases
  // Exactly one of these is set after a successful run: the whole trace while it fits the
  // window's budget (windowTraceFits), else the streaming engine's pooled pictures.
  std::optional<AttentionTrace> trace;
  std::optional<AttentionSummary> summary;
  // Set when the parameters cannot be computed; the view keeps showing the last good result.
  QString error;
  // Query rows in which every key is blocked, so their weights are uniform (1/Lk).
  std::vector<int> fullyBlockedRows;
  // Pooled only: the picture's cells whose whole block of cells the mask blocks (1), row-major
  // like summary->picture; empty when the mask blocks nothing. The window's masks are the same
  // for every head.
  std::vector<std::uint8_t> blockedPictureCells;
  // An encoder lesson: its pieces and every layer's trace (for views beyond the shown layer,
  // such as an overview of layers or attention rollout). The fields above then hold the shown
  // layer: tokens = the pieces read, trace = its attention, weights = its W_q … W_o, and the
  // input X (queryEmbeddings, keyValueInput) = LN(the layer's input), with zero positions.
  std::optional<EncoderLessonRun> encoder;
  // What the heads view draws of it, built by the window's worker (ui/model/result_maps.h);
  // null elsewhere (the command line, tests that compute directly).
  std::shared_ptr<const ResultMaps> maps;

  // Every intermediate is known: the step-through, the values and the exports work.
  bool ok() const { return trace.has_value(); }
  // Too long for the full trace: the heads show pooled pictures, nothing else is exact.
  bool pooled() const { return summary.has_value(); }
  // There is something to show: exact or pooled.
  bool computed() const { return ok() || pooled(); }
  int heads() const { return trace ? trace->heads : summary ? summary->heads : 0; }
};

// The window keeps the full trace while heads × Lq × Lk stays within this many cells (two
// float arrays of 32 MiB: 8 heads up to 1024 tokens). Every view of it is rebuilt on the GUI
// thread, at about 15 ns a cell with the drawing, so this bounds a result's arrival to about
// 130 ms; beyond it the streaming engine runs instead, whose pooled pictures cost a fixed
// ~80 ms. The engine's own budget (kFullTraceBudgetBytes) is 32 times larger.
inline constexpr std::uint64_t kWindowTraceCells = std::uint64_t{1} << 23;
bool windowTraceFits(int heads, std::size_t queryLength, std::size_t keyLength);

// Sets queryLabels and keyLabels from the tokens: for a result built field by field.
void labelTokens(AttentionResult& result);

// Tokenizes, embeds, builds weights and mask, and runs `engine` (kept by the caller so its
// workspace and packed weights are reused across recomputes). Never throws: problems with the
// input land in `error` as a user-facing sentence.
// An encoder lesson is run on `encoderRunner` (a fresh one when null), under the engine's cancel
// flag.
AttentionResult computeAttention(const Lesson& parameters, AttentionEngine& engine,
                                 EncoderRunner* encoderRunner = nullptr);

// An encoder lesson's result (core/lesson_run.h runEncoderLesson, then the fields above). Throws
// as runEncoderLesson; computeAttention catches it, `attnscope export` reports it.
AttentionResult encoderAttention(const Lesson& parameters, EncoderRunner& runner,
                                 const EncoderOptions& options = {});

}  // namespace attnscope
