#pragma once

#include "core/session_file.h"
#include "ui/attention_parameters.h"
#include "ui/view_settings.h"

namespace attnscope {

// The window's state and a .attnscope session, field by field.
// The weights stay seeded: loading a lesson's file or embedded weights reads files and may fail,
// so the caller does it (weightsFromSession) and sets them.
AttentionParameters parametersFromSession(const Session& session);
// An unknown colour map becomes Viridis; absent step-through indices become the first.
ViewSettings viewFromSession(const SessionView& view);

// Fills the session's parameters, weights and view; leaves the figure's step (view.step, which
// the window does not show) as it is. With `embedWeights`, file weights are stored as the file's
// bytes (throws Error(LimitExceeded) when they are too large for a lesson).
void storeInSession(const AttentionParameters& parameters, const ViewSettings& view,
                    Session& session, bool embedWeights = false);

}  // namespace attnscope
