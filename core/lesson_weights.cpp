#include "core/lesson_weights.h"

#include "core/error.h"
#include "core/file_bytes.h"
#include "core/safetensors.h"

namespace attnscope {
namespace {

bool sameProjection(const Projection& a, const Projection& b) {
  // Eigen's == needs equal sizes.
  return a.weight.rows() == b.weight.rows() && a.weight.cols() == b.weight.cols() &&
         a.bias.size() == b.bias.size() && a.weight == b.weight && a.bias == b.bias;
}

bool sameWeights(const LoadedWeights* a, const LoadedWeights* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  for (std::size_t i = 0; i < kProjectionNames.size(); ++i) {
    if (!sameProjection(*a->weights.projections()[i], *b->weights.projections()[i])) return false;
  }
  return true;
}

// Parses the bytes in `layout` (detected when absent) and keeps them if a lesson can embed them.
std::shared_ptr<const LoadedWeights> loadBytes(std::vector<std::byte> bytes,
                                               const std::string& name,
                                               std::optional<WeightsLayout>& layout) {
  auto loaded = std::make_shared<LoadedWeights>();
  const bool embeddable = bytes.size() <= kMaxSessionBytes;
  // Only bytes worth keeping are copied; larger ones move into the parser.
  std::vector<std::byte> parsed = embeddable ? bytes : std::move(bytes);
  const SafetensorsFile file = SafetensorsFile::parse(std::move(parsed), name);
  if (!layout) layout = detectWeightsLayout(file, name);
  loaded->weights = weightsFromSafetensors(file, name, *layout);
  if (embeddable) loaded->safetensors = std::move(bytes);
  return loaded;
}

}  // namespace

bool LessonWeights::operator==(const LessonWeights& other) const {
  return source == other.source && path == other.path && layout == other.layout &&
         sameWeights(loaded.get(), other.loaded.get());
}

LessonWeights weightsFromFile(const std::string& path, std::optional<WeightsLayout> layout) {
  LessonWeights weights;
  weights.source = LessonWeights::Source::File;
  weights.path = path;
  weights.loaded = loadBytes(readFileBytes(path, SafetensorsFile::kMaxFileBytes), path, layout);
  weights.layout = *layout;
  return weights;
}

LessonWeights embeddedWeights(std::vector<std::byte> safetensors, WeightsLayout layout) {
  LessonWeights weights;
  weights.source = LessonWeights::Source::Embedded;
  weights.layout = layout;
  std::optional<WeightsLayout> stated = layout;
  weights.loaded = loadBytes(std::move(safetensors), "the lesson's embedded weights", stated);
  return weights;
}

void loadWeights(LessonWeights& weights) {
  if (weights.source == LessonWeights::Source::File && !weights.loaded)
    weights = weightsFromFile(weights.path, weights.layout);
}

LessonWeights weightsToStore(const LessonWeights& weights, bool embed) {
  if (weights.source != LessonWeights::Source::File || !embed) return weights;
  if (!weights.loaded || weights.loaded->safetensors.empty()) {
    throw Error(ErrorKind::LimitExceeded,
                weights.path + ": too large to embed in a lesson (a lesson holds at most " +
                    std::to_string(kMaxSessionBytes >> 20) + " MiB); save it with the path");
  }
  LessonWeights stored = weights;
  stored.source = LessonWeights::Source::Embedded;
  stored.path.clear();
  return stored;
}

AttentionWeights projectionsOf(const Lesson& lesson) {
  if (lesson.weights.isSeeded()) return randomWeights(lesson.modelWidth, lesson.seed);
  if (!lesson.weights.loaded) {
    throw Error(ErrorKind::InvalidArgument, lesson.weights.path + ": the weights are not read yet");
  }
  return lesson.weights.loaded->weights;
}

}  // namespace attnscope
