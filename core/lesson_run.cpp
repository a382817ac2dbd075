#include "core/lesson_run.h"

#include <map>
#include <mutex>

#include "core/error.h"

namespace attnscope {
namespace {

std::vector<LessonPiece> lessonPieces(const std::string& text, const std::vector<Piece>& pieces) {
  std::vector<LessonPiece> out;
  out.reserve(pieces.size());
  for (const Piece& piece : pieces) {
    out.push_back({.text = text.substr(piece.begin, piece.end - piece.begin),
                   .begin = piece.begin,
                   .end = piece.end,
                   .id = piece.id,
                   .piece = piece.piece,
                   .read = piece.read});
  }
  return out;
}

std::vector<Token> readTokens(const std::vector<LessonPiece>& pieces) {
  std::vector<Token> tokens;
  for (const LessonPiece& piece : pieces) {
    if (piece.read) tokens.push_back({pieceLabel(piece), piece.begin, piece.end});
  }
  return tokens;
}

}  // namespace

std::string pieceLabel(const LessonPiece& piece) {
  return piece.id == 0 ? piece.text : piece.piece;
}

std::shared_ptr<const EncoderModel> sharedEncoder(const std::string& nameOrPath) {
  // Keyed by folder, so "use-lite" and the path it resolves to share one copy. Loading happens
  // under the lock: two threads asking for the same model at once read it once.
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const EncoderModel>> loaded;
  const std::filesystem::path folder = encoderFolder(nameOrPath).lexically_normal();
  const std::lock_guard lock(mutex);
  std::shared_ptr<const EncoderModel>& model = loaded[folder];
  if (!model) {
    try {
      model = std::make_shared<const EncoderModel>(loadEncoder(folder));
    } catch (...) {
      loaded.erase(folder);
      throw;
    }
  }
  return model;
}

void loadModel(LessonModel& model) {
  if (!model.isSandbox() && !model.loaded) model.loaded = sharedEncoder(model.name);
}

void requireEncoderLayer(const EncoderModel& model, int layer) {
  const std::size_t layers = model.layers.size();
  if (layer < 1 || std::size_t(layer) > layers) {
    throw Error(ErrorKind::InvalidData, "layer " + std::to_string(layer) + " of a model with " +
                                            std::to_string(layers) + " layers (" +
                                            model.folder.string() + "): choose 1 to " +
                                            std::to_string(layers));
  }
}

EncoderLessonRun runEncoderLesson(const Lesson& lesson, EncoderRunner& runner,
                                  const EncoderOptions& options) {
  if (lesson.model.isSandbox()) {
    throw Error(ErrorKind::InvalidArgument, "the lesson runs the sandbox, not an encoder");
  }
  EncoderLessonRun run;
  run.model = lesson.model.loaded ? lesson.model.loaded : sharedEncoder(lesson.model.name);
  const EncoderModel& model = *run.model;
  requireEncoderLayer(model, lesson.model.layer);
  run.pieces = lessonPieces(lesson.text, model.tokenize(lesson.text));
  if (run.pieces.empty()) throw Error(ErrorKind::InvalidData, "the text has no pieces");
  run.tokens = readTokens(run.pieces);
  std::vector<int> ids;
  for (const LessonPiece& piece : run.pieces) {
    if (piece.read) ids.push_back(piece.id);
  }
  runner.run(model, ids, options);
  run.trace = std::make_shared<const EncoderTrace>(runner.takeTrace());
  run.layer = std::size_t(lesson.model.layer - 1);
  return run;
}

EncoderLessonRun runEncoderLesson(const Lesson& lesson, const EncoderOptions& options) {
  EncoderRunner runner;
  return runEncoderLesson(lesson, runner, options);
}

}  // namespace attnscope
