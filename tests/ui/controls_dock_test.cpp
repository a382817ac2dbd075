// The controls dock keeps every label in view (issue 19, point 4): it is never narrower than its
// content, never scrolls sideways, and a squeezed width saved by an earlier run does not return.

#include <gtest/gtest.h>

#include <QDockWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

#include "tests/ui/window_test_support.h"
#include "ui/window/controls_panel.h"
#include "ui/window/step_through_view.h"

namespace attnscope {
namespace {

QScrollArea* controlsScroller(const MainWindow& window) {
  auto* dock = window.findChild<QDockWidget*>(QStringLiteral("controlsDock"));
  return dock ? qobject_cast<QScrollArea*>(dock->widget()) : nullptr;
}

// The room the controls have against the room they need, and the sideways scrolling left.
void expectWholeWidth(const MainWindow& window) {
  QScrollArea* scroller = controlsScroller(window);
  ASSERT_NE(scroller, nullptr);
  EXPECT_GE(scroller->viewport()->width(), window.controls()->minimumSizeHint().width());
  EXPECT_EQ(scroller->horizontalScrollBar()->maximum(), 0);
  EXPECT_FALSE(scroller->horizontalScrollBar()->isVisible());
  EXPECT_EQ(window.controls()->mapTo(scroller->viewport(), QPoint()).x(), 0)
      << "the captions start at the dock's left edge";
}

class ControlsDockTest : public testing::WindowTest {};

TEST_F(ControlsDockTest, FitsItsContentWithTheStepThroughOpenAndAFieldFocused) {
  m_window->resize(700, 600);  // a small screen: the step-through wants the width too
  m_window->tabs()->setCurrentWidget(m_window->stepThrough());
  settle();
  QSpinBox* field = m_window->controls()->modelWidthBox();
  m_window->activateWindow();
  field->setFocus();
  QTest::keyClick(field, Qt::Key_Tab);
  QCoreApplication::processEvents();
  expectWholeWidth(*m_window);
}

TEST_F(ControlsDockTest, DoesNotTakeBackASqueezedWidthSavedEarlier) {
  // An earlier run squeezed the dock: here the scroller's own minimum is lowered to let it.
  QScrollArea* scroller = controlsScroller(*m_window);
  ASSERT_NE(scroller, nullptr);
  auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("controlsDock"));
  scroller->setMinimumWidth(40);
  m_window->resizeDocks({dock}, {60}, Qt::Horizontal);
  QCoreApplication::processEvents();
  ASSERT_LT(scroller->viewport()->width(), m_window->controls()->minimumSizeHint().width())
      << "the squeeze to save";
  ASSERT_TRUE(m_window->close());

  MainWindow next(&m_language);
  next.show();
  QCoreApplication::processEvents();
  expectWholeWidth(next);
}

}  // namespace
}  // namespace attnscope
