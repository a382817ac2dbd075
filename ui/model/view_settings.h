#pragma once

#include "ui/model/color_map.h"

namespace attnscope {

// How the heads are shown; changing these never recomputes and is not undoable.
struct ViewSettings {
  ColorMapName colorMap = ColorMapName::Viridis;
  bool automaticRange = false;  // stretch colours over each head's own range, for weak patterns
  bool averageOfHeads = false;  // one map: the mean of the heads' weights
  bool rollout = false;         // an encoder lesson: one map, the attention rollout over all layers
  int focusedHead = -1;         // a head opened large (0-based), or -1 for the grid
  // The step-through: which step, which head, and the cell whose arithmetic is worked out.
  int step = 0;
  int stepHead = 0;
  int selectedQuery = 0;
  int selectedKey = 0;
  bool operator==(const ViewSettings&) const = default;
};

}  // namespace attnscope
