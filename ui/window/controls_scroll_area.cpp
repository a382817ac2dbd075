#include "ui/window/controls_scroll_area.h"

#include <QEvent>
#include <QScrollBar>

namespace attnscope {

ControlsScrollArea::ControlsScrollArea(QWidget* content, QWidget* parent) : QScrollArea(parent) {
  setWidget(content);
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  content->installEventFilter(this);
}

QSize ControlsScrollArea::minimumSizeHint() const {
  // The content's own minimum width, and room for the vertical bar, which may appear at any
  // height: reserving it always keeps the width from jumping as the window is resized.
  const int content = widget() ? widget()->minimumSizeHint().width() : 0;
  const int bar = verticalScrollBar()->sizeHint().width();
  return {content + bar + 2 * frameWidth(), QScrollArea::minimumSizeHint().height()};
}

QSize ControlsScrollArea::sizeHint() const {
  return QScrollArea::sizeHint().expandedTo(minimumSizeHint());
}

bool ControlsScrollArea::eventFilter(QObject* watched, QEvent* event) {
  // A language change or a group shown or hidden changes the content's minimum width: the dock
  // asks again.
  if (watched == widget() && event->type() == QEvent::LayoutRequest) updateGeometry();
  return QScrollArea::eventFilter(watched, event);
}

}  // namespace attnscope
