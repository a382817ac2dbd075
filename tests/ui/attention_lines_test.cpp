// Issue 19, point 14: one head as lines from each query to each key (BertViz's head view), beside
// the opened head's matrix, and a window of tokens over a long sentence.
#include "ui/model/attention_lines.h"

#include <gtest/gtest.h>

#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <cmath>

#include "tests/ui/window_test_support.h"
#include "ui/window/attention_lines_view.h"
#include "ui/window/export_actions.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/token_window_bar.h"

namespace attnscope {
namespace {

// Two queries over three keys; the second query may not see the third key.
HeatmapData twoByThree() {
  HeatmapData data;
  data.rows = 2;
  data.cols = 3;
  data.values = {0.5f, 0.25f, 0.25f, 0.8f, 0.2f, 0.0f};
  data.blocked = {0, 0, 0, 0, 0, 1};
  data.rowLabels = data.colLabels = {"a", "b", "c"};
  data.rowLabels.removeLast();
  return data;
}

TEST(AttentionLines, WidthAndOpacityFollowTheWeights) {
  const std::vector<AttentionLine> lines =
      attentionLines(twoByThree(), {0, 3}, 0.0, 1.0, std::nullopt);
  ASSERT_EQ(lines.size(), 5u);  // six cells, one blocked
  EXPECT_EQ(lines[0].query, 0);
  EXPECT_EQ(lines[0].key, 0);
  EXPECT_DOUBLE_EQ(lines[0].width, 0.5);
  EXPECT_DOUBLE_EQ(lines[0].opacity, std::sqrt(0.5));
  EXPECT_DOUBLE_EQ(lines[3].width, 0.8f);
  EXPECT_DOUBLE_EQ(lines[3].opacity, std::sqrt(double(0.8f)));
  // Under an automatic range 0.25..0.8 a weight at the low end or below draws nothing and the
  // strongest draws whole.
  const std::vector<AttentionLine> relative =
      attentionLines(twoByThree(), {0, 3}, 0.25, 0.8, std::nullopt);
  ASSERT_EQ(relative.size(), 2u);
  EXPECT_NEAR(relative[0].width, 0.25 / 0.55, 1e-6);
  EXPECT_NEAR(relative[1].width, 1.0, 1e-6);
}

TEST(AttentionLines, BlockedCellsGiveNoLine) {
  for (const AttentionLine& line : attentionLines(twoByThree(), {0, 3}, 0.0, 1.0, std::nullopt))
    EXPECT_FALSE(line.query == 1 && line.key == 2);
}

TEST(AttentionLines, TheChosenQueryIsStrongAndTheOthersFaint) {
  for (const AttentionLine& line : attentionLines(twoByThree(), {0, 3}, 0.0, 1.0, 1)) {
    const double strong = std::sqrt(line.width);
    EXPECT_DOUBLE_EQ(line.opacity, line.query == 1 ? strong : strong * kFadedOpacity);
  }
}

TEST(AttentionLines, OnlyTheWindowsTokensDraw) {
  for (const AttentionLine& line : attentionLines(twoByThree(), {1, 3}, 0.0, 1.0, std::nullopt)) {
    EXPECT_EQ(line.query, 1);
    EXPECT_GE(line.key, 1);
  }
  EXPECT_EQ(defaultTokenWindow(12), (TokenWindow{0, 12}));
  EXPECT_EQ(defaultTokenWindow(40), (TokenWindow{0, 40}));
  EXPECT_EQ(defaultTokenWindow(850), (TokenWindow{0, 32}));
  EXPECT_EQ(clampedTokenWindow({840, 872}, 850), (TokenWindow{818, 850}));
}

class AttentionLinesWindowTest : public testing::WindowTest {
 protected:
  HeadsView* heads() const { return m_window->headsView(); }
  void openHead(int head) {
    SessionView view = document()->view();
    view.focusedHead = head;
    document()->setView(view);
    QCoreApplication::processEvents();
  }
};

TEST_F(AttentionLinesWindowTest, TheOpenedHeadShowsItsLinesBesideItsMatrix) {
  typeSentence(QStringLiteral("The cat sat on the mat"));
  openHead(1);
  ASSERT_TRUE(heads()->showsLargeHead());
  AttentionLinesView* lines = heads()->linesView();
  EXPECT_TRUE(lines->isVisible());
  EXPECT_TRUE(heads()->largePlot()->isVisible());
  EXPECT_EQ(lines->weights().values, heads()->largePlot()->heatmap().values);
  EXPECT_EQ(lines->tokenWindow(), (TokenWindow{0, 6}));
  EXPECT_FALSE(heads()->tokenWindowBar()->isVisible()) << "a short sentence needs no window";
  heads()->setLargeView(HeadsView::LargeView::Lines);
  EXPECT_FALSE(heads()->largePlot()->isVisible());
  EXPECT_TRUE(lines->isVisible());
}

TEST_F(AttentionLinesWindowTest, ClickingAQueryChoosesItForEveryView) {
  typeSentence(QStringLiteral("The cat sat on the mat"));
  openHead(0);
  AttentionLinesView* lines = heads()->linesView();
  QTest::mouseClick(lines, Qt::LeftButton, {}, lines->queryPosition(3).toPoint());
  EXPECT_EQ(document()->view().selectedQuery, 3);
  EXPECT_EQ(heads()->largePlot()->highlightedRow(), 3);
  for (const AttentionLine& line : lines->shownLines()) {
    EXPECT_EQ(line.opacity == std::sqrt(line.width), line.query == 3)
        << line.query << "→" << line.key;
  }
}

TEST_F(AttentionLinesWindowTest, TheWindowOfALongSentenceZoomsTheMatrix) {
  QStringList words;
  for (int i = 0; i < 60; ++i) words << QStringLiteral("w%1").arg(i);
  typeSentence(words.join(' '));
  openHead(0);
  TokenWindowBar* bar = heads()->tokenWindowBar();
  ASSERT_TRUE(bar->isVisible());
  EXPECT_EQ(bar->window(), (TokenWindow{0, 32}));
  heads()->largePlot()->replot();
  EXPECT_EQ(heads()->largePlot()->visibleCells(), QRect(0, 0, 32, 32));
  bar->widthBox()->setValue(10);
  bar->startSlider()->setValue(20);
  EXPECT_EQ(bar->window(), (TokenWindow{20, 30}));
  EXPECT_EQ(heads()->linesView()->tokenWindow(), (TokenWindow{20, 30}));
  heads()->largePlot()->replot();
  EXPECT_EQ(heads()->largePlot()->visibleCells(), QRect(20, 20, 10, 10));
  for (const AttentionLine& line : heads()->linesView()->shownLines()) {
    EXPECT_GE(line.query, 20);
    EXPECT_LT(line.key, 30);
  }
}

TEST_F(AttentionLinesWindowTest, ExportDrawsTheLinesWhenTheyShowAlone) {
  typeSentence(QStringLiteral("The cat sat on the mat"));
  openHead(2);
  SessionView view = document()->view();
  view.selectedQuery = 4;
  document()->setView(view);
  ExportActions* actions = m_window->exportActions();
  EXPECT_FALSE(actions->currentFigureChoice().lines) << "beside the matrix, the matrix is drawn";
  heads()->setLargeView(HeadsView::LargeView::Lines);
  const FigureChoice choice = actions->currentFigureChoice();
  ASSERT_TRUE(choice.lines);
  EXPECT_EQ(choice.lines->query, 4);
  EXPECT_EQ(choice.heads.kind, HeadChoice::Kind::One);
  EXPECT_EQ(choice.heads.head, 2);
  const QString command = actions->exportCommand();
  EXPECT_TRUE(command.contains(QStringLiteral("--head 3 --view lines --query 5")))
      << command.toStdString();
  EXPECT_FALSE(actions->previewFigure(choice).isNull());
}

}  // namespace
}  // namespace attnscope
