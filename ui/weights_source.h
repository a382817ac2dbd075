#pragma once

#include <QString>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/session_file.h"
#include "core/weights.h"

namespace attnscope {

// Weights read from a .safetensors file, never changed after loading.
struct LoadedWeights {
  AttentionWeights weights;
  // The file's bytes, kept to embed them in a saved lesson; empty when the file is too large
  // for a session (kMaxSessionBytes), so that embedding it is refused instead.
  std::vector<std::byte> safetensors;
};

// Where W_q, W_k, W_v and W_o come from: the seed, or a loaded file. A plain value in
// AttentionParameters: the loaded matrices sit behind a shared pointer to const, so the undo
// stack and the worker copy a pointer, never the matrices.
struct WeightsSource {
  enum class Kind {
    Seed,      // randomWeights(d_model, seed)
    File,      // read from `path`
    Embedded,  // read from a lesson that carries the file's bytes
  };
  Kind kind = Kind::Seed;
  QString path;                                     // File: absolute
  WeightsLayout layout = WeightsLayout::Reference;  // File and Embedded
  std::shared_ptr<const LoadedWeights> loaded;      // File and Embedded

  bool isLoaded() const { return kind != Kind::Seed; }
  // Same kind, path and layout, and the same matrices (compared by value when the pointers
  // differ, so reading an unchanged file again is no change).
  bool operator==(const WeightsSource& other) const;
};

// Reads a .safetensors file, with the layout detected from its keys. Throws Error naming the
// file: missing, damaged, neither layout, wrong shapes, non-finite values or beyond the limits.
WeightsSource weightsFromFile(const QString& path);
// A lesson's weights: seeded, its file (in the layout the lesson states; a relative path was
// resolved by readSession) or its embedded bytes. Throws Error like weightsFromFile.
WeightsSource weightsFromSession(const SessionWeights& weights);
// What a lesson stores for these weights. With `embed`, file weights are stored as the file's
// bytes; throws Error(LimitExceeded) when they are too large for a session.
SessionWeights sessionWeightsOf(const WeightsSource& source, bool embed);

// The projections to run: the loaded ones, or the seed's at this width.
AttentionWeights projectionsOf(const WeightsSource& source, int modelWidth, std::uint64_t seed);

}  // namespace attnscope
