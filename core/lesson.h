#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/tokenizer.h"
#include "core/weights.h"

// A lesson: everything a user chooses that changes the numbers, as plain values. The window's
// undo stack keeps copies of it, its worker computes from one, `dump --text`, `export` and the
// `attnscope --text` window are given one, and a .attnscope file stores one (with its view, see
// core/session_file.h). core/lesson_inputs.h turns it into the engine's inputs, the one place
// that does.
namespace attnscope {

struct EncoderModel;  // core/encoder.h

// A .attnscope file, embedded weights included, holds at most this much.
inline constexpr std::uintmax_t kMaxSessionBytes = std::uintmax_t{64} << 20;  // 64 MiB

enum class LessonMask {
  None,        // "none": every query sees every key
  Causal,      // "causal": query i sees keys j ≤ i
  KeyPadding,  // "key_padding": keys padded with [PAD] tokens up to paddedLength, pads blocked
  Custom,      // "custom": the blockedCells are blocked
};

// Weights read from a .safetensors file (or a lesson's embedded copy), never changed after
// loading.
struct LoadedWeights {
  AttentionWeights weights;
  // The file's bytes, kept to embed them in a saved lesson; empty when the file is too large
  // for a lesson (kMaxSessionBytes), so that embedding it is refused instead.
  std::vector<std::byte> safetensors;
};

// Where W_q, W_k, W_v and W_o come from. The loaded matrices sit behind a shared pointer to
// const, so copies of a lesson (undo, the worker) copy a pointer, never the matrices.
struct LessonWeights {
  enum class Source {
    Seed,      // "seed": randomWeights(d_model, seed)
    File,      // {"path": …, "format": …}: a .safetensors file
    Embedded,  // {"safetensors_base64": …, "format": …}: the file's bytes inside the lesson
  };
  Source source = Source::Seed;
  std::string path;  // File: as the file system names it; relative to the lesson's folder on disk
  WeightsLayout layout = WeightsLayout::Reference;  // File and Embedded
  // Embedded: always; File: once read (core/lesson_weights.h), null before.
  std::shared_ptr<const LoadedWeights> loaded;

  bool isSeeded() const { return source == Source::Seed; }
  // Same source, path and layout, and the same matrices (compared by value when the pointers
  // differ, so reading an unchanged file again is no change).
  bool operator==(const LessonWeights& other) const;
};

// Which model computes the attention: the sandbox (one attention module over seeded embeddings,
// every field of Lesson below) or a pretrained encoder (core/encoder.h), which takes only the
// text and shows one of its layers. The loaded model sits behind a shared pointer to const, as
// loaded weights do: copies of a lesson copy a pointer, never the 26 MB of a model.
struct LessonModel {
  std::string name;  // empty: the sandbox; else "use-lite" or a folder with model.json, vocab.json
  int layer = 1;     // the encoder layer shown, from 1
  // Once read (core/lesson_run.h loadModel), null before.
  std::shared_ptr<const EncoderModel> loaded;

  bool isSandbox() const { return name.empty(); }
  // By name and layer: a model is read from its folder and never changes, so reading it again
  // (or not yet) is no change to the lesson.
  bool operator==(const LessonModel& other) const {
    return name == other.name && layer == other.layer;
  }
};

struct Lesson {
  std::string text;             // UTF-8
  std::string keyValueText;     // kept while crossAttention is off, so switching back restores it
  bool crossAttention = false;  // keys and values from keyValueText instead of text
  int modelWidth = 64;          // with loaded weights, their width
  int heads = 8;
  std::uint64_t seed = 0;  // the embeddings, and the weights while they are seeded
  bool positional = true;  // sinusoidal positional encoding added to the embeddings
  bool scaled = true;      // divide scores by √d_k, as the reference does
  ChineseTokens chineseTokens = ChineseTokens::Words;  // how runs of ideographs are cut
  LessonMask mask = LessonMask::None;
  int paddedLength = 0;                        // KeyPadding: pad the keys to this many tokens
  std::set<std::pair<int, int>> blockedCells;  // Custom: 0-based (query, key) cells set to −1e9
  LessonWeights weights;
  LessonModel model;  // a pretrained encoder instead of the fields above, except the text

  bool operator==(const Lesson&) const = default;
};

// The token appended for key padding; embedded like any other token with this text.
inline constexpr const char* kPaddingToken = "[PAD]";

}  // namespace attnscope
