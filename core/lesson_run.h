#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/encoder.h"
#include "core/lesson.h"
#include "core/tokenizer.h"

// The one path from an encoder lesson (Lesson::model not the sandbox) to what every front end
// shows: `dump --model`, `export --model`, `bench --model` and the window's worker all run it
// here, as sandbox lessons go through core/lesson_inputs.h.
namespace attnscope {

// The model a lesson names when the command line gives only its name.
inline constexpr const char* kDefaultEncoder = "use-lite";

// One piece of the text as the encoder cut it.
struct LessonPiece {
  std::string text;  // the input's UTF-8 bytes it stands for (a leading "▁" stands for a space)
  std::size_t begin = 0, end = 0;  // byte offsets of `text` in the input
  int id = 0;                      // vocabulary index (0: unknown)
  std::string piece;               // the vocabulary's piece, "▁" kept
  bool read = true;                // within the model's maximum length
};

// An encoder lesson computed: every piece, and the forward pass over those read.
struct EncoderLessonRun {
  std::vector<LessonPiece> pieces;  // all of them, those past the maximum length not read
  // The pieces read as tokens for the heatmaps' labels: text = pieceLabel ("▁cat").
  std::vector<Token> tokens;
  std::shared_ptr<const EncoderModel> model;  // what ran: its weights, widths and pieces
  std::shared_ptr<const EncoderTrace> trace;  // every layer
  std::size_t layer = 0;                      // the lesson's layer, from 0

  const EncoderLayerTrace& shownLayer() const { return trace->layers[layer]; }
  // The shown layer's attention (q, k, v, scores, weights, context, output) and what it projects.
  const AttentionTrace& attention() const { return shownLayer().attention; }
  const Matrix& x() const { return shownLayer().x; }
};

// How a piece is labelled: the vocabulary's piece ("▁cat"), except an unknown one, whose
// vocabulary entry is the same placeholder for every such piece; it shows the text it stands for.
std::string pieceLabel(const LessonPiece& piece);

// The encoder in `nameOrPath` (encoderFolder), read once per folder for the whole process and
// shared: a lesson's model is the same 26 MB whether it comes from a lesson file, the command line
// or the window's keystrokes. A failed read is not kept, so installing the model and asking
// again works. Safe to call from any thread. Throws as loadEncoder (InvalidData naming
// scripts/fetch-model when the model is not installed).
std::shared_ptr<const EncoderModel> sharedEncoder(const std::string& nameOrPath);
// Reads a lesson's encoder if it is not yet loaded; the sandbox is left as it is.
void loadModel(LessonModel& model);

// Tokenizes the lesson's text with its encoder (loaded now if the lesson holds none) and runs
// the forward pass on `runner` (kept by a caller that runs often, so the prepared weights stay).
// Only the text, the model and the layer matter; the sandbox's fields are not read. Throws
// Error(InvalidArgument) for a sandbox lesson, Error(InvalidData) when the text has no pieces or
// the layer is not one of the model's ("layer 3 of a model with 2 layers"), and as
// sharedEncoder and EncoderRunner::run.
EncoderLessonRun runEncoderLesson(const Lesson& lesson, EncoderRunner& runner,
                                  const EncoderOptions& options = {});
EncoderLessonRun runEncoderLesson(const Lesson& lesson, const EncoderOptions& options = {});

// The model's number of layers, and a check that `layer` (from 1) is one of them.
void requireEncoderLayer(const EncoderModel& model, int layer);

}  // namespace attnscope
