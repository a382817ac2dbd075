#include "ui/weights_source.h"

#include <QFile>
#include <QFileInfo>
#include <optional>

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

WeightsSource fromFile(const QString& path, std::optional<WeightsLayout> layout) {
  const std::string name = QFile::encodeName(path).toStdString();
  WeightsSource source;
  source.kind = WeightsSource::Kind::File;
  source.path = QFileInfo(path).absoluteFilePath();
  source.loaded = loadBytes(readFileBytes(name, SafetensorsFile::kMaxFileBytes), name, layout);
  source.layout = *layout;
  return source;
}

}  // namespace

bool WeightsSource::operator==(const WeightsSource& other) const {
  return kind == other.kind && path == other.path && layout == other.layout &&
         sameWeights(loaded.get(), other.loaded.get());
}

WeightsSource weightsFromFile(const QString& path) { return fromFile(path, std::nullopt); }

WeightsSource weightsFromSession(const SessionWeights& weights) {
  switch (weights.source) {
    case SessionWeights::Source::Seed:
      return {};
    case SessionWeights::Source::File:
      return fromFile(QFile::decodeName(weights.path.c_str()), weights.layout);
    case SessionWeights::Source::Embedded:
      break;
  }
  WeightsSource source;
  source.kind = WeightsSource::Kind::Embedded;
  source.layout = weights.layout;
  std::optional<WeightsLayout> layout = weights.layout;
  source.loaded = loadBytes(weights.safetensors, "the lesson's embedded weights", layout);
  return source;
}

SessionWeights sessionWeightsOf(const WeightsSource& source, bool embed) {
  SessionWeights weights;
  weights.layout = source.layout;
  if (source.kind == WeightsSource::Kind::Seed) return weights;
  if (source.kind == WeightsSource::Kind::File && !embed) {
    weights.source = SessionWeights::Source::File;
    weights.path = QFile::encodeName(source.path).toStdString();
    return weights;
  }
  if (source.loaded->safetensors.empty()) {
    throw Error(ErrorKind::LimitExceeded,
                QFile::encodeName(source.path).toStdString() +
                    ": too large to embed in a lesson (a lesson holds at most " +
                    std::to_string(kMaxSessionBytes >> 20) + " MiB); save it with the path");
  }
  weights.source = SessionWeights::Source::Embedded;
  weights.safetensors = source.loaded->safetensors;
  return weights;
}

AttentionWeights projectionsOf(const WeightsSource& source, int modelWidth, std::uint64_t seed) {
  return source.loaded ? source.loaded->weights : randomWeights(modelWidth, seed);
}

}  // namespace attnscope
