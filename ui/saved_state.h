#pragma once

#include <QSettings>

#include "ui/attention_parameters.h"
#include "ui/view_settings.h"

namespace attnscope {

// The last parameters and view, kept in QSettings between runs. Reading is forgiving: a
// missing or out-of-range value falls back to the default, so a damaged settings file can
// never stop the window from opening.
void saveParameters(QSettings& settings, const AttentionParameters& parameters);
AttentionParameters loadParameters(const QSettings& settings, const AttentionParameters& defaults);
void saveView(QSettings& settings, const ViewSettings& view);
ViewSettings loadView(const QSettings& settings);

}  // namespace attnscope
