// Issue 19, point 2: presentation mode (F5) at a projector: full screen, the controls hidden
// until F6, everything larger in proportion (the step's title and formula still larger than its
// text, the worked numbers, the chart's legend whole), and an opened head at "fit" zoom.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTest>

#include "tests/ui/window_test_support.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/row_softmax_plot.h"
#include "ui/window/step_through_view.h"

namespace attnscope {
namespace {

class PresentationModeTest : public testing::WindowTest {
 protected:
  QDockWidget* controlsDock() const {
    return m_window->findChild<QDockWidget*>(QStringLiteral("controlsDock"));
  }
  // The application's font reaches the widgets through posted events.
  void present(bool on) {
    m_window->setPresentationMode(on);
    QCoreApplication::processEvents();
  }
  // At a projector's 1280 × 860, on the step-through's softmax step with its chart.
  void presentSoftmaxStep() {
    present(true);
    m_window->resize(1280, 860);
    m_window->tabs()->setCurrentWidget(m_window->stepThrough());
    SessionView view = document()->view();
    view.stepThrough = StepThroughStop::Softmax;
    document()->setView(view);
  }
  double pointSize(const char* name) const {
    return m_window->stepThrough()->findChild<QWidget*>(QLatin1String(name))->font().pointSizeF();
  }
};

TEST_F(PresentationModeTest, F5GoesFullScreenWithoutTheControlsAndF6BringsThemBack) {
  ASSERT_TRUE(controlsDock()->isVisible());
  QTest::keyClick(m_window.get(), Qt::Key_F5);
  EXPECT_TRUE(m_window->presentationMode());
  EXPECT_TRUE(m_window->windowState() & Qt::WindowFullScreen);
  EXPECT_FALSE(controlsDock()->isVisible());
  QTest::keyClick(m_window.get(), Qt::Key_F6);
  EXPECT_TRUE(controlsDock()->isVisible());
  QTest::keyClick(m_window.get(), Qt::Key_F6);
  EXPECT_FALSE(controlsDock()->isVisible());
  QTest::keyClick(m_window.get(), Qt::Key_F5);
  EXPECT_FALSE(m_window->presentationMode());
  EXPECT_FALSE(m_window->windowState() & Qt::WindowFullScreen);
  EXPECT_TRUE(controlsDock()->isVisible());
}

TEST_F(PresentationModeTest, LeavingItGivesBackTheWindowAsItWas) {
  m_window->resize(1280, 860);
  QCoreApplication::processEvents();
  const QSize window = m_window->size();  // 1280 × 860
  const int dock = controlsDock()->width();
  const double font = QApplication::font().pointSizeF();
  QTest::keyClick(m_window.get(), Qt::Key_F5);
  QCoreApplication::processEvents();
  QTest::keyClick(m_window.get(), Qt::Key_F5);
  QTest::qWait(50);
  EXPECT_EQ(QApplication::font().pointSizeF(), font);
  // Not wider (the offscreen platform restores its own idea of the normal height).
  EXPECT_LE(m_window->width(), window.width());
  EXPECT_EQ(controlsDock()->width(), dock) << "the dock took the enlarged controls' width";
}

TEST_F(PresentationModeTest, PresentingInTheDarkAndBackKeepsTheDockAsItWas) {
  m_window->resize(1280, 860);
  QCoreApplication::processEvents();
  const int dock = controlsDock()->width();
  m_window->setTheme(Theme::Dark);
  QCoreApplication::processEvents();
  m_window->setPresentationMode(true);
  QTest::qWait(150);
  m_window->setPresentationMode(false);
  m_window->setTheme(Theme::Light);
  QTest::qWait(50);
  EXPECT_EQ(controlsDock()->width(), dock);
}

TEST_F(PresentationModeTest, StepTitleFormulaAndWorkedNumbersGrowWithTheText) {
  StepThroughView* steps = m_window->stepThrough();
  const double body = steps->font().pointSizeF(), worked = pointSize("workedNumbers");
  present(true);
  const double presented = steps->font().pointSizeF();
  EXPECT_GT(presented, body * 1.5);
  // Before, the title and formula kept their sizes and ended up smaller than the text.
  EXPECT_GT(pointSize("stepTitle"), presented);
  EXPECT_GT(pointSize("stepFormula"), presented);
  EXPECT_NEAR(pointSize("workedNumbers") / worked, presented / body, 0.05);
  present(false);
  EXPECT_DOUBLE_EQ(steps->font().pointSizeF(), body);
  EXPECT_GT(pointSize("stepTitle"), body);
  EXPECT_DOUBLE_EQ(pointSize("workedNumbers"), worked);
}

TEST_F(PresentationModeTest, TheSoftmaxChartsLegendIsLargeAndWhole) {
  presentSoftmaxStep();
  QCoreApplication::processEvents();
  const RowSoftmaxPlot* chart = m_window->stepThrough()->rowSoftmaxChart();
  ASSERT_TRUE(chart->isVisible());
  QCoreApplication::processEvents();  // the chart's queued replot lays it out
  EXPECT_EQ(chart->legend->font().pointSizeF(), chart->font().pointSizeF());
  for (int i = 0; i < chart->legend->itemCount(); ++i) {
    EXPECT_EQ(chart->legend->item(i)->font().pointSizeF(), chart->font().pointSizeF());
    EXPECT_TRUE(chart->rect().contains(chart->legend->item(i)->outerRect())) << i;
  }
  EXPECT_GT(chart->xAxis->tickLabelFont().pointSizeF(), 12.0);
}

TEST_F(PresentationModeTest, TheSoftmaxChartsKeyLabelsSlantRatherThanOverlap) {
  presentSoftmaxStep();
  const RowSoftmaxPlot* chart = m_window->stepThrough()->rowSoftmaxChart();
  const auto labelsOverlap = [chart] {
    QCoreApplication::processEvents();  // the chart's queued replot lays it out
    const QFontMetricsF metrics(chart->xAxis->tickLabelFont());
    const auto ticks = chart->xAxis->ticker().dynamicCast<QCPAxisTickerText>()->ticks();
    const double spacing =
        chart->xAxis->coordToPixel(1) - chart->xAxis->coordToPixel(0);  // every key labelled
    double widest = 0;
    for (const QString& label : ticks) widest = std::max(widest, metrics.horizontalAdvance(label));
    return chart->keyLabelRotation() == 0 ? widest > spacing : metrics.height() > spacing;
  };
  typeSentence(QStringLiteral("注意力机制让模型关注句子里最重要的词语"));
  EXPECT_FALSE(labelsOverlap());
  EXPECT_NE(chart->keyLabelRotation(), 0) << "words of two and three characters at a projector";
  typeSentence(QStringLiteral("a cat sat"));
  EXPECT_FALSE(labelsOverlap());
  EXPECT_EQ(chart->keyLabelRotation(), 0) << "three short words stand upright";
}

TEST_F(PresentationModeTest, AnOpenedHeadStartsAtFit) {
  present(true);
  HeadsView* heads = m_window->headsView();
  emit heads->tiles()[1]->clicked();
  ASSERT_TRUE(heads->showsLargeHead());
  HeatmapPlot* large = heads->largePlot();
  const int tokens = large->heatmap().cols;
  EXPECT_EQ(large->visibleCells(), QRect(0, 0, tokens, tokens));
  // Zoomed into the head, then back to the grid and another head: that one opens whole too.
  large->xAxis2->setRange(0.5, 2.5);
  large->yAxis->setRange(0.5, 2.5);
  EXPECT_NE(large->visibleCells(), QRect(0, 0, tokens, tokens));
  QTest::keyClick(m_window.get(), Qt::Key_Escape);
  emit heads->tiles()[2]->clicked();
  EXPECT_EQ(large->visibleCells(), QRect(0, 0, tokens, tokens));
}

}  // namespace
}  // namespace attnscope
