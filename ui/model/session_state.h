#pragma once

#include "core/session_file.h"

namespace attnscope {

// The window's lesson and view as a .attnscope session: the lesson is the core's Lesson and the
// view its SessionView, shared as they are (a Session is a Lesson with a view). Indices the
// window may hold beyond the lesson (a head or token since removed) are clamped to it. With
// `embedWeights`, file weights are stored as the file's bytes (throws Error(LimitExceeded) when
// they are too large for a lesson).
Session sessionOf(const Lesson& lesson, const SessionView& view, bool embedWeights = false);

}  // namespace attnscope
