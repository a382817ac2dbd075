#pragma once

#include <QSettings>

#include "core/lesson.h"
#include "ui/view_settings.h"

namespace attnscope {

// The last parameters and view, kept in QSettings between runs. Reading is forgiving: a
// missing or out-of-range value falls back to the default, so a damaged settings file can
// never stop the window from opening.
void saveParameters(QSettings& settings, const Lesson& parameters);
Lesson loadParameters(const QSettings& settings, const Lesson& defaults);
void saveView(QSettings& settings, const ViewSettings& view);
ViewSettings loadView(const QSettings& settings);

}  // namespace attnscope
