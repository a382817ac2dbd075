#pragma once

#include "core/session_file.h"
#include "ui/view_settings.h"

namespace attnscope {

// The window's view and a .attnscope session's: the lesson itself is the core's Lesson, shared
// as it is (a Session is a Lesson with a view).
// An unknown colour map becomes Viridis; absent step-through indices become the first.
ViewSettings viewFromSession(const SessionView& view);

// Fills the session's lesson and view; leaves the figure's step (view.step, which
// the window does not show) as it is. With `embedWeights`, file weights are stored as the file's
// bytes (throws Error(LimitExceeded) when they are too large for a lesson).
void storeInSession(const Lesson& parameters, const ViewSettings& view, Session& session,
                    bool embedWeights = false);

}  // namespace attnscope
