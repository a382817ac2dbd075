#include "ui/model/saved_state.h"

#include <QByteArray>
#include <span>

#include "core/error.h"
#include "core/session_file.h"
#include "ui/model/session_state.h"

namespace attnscope {
namespace {

const QString kLessonKey = QStringLiteral("lesson");

}  // namespace

void saveLastLesson(QSettings& settings, const Lesson& lesson, const SessionView& view) {
  Lesson seeded = lesson;
  seeded.weights = {};
  try {
    const Session session = sessionOf(seeded, view);
    const std::vector<std::byte> bytes = serializeSession(session);
    settings.setValue(kLessonKey, QByteArray(reinterpret_cast<const char*>(bytes.data()),
                                             qsizetype(bytes.size())));
  } catch (const Error&) {
    settings.remove(kLessonKey);  // text that is not UTF-8 or beyond a lesson's size
  }
}

void loadLastLesson(const QSettings& settings, Lesson& lesson, SessionView& view) {
  const QByteArray bytes = settings.value(kLessonKey).toByteArray();
  if (bytes.isEmpty()) return;
  try {
    const Session session = parseSession(
        std::as_bytes(std::span(bytes.constData(), std::size_t(bytes.size()))), "saved state");
    lesson = session;
    if (lesson.modelWidth % lesson.heads != 0) lesson.heads = 1;
    view.colorMap = session.view.colorMap;
    view.automaticRange = session.view.automaticRange;
    view.averageOfHeads = session.view.averageOfHeads;
  } catch (const Error&) {
  }
}

}  // namespace attnscope
