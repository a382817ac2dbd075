#pragma once

#include "core/session_file.h"
#include "ui/attention_parameters.h"
#include "ui/view_settings.h"

namespace attnscope {

// The window's state and a .attnscope session, field by field. Weights and the step-through's
// step and selected query have no place in AttentionParameters or ViewSettings: the caller keeps
// the session's weights and view for those.
AttentionParameters parametersFromSession(const Session& session);
ViewSettings viewFromSession(const SessionView& view);  // an unknown colour map becomes Viridis

// Fills the session's parameters and the view fields ViewSettings has; leaves weights, step and
// selected query as they are.
void storeInSession(const AttentionParameters& parameters, const ViewSettings& view,
                    Session& session);

}  // namespace attnscope
