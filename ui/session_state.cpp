#include "ui/session_state.h"

#include <algorithm>

#include "core/limits.h"
#include "ui/computation_steps.h"

namespace attnscope {
namespace {

static_assert(int(StepThroughStop::ConcatOutput) == int(Step::ConcatOutput) &&
                  int(Step::ConcatOutput) + 1 == kStepCount,
              "a lesson stores the step-through's stops by their order");

MaskMode maskModeOf(SessionMask mask) {
  switch (mask) {
    case SessionMask::None:
      return MaskMode::None;
    case SessionMask::Causal:
      return MaskMode::Causal;
    case SessionMask::KeyPadding:
      return MaskMode::KeyPadding;
    case SessionMask::Custom:
      break;
  }
  return MaskMode::Custom;
}

SessionMask sessionMaskOf(MaskMode mask) {
  switch (mask) {
    case MaskMode::None:
      return SessionMask::None;
    case MaskMode::Causal:
      return SessionMask::Causal;
    case MaskMode::KeyPadding:
      return SessionMask::KeyPadding;
    case MaskMode::Custom:
      break;
  }
  return SessionMask::Custom;
}

}  // namespace

AttentionParameters parametersFromSession(const Session& session) {
  AttentionParameters p;
  p.text = QString::fromStdString(session.text);
  p.crossAttention = session.crossAttention;
  p.keyValueText = QString::fromStdString(session.keyValueText);
  p.modelWidth = session.modelWidth;
  p.heads = session.heads;
  p.seed = session.seed;
  p.positional = session.positional;
  p.scaled = session.scaled;
  p.mask = maskModeOf(session.mask);
  p.paddedLength = session.paddedLength;
  p.blockedCells = session.blockedCells;
  return p;
}

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

void storeInSession(const AttentionParameters& p, const ViewSettings& view, Session& session,
                    bool embedWeights) {
  session.weights = sessionWeightsOf(p.weights, embedWeights);
  session.text = p.text.toStdString();
  session.crossAttention = p.crossAttention;
  session.keyValueText = p.keyValueText.toStdString();
  session.modelWidth = p.modelWidth;
  session.heads = p.heads;
  session.seed = p.seed;
  session.positional = p.positional;
  session.scaled = p.scaled;
  session.mask = sessionMaskOf(p.mask);
  session.paddedLength = p.paddedLength;
  session.blockedCells = p.blockedCells;
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
