#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/lesson.h"

// Reading a lesson's weights, and choosing how a saved lesson stores them.
namespace attnscope {

// Reads a .safetensors file; the layout is detected from its keys when not given. Throws Error
// naming the file: missing, damaged, neither layout, wrong shapes, non-finite values or beyond
// the limits.
LessonWeights weightsFromFile(const std::string& path,
                              std::optional<WeightsLayout> layout = std::nullopt);
// A lesson's embedded copy of a .safetensors file, parsed in the stated layout. Throws Error
// naming it "the lesson's embedded weights".
LessonWeights embeddedWeights(std::vector<std::byte> safetensors, WeightsLayout layout);
// Reads File weights that are not yet loaded (a lesson just read from disk); others unchanged.
void loadWeights(LessonWeights& weights);

// What a saved lesson stores: with `embed`, file weights become their bytes inside the lesson.
// Throws Error(LimitExceeded) when they are too large for a lesson.
LessonWeights weightsToStore(const LessonWeights& weights, bool embed);

// The projections the lesson runs: its loaded weights, or the seed's at its width. Throws
// Error(InvalidArgument) for File weights not yet loaded.
AttentionWeights projectionsOf(const Lesson& lesson);

}  // namespace attnscope
