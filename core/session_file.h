#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/lesson.h"
#include "core/lesson_view.h"

// A lesson saved as a .attnscope file: JSON with "format": "attnscope-session" and "version": 1,
// holding everything that makes a view reproducible: the lesson (core/lesson.h) and its view.
// Plain values: the window and `attnscope export` both read it.
namespace attnscope {

inline constexpr int kSessionVersion = 1;
// Custom masks are painted by hand; a million cells is far beyond any lesson.
inline constexpr std::size_t kMaxBlockedCells = std::size_t{1} << 20;

// A lesson and how it is shown.
struct Session : Lesson {
  SessionView view;
  bool operator==(const Session&) const = default;
};

// Strict: the file must be valid UTF-8 JSON of at most kMaxSessionBytes, every present field
// must have its type and range (sizes within core/limits.h), unknown fields are refused, and
// only "text" is required besides format and version. "model" and "layer" (a pretrained encoder
// and the layer shown, from 1) are absent in a sandbox lesson, and written only for an encoder. A
// higher version is refused with "written by a newer AttnScope (version N)". Throws Error
// (InvalidData or LimitExceeded) with the display name in front; never anything else for damaged
// input.
Session parseSession(std::span<const std::byte> bytes, std::string_view displayName);
// Reads and parses; also resolves a relative weights path, and a relative model folder (a model
// with a '/'), against the file's folder (the file's
// weights are not read: core/lesson_weights.h loadWeights does that). Embedded weights are parsed
// with the lesson.
Session readSession(const std::filesystem::path& path);

// Pretty-printed UTF-8 JSON, every field written. Throws Error(LimitExceeded) rather than
// produce more than kMaxSessionBytes (large embedded weights), which could not be read back.
std::vector<std::byte> serializeSession(const Session& session);
// Atomic: writes a temporary file in the same folder, flushes it to disk (fsync) and renames it
// over `path`, so a crash leaves either the old file or the new one. Throws Error(Io).
void writeSession(const std::filesystem::path& path, const Session& session);

// Stable keys used in the file and on the command line.
std::string_view sessionMaskKey(LessonMask mask);  // "none", "causal", "key_padding", "custom"
std::string_view weightsLayoutKey(WeightsLayout layout);  // "reference", "multihead"

}  // namespace attnscope
