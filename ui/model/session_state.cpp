#include "ui/model/session_state.h"

#include <algorithm>

#include "core/lesson_weights.h"
#include "core/limits.h"

namespace attnscope {

Session sessionOf(const Lesson& lesson, const SessionView& view, bool embedWeights) {
  Session session;
  static_cast<Lesson&>(session) = lesson;
  session.weights = weightsToStore(lesson.weights, embedWeights);
  session.view = view;
  const auto clamp = [](std::optional<int>& index, int last) {
    if (index) index = std::clamp(*index, 0, std::max(last, 0));
  };
  clamp(session.view.stepHead, lesson.heads - 1);
  clamp(session.view.selectedQuery, int(kMaxSequenceLength) - 1);
  clamp(session.view.selectedKey, int(kMaxSequenceLength) - 1);
  return session;
}

}  // namespace attnscope
