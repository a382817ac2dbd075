#pragma once

#include <QObject>

class QWidget;

namespace attnscope {

// QComboBox forgets its cached minimum size on a style change but not on a font change (CTK's
// ctkComboBox works around the same): after presentation mode's larger font the controls kept
// the enlarged text's width (the model chooser 499 px instead of about 330) and the dock with
// them. This tells every combo box below `root`, now and on each font change it receives, that
// its style changed, which makes it measure itself again in its current font.
void keepComboHintsWithFont(QWidget* root);

}  // namespace attnscope
