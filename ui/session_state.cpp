#include "ui/session_state.h"

#include <algorithm>

#include "core/lesson_weights.h"
#include "core/limits.h"
#include "ui/computation_steps.h"

namespace attnscope {

ViewSettings viewFromSession(const SessionView& view) {
  ViewSettings settings;
  settings.colorMap =
      colorMapFromKey(QString::fromStdString(view.colorMap)).value_or(ColorMapName::Viridis);
  settings.automaticRange = view.automaticRange;
  settings.averageOfHeads = view.averageOfHeads;
  settings.focusedHead = view.focusedHead.value_or(-1);
  settings.step = int(view.stepThrough);
  settings.stepHead = view.stepHead.value_or(0);
  settings.selectedQuery = view.selectedQuery.value_or(0);
  settings.selectedKey = view.selectedKey.value_or(0);
  return settings;
}

void storeInSession(const Lesson& p, const ViewSettings& view, Session& session,
                    bool embedWeights) {
  static_cast<Lesson&>(session) = p;
  session.weights = weightsToStore(p.weights, embedWeights);
  session.view.colorMap = colorMapKey(view.colorMap).toStdString();
  session.view.automaticRange = view.automaticRange;
  session.view.averageOfHeads = view.averageOfHeads;
  session.view.focusedHead =
      view.focusedHead >= 0 ? std::optional<int>(view.focusedHead) : std::nullopt;
  session.view.stepThrough =
      StepThroughStop(std::clamp(view.step, 0, int(StepThroughStop::ConcatOutput)));
  session.view.stepHead = std::clamp(view.stepHead, 0, std::max(p.heads - 1, 0));
  const int lastToken = int(kMaxSequenceLength) - 1;
  session.view.selectedQuery = std::clamp(view.selectedQuery, 0, lastToken);
  session.view.selectedKey = std::clamp(view.selectedKey, 0, lastToken);
}

}  // namespace attnscope
