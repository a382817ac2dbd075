#pragma once

#include <QSettings>

#include "core/lesson.h"
#include "core/lesson_view.h"

// The lesson the window shows, kept in QSettings between runs in the format of a lesson file
// (core/session_file.h), so there is no second list of a lesson's fields to keep in step.
namespace attnscope {

// Stores the lesson with seeded weights (a weights file is loaded again only by opening a
// lesson) and the view's colour map, range and average.
void saveLastLesson(QSettings& settings, const Lesson& lesson, const SessionView& view);

// Reading is forgiving: a missing, damaged or newer entry leaves `lesson` and `view` as they
// are, so a damaged settings file can never stop the window from opening. Heads that do not
// divide d_model become 1.
void loadLastLesson(const QSettings& settings, Lesson& lesson, SessionView& view);

}  // namespace attnscope
