#pragma once

#include <QScrollArea>

namespace attnscope {

// The controls dock's scroller: it scrolls up and down only, and is never narrower than the
// widget it holds, so its dock keeps every label in view. A sideways scroll bar would let the
// focus scroll the form's captions out of sight, and a dock squeezed below this width (by hand,
// or by a width saved in an earlier run) would cut them off.
class ControlsScrollArea : public QScrollArea {
  Q_OBJECT

 public:
  explicit ControlsScrollArea(QWidget* content, QWidget* parent = nullptr);

  QSize minimumSizeHint() const override;
  QSize sizeHint() const override;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace attnscope
