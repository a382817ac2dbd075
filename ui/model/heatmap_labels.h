#pragma once

#include <QFont>
#include <QString>
#include <QStringList>
#include <vector>

namespace attnscope {

// Which token labels an axis of a heatmap shows: every token when there is room, otherwise every
// n-th, each elided to a readable width.

// The label of cell `index`: the token, or its 0-based position when the caller gave no token.
QString cellLabel(const QStringList& labels, int index);

// A label as an axis shows it: the token elided (…) to the width allowed, and its width in pixels.
struct AxisLabel {
  QString text;
  double width = 0;
};

// The labels of `count` cells in `font`, each at most `maxWidth` pixels wide. Results are
// remembered (GUI thread only): the heads of one sentence share their labels and typing changes
// a token at a time, so relabelling 16 plots of 128 tokens lays out each distinct token once.
std::vector<AxisLabel> axisLabels(const QStringList& labels, int count, const QFont& font,
                                  double maxWidth);

// The smallest step in 1, 2, 5, 10, 20, 50, … such that labels `step` cells apart, each
// `labelExtent` pixels long along the axis, do not overlap when a cell is `pixelsPerCell` wide.
// Multiples of 1, 2 and 5 keep the labelled positions easy to count.
int labelStep(double pixelsPerCell, double labelExtent);

// How a heatmap's two axes show their labels: one font scale for both, key labels flat or
// upright, and every n-th label per axis. Labels shrink (down to `minScale`) or turn upright
// before any is left out, so that a reader keeps every token as long as it can be read.
struct LabelFit {
  double scale = 1.0;  // of the font the sizes below were measured in
  bool colsUpright = false;
  int rowStep = 1, colStep = 1;
};

// `rowPitch`, `colPitch`: pixels per cell down and across; `lineHeight`: a label's height and
// `widestColLabel`: the widest key label's width plus the air wanted beside it, in the unscaled
// font. Rows need lineHeight × scale per cell (a line's height already holds the air between
// neighbours), upright keys the same across, flat keys widestColLabel × scale. Keys lie flat only
// when that needs no smaller font than the rows do.
LabelFit fitLabels(double rowPitch, double colPitch, double lineHeight, double widestColLabel,
                   double minScale);

}  // namespace attnscope
