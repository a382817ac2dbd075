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

}  // namespace attnscope
