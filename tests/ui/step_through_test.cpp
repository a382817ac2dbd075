// The step-through shows the engine's own numbers at every step: each panel is compared with
// the trace directly, not with the code that built it.
#include <gtest/gtest.h>

#include <QHelpEvent>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QToolTip>
#include <cstdlib>
#include <filesystem>

#include "core/embedding.h"
#include "core/lesson_run.h"
#include "tests/model_test_support.h"
#include "tests/ui/window_test_support.h"
#include "ui/model/attention_document.h"
#include "ui/model/computation_steps.h"
#include "ui/model/worked_numbers.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/language.h"
#include "ui/window/main_window.h"
#include "ui/window/row_softmax_plot.h"
#include "ui/window/step_through_view.h"

namespace attnscope {
namespace {

class StepThroughTest : public ::testing::Test {
 protected:
  void SetUp() override {
    QStandardPaths::setTestModeEnabled(true);
    MainWindow::clearSavedState();
    m_window = std::make_unique<MainWindow>(&m_language);
    m_window->resize(1400, 900);
    m_window->show();
    Lesson parameters = document()->parameters();
    parameters.text = "the cat sat on the mat";
    parameters.modelWidth = 16;
    parameters.heads = 4;
    parameters.mask = LessonMask::Causal;
    document()->reset(parameters);
    settle();
    view()->show();
  }
  void TearDown() override {
    m_window.reset();
    MainWindow::clearSavedState();
  }

  AttentionDocument* document() const { return m_window->document(); }
  StepThroughView* view() const { return m_window->stepThrough(); }
  const AttentionTrace& trace() const { return *document()->result()->trace; }

  void settle() { testing::waitForCurrentResult(document()); }

  void goTo(int step, int head = 1) { goTo(StepThroughStop(step), head); }
  void goTo(StepThroughStop step, int head = 1) {
    SessionView settings = document()->view();
    settings.stepThrough = step;
    settings.stepHead = head;
    document()->setView(settings);
    QCoreApplication::processEvents();
  }

  const HeatmapData& panel(int index) const { return view()->panels().at(index)->heatmap(); }

  Language m_language;
  std::unique_ptr<MainWindow> m_window;
};

TEST_F(StepThroughTest, EveryStepShowsTheTraceItself) {
  const std::size_t h = 1, lq = 6, dk = 4;
  goTo(StepThroughStop::Embeddings);
  const AttentionResult& result = *document()->result();
  const Matrix x = modelInput(result.queryTokens, 0, 16, PositionalEncoding::Sinusoidal);
  ASSERT_EQ(panel(2).rows, 6);
  ASSERT_EQ(panel(2).cols, 16);
  for (int c = 0; c < 16; ++c) EXPECT_FLOAT_EQ(panel(2).values[std::size_t(16 * 3 + c)], x(3, c));

  goTo(StepThroughStop::Projections);
  for (std::size_t i = 0; i < lq; ++i)
    for (std::size_t c = 0; c < 16; ++c)
      EXPECT_EQ(panel(1).values[i * 16 + c], trace().q(c / dk, i, c % dk));

  goTo(StepThroughStop::SplitHeads);
  EXPECT_EQ(panel(1).cols, 4);
  for (std::size_t i = 0; i < lq; ++i)
    for (std::size_t c = 0; c < dk; ++c) EXPECT_EQ(panel(2).values[i * dk + c], trace().k(h, i, c));

  const auto expectStage = [&](int index, auto value) {
    ASSERT_EQ(panel(index).rows, 6);
    ASSERT_EQ(panel(index).cols, 6);
    for (std::size_t i = 0; i < lq; ++i)
      for (std::size_t j = 0; j < lq; ++j) EXPECT_EQ(panel(index).values[i * lq + j], value(i, j));
  };
  goTo(StepThroughStop::RawScores);
  expectStage(0, [&](auto i, auto j) { return trace().scores(h, i, j); });
  EXPECT_TRUE(view()->formula().contains(QStringLiteral("ℝ⁶ˣ⁶")))
      << view()->formula().toStdString();
  goTo(StepThroughStop::Scaling);
  expectStage(1, [&](auto i, auto j) { return trace().scores(h, i, j) / 2.0f; });
  goTo(StepThroughStop::Masking);
  expectStage(0, [&](auto i, auto j) { return j > i ? -1e9f : trace().scaled(h, i, j); });
  goTo(StepThroughStop::Softmax);
  expectStage(0, [&](auto i, auto j) { return trace().weights(h, i, j); });
  goTo(StepThroughStop::WeightedSum);
  for (std::size_t i = 0; i < lq; ++i)
    for (std::size_t c = 0; c < dk; ++c)
      EXPECT_EQ(panel(2).values[i * dk + c],
                trace().context(Eigen::Index(i), Eigen::Index(dk * h + c)));
  goTo(StepThroughStop::ConcatOutput);
  EXPECT_EQ(panel(2).values[5 * 16 + 7], trace().output(5, 7));
}

TEST_F(StepThroughTest, NextPreviousAndTheListWalkAllSteps) {
  goTo(StepThroughStop::Embeddings);
  for (int s = 1; s < kStepThroughStops; ++s) {
    view()->next();
    QCoreApplication::processEvents();
    EXPECT_EQ(int(view()->step()), s);
    EXPECT_FALSE(view()->panels().isEmpty());
  }
  view()->next();  // stays on the last step
  EXPECT_EQ(int(view()->step()), kStepThroughStops - 1);
  view()->previous();
  EXPECT_EQ(view()->step(), int(StepThroughStop::WeightedSum));
}

TEST_F(StepThroughTest, WorkedNumbersAddUpToTheShownWeight) {
  const AttentionResult& result = *document()->result();
  for (int query : {0, 3, 5}) {
    for (int key = 0; key <= query; ++key) {
      const WorkedNumbers numbers = workedNumbers(result, 2, query, key);
      EXPECT_NEAR(numbers.weight, trace().weights(2, std::size_t(query), std::size_t(key)), 1e-6);
      EXPECT_NEAR(numbers.dot, numbers.score, 1e-5 * std::max(1.0, std::abs(numbers.dot)));
      EXPECT_FLOAT_EQ(numbers.scaled, numbers.score / 2.0f);
    }
  }
  goTo(StepThroughStop::Softmax, 2);
  emit view()->panels().front()->cellPressed(3, 2);
  QCoreApplication::processEvents();
  const QString text = view()->workedText();
  EXPECT_TRUE(text.contains(QStringLiteral("“on” → key “sat”"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QString::number(workedNumbers(result, 2, 3, 2).weight, 'g', 4)));
}

// Issue 19, point 7: every term a student needs to redo the weight by hand, one per line, and the
// blocked keys contributing exactly 0.
TEST_F(StepThroughTest, WorkedNumbersListEveryTermAndBlockedKeysAsZero) {
  goTo(StepThroughStop::Softmax, 2);
  emit view()->panels().front()->cellPressed(3, 2);  // "on" → "sat"; "the" and "mat" are later
  QCoreApplication::processEvents();
  const QStringList lines = view()->workedText().split(QLatin1Char('\n'));
  const WorkedNumbers numbers = workedNumbers(*document()->result(), 2, 3, 2);
  auto linesWith = [&](const QString& part) {
    QStringList found;
    for (const QString& line : lines) {
      if (line.contains(part)) found << line;
    }
    return found;
  };
  const QStringList products = linesWith(QStringLiteral(" × "));
  ASSERT_EQ(products.size(), 4) << "d_k = 16 / 4 heads: every product";
  for (int c = 0; c < 4; ++c) {
    const double product =
        double(numbers.queryVector[std::size_t(c)]) * double(numbers.keyVector[std::size_t(c)]);
    EXPECT_TRUE(products[c].endsWith(QStringLiteral("= ") + QString::number(product, 'g', 4)))
        << products[c].toStdString();
  }
  const QStringList exponentials = linesWith(QStringLiteral(": exp("));
  ASSERT_EQ(exponentials.size(), 6) << "one per key of the row";
  double sum = 0.0;
  for (int k = 0; k < 6; ++k) {
    const bool blocked = k > 3;  // causal: query 4 sees keys 1..4
    EXPECT_EQ(exponentials[k].contains(QStringLiteral("−1e9")), blocked)
        << exponentials[k].toStdString();
    const double shown = exponentials[k].section(QStringLiteral("= "), -1).toDouble();
    if (blocked) {
      EXPECT_EQ(shown, 0.0) << exponentials[k].toStdString();
    }
    sum += shown;
  }
  EXPECT_NEAR(sum, numbers.sum, 5e-4 * numbers.sum) << "the shown terms add up to the row sum";
}

// Issue 19, point 3: the buttons stay under the mouse on every step, the step titles are whole,
// and matrices keep cells wide enough to see and to hover.
TEST_F(StepThroughTest, LayoutHoldsStillAndCellsStayUsable) {
  auto placeOf = [this](const QPushButton* button) {
    return QRect(button->mapTo(m_window.get(), QPoint(0, 0)), button->size());
  };
  goTo(StepThroughStop::Embeddings);
  QCoreApplication::processEvents();
  const QRect previous = placeOf(view()->previousButton());
  const QRect next = placeOf(view()->nextButton());
  const int listWidth = view()->stepList()->width();
  for (int s = 0; s < kStepThroughStops; ++s) {
    goTo(s);
    QCoreApplication::processEvents();
    EXPECT_EQ(placeOf(view()->previousButton()), previous) << "step " << s + 1;
    EXPECT_EQ(placeOf(view()->nextButton()), next) << "step " << s + 1;
    EXPECT_EQ(view()->stepList()->width(), listWidth) << "step " << s + 1;
    for (HeatmapPlot* plot : view()->panels()) {
      const HeatmapData& data = plot->heatmap();
      EXPECT_GE(plot->cellRect(0, 0).width(), 12) << data.title.toStdString();
      EXPECT_GE(plot->cellRect(0, 0).height(), 12) << data.title.toStdString();
    }
  }
  const QListWidget* list = view()->stepList();
  for (int s = 0; s < list->count(); ++s) {
    EXPECT_LE(list->fontMetrics().horizontalAdvance(list->item(s)->text()),
              list->viewport()->width() - 8)
        << list->item(s)->text().toStdString();
  }

  goTo(StepThroughStop::Scaling);
  QCoreApplication::processEvents();
  HeatmapPlot* raw = view()->panels().at(0);
  const QPoint cell = raw->cellRect(3, 1).center();
  QHelpEvent hover(QEvent::ToolTip, cell, raw->mapToGlobal(cell));
  QCoreApplication::sendEvent(raw, &hover);
  const QString tip = QToolTip::text();
  EXPECT_TRUE(tip.contains(QStringLiteral("row “on”, column “cat”"))) << tip.toStdString();
  EXPECT_TRUE(tip.contains(QString::number(trace().scores(1, 3, 1), 'g', 5))) << tip.toStdString();
}

// Fewer panels after more that were stacked: the one left fills the room, not the share of it
// its row had among the stacked ones (the grid kept the old rows' stretch).
TEST_F(StepThroughTest, TheMatrixLeftFillsTheRoomOfThoseStackedBefore) {
  m_window->resize(900, 860);  // narrow: step 9's three matrices stack
  goTo(StepThroughStop::ConcatOutput);
  QTest::qWait(100);
  ASSERT_EQ(view()->panels().size(), 3);
  goTo(StepThroughStop::Softmax);
  QTest::qWait(100);
  ASSERT_EQ(view()->panels().size(), 1);
  HeatmapPlot* plot = view()->panels().at(0);
  const auto last = int(document()->result()->queryTokens.size()) - 1;
  const QRect map = plot->cellRect(0, 0).united(plot->cellRect(last, last));
  EXPECT_GE(map.height(), plot->parentWidget()->height() / 2)
      << plot->width() << "x" << plot->height();
}

// Issue 19, point 8: before and after scaling on one colour scale, so the picture shows what
// the division does.
TEST_F(StepThroughTest, ScalingDrawsBeforeAndAfterOnOneScale) {
  goTo(StepThroughStop::Scaling);
  ASSERT_EQ(view()->panels().size(), 2);
  const QCPRange before = view()->panels().at(0)->valueRange();
  const QCPRange after = view()->panels().at(1)->valueRange();
  EXPECT_EQ(before.lower, after.lower);
  EXPECT_EQ(before.upper, after.upper);
  float largest = 0.0f;
  for (float value : panel(0).values) largest = std::max(largest, std::abs(value));
  EXPECT_NEAR(before.upper, largest, 1e-6) << "the raw scores, the larger, set the scale";
  goTo(StepThroughStop::Masking);
  goTo(StepThroughStop::WeightedSum);
  EXPECT_NE(view()->panels().at(1)->valueRange().upper, view()->panels().at(2)->valueRange().upper)
      << "V and the head's output are different quantities, each on its own scale";
}

TEST_F(StepThroughTest, ChosenQueryRowStaysHighlightedThroughTheSteps) {
  goTo(StepThroughStop::RawScores);
  emit view()->panels().front()->cellPressed(3, 1);
  QCoreApplication::processEvents();
  for (StepThroughStop step : {StepThroughStop::Embeddings, StepThroughStop::Scaling,
                               StepThroughStop::Softmax, StepThroughStop::WeightedSum}) {
    goTo(step);
    EXPECT_EQ(view()->panels().front()->highlightedRow(), 3)
        << stepTitle(int(step), false).toStdString();
  }
  goTo(StepThroughStop::Projections);
  // W^Q's rows are dimensions, not tokens: nothing to highlight there; Q's rows are tokens.
  EXPECT_EQ(view()->panels().at(0)->highlightedRow(), -1);
  EXPECT_EQ(view()->panels().at(1)->highlightedRow(), 3);
}

// Issue 19, point 6: the chart kept an old sentence's bars when the sentence changed while the
// step-through was hidden behind the heads tab.
TEST_F(StepThroughTest, SoftmaxChartFollowsASentenceChangedWhileHidden) {
  goTo(StepThroughStop::Softmax);
  ASSERT_EQ(view()->rowSoftmaxChart()->scaledWeights().size(), 6u);
  view()->hide();
  Lesson parameters = document()->parameters();
  parameters.text = "a b c";
  document()->change(parameters, QStringLiteral("type"));
  settle();
  view()->show();
  const std::vector<double>& shown = view()->rowSoftmaxChart()->scaledWeights();
  ASSERT_EQ(shown.size(), 3u);
  const SessionView& settings = document()->view();
  const auto query = std::size_t(std::clamp(settings.selectedQuery.value_or(0), 0, 2));
  for (std::size_t key = 0; key < shown.size(); ++key) {
    EXPECT_NEAR(shown[key], trace().weights(std::size_t(settings.stepHead.value_or(0)), query, key),
                1e-6)
        << key;
  }
}

TEST_F(StepThroughTest, ChangingTheSentenceKeepsTheStep) {
  goTo(StepThroughStop::Masking);
  Lesson parameters = document()->parameters();
  parameters.text = "a b";
  document()->change(parameters, QStringLiteral("type"));
  settle();
  EXPECT_EQ(view()->step(), int(StepThroughStop::Masking));
  EXPECT_EQ(panel(0).rows, 2);
}

// A trained encoder's layer: step 1 is the layer's own input and its layer norm, and a tenth
// step shows what the layer does around the attention. Needs scripts/fetch-model's install;
// skips only with ATTNSCOPE_SKIP_MODEL_TESTS=1.
class EncoderStepThroughTest : public StepThroughTest {
 protected:
  void SetUp() override {
    ATTNSCOPE_REQUIRE_ENCODER();
    StepThroughTest::SetUp();
  }

  void openLayer(int layer) {
    Lesson lesson = document()->parameters();
    lesson.text = "The animal didn't cross the street because it was too tired.";
    lesson.model = {kDefaultEncoder, layer, {}};
    document()->reset(lesson);
    settle();
  }

  const EncoderTrace& encoderTrace() const { return *document()->result()->encoder->trace; }

  static std::vector<float> valuesOf(const Matrix& matrix) {
    return {matrix.data(), matrix.data() + matrix.size()};
  }
};

TEST_F(EncoderStepThroughTest, StepOneIsTheLayersInputAndItsLayerNorm) {
  openLayer(1);
  goTo(StepThroughStop::Embeddings, 0);
  EXPECT_EQ(view()->content().title, QStringLiteral("1. The layer's input and its layer norm"));
  EXPECT_TRUE(
      view()->formula().startsWith(QStringLiteral("input = E + (E + PE),  X = "
                                                  "LayerNorm(input)")))
      << view()->formula().toStdString();
  const EncoderLayerTrace& first = encoderTrace().layers[0];
  ASSERT_EQ(view()->panels().size(), 2);
  EXPECT_EQ(panel(0).values, valuesOf(encoderTrace().embedded));
  EXPECT_EQ(panel(0).values, valuesOf(first.input));
  EXPECT_EQ(panel(1).values, valuesOf(first.x));
  // X is what the attention projected: the window's input for this layer.
  EXPECT_EQ(first.x, document()->result()->keyValueInput);

  openLayer(2);
  goTo(StepThroughStop::Embeddings, 0);
  EXPECT_TRUE(view()->formula().startsWith(QStringLiteral("input = output₁,  X = LayerNorm")))
      << view()->formula().toStdString();
  EXPECT_EQ(panel(0).values, valuesOf(encoderTrace().layers[0].output))
      << "layer 2's input is layer 1's output";
  EXPECT_EQ(panel(1).values, valuesOf(encoderTrace().layers[1].x));
}

TEST_F(EncoderStepThroughTest, ATenthStepShowsResidualLayerNormAndFeedForward) {
  EXPECT_EQ(view()->stepCount(), 9) << "the sandbox has nine steps";
  openLayer(1);
  EXPECT_EQ(view()->stepCount(), 10);
  auto* list = view()->findChild<QListWidget*>();
  ASSERT_EQ(list->count(), 10);
  EXPECT_EQ(list->item(9)->text(),
            QStringLiteral("10. Around the attention: residual, layer norm, feed-forward"));

  goTo(StepThroughStop::ConcatOutput, 0);
  view()->next();
  QCoreApplication::processEvents();
  ASSERT_EQ(view()->step(), kAroundAttentionStep);
  EXPECT_EQ(list->currentRow(), 9);
  // Layer 1 widens 256 → 512, so its residual is a learned projection of the input.
  EXPECT_TRUE(view()->formula().contains(QStringLiteral("(input·W_r + b_r)")))
      << view()->formula().toStdString();
  EXPECT_TRUE(view()->formula().contains(QStringLiteral("ReLU(LN(x′)W₁ + b₁)W₂ + b₂")));
  const EncoderLayerTrace& first = encoderTrace().layers[0];
  ASSERT_EQ(view()->panels().size(), 3);
  // x′ is the attention's output plus the residual, cell by cell.
  const Matrix attended = first.attention.output + first.residual;
  ASSERT_EQ(panel(0).values.size(), std::size_t(attended.size()));
  for (Eigen::Index cell = 0; cell < attended.size(); ++cell) {
    EXPECT_NEAR(panel(0).values[std::size_t(cell)], attended.data()[cell], 1e-4f);
  }
  EXPECT_EQ(panel(1).cols, int(first.hidden.cols()));
  EXPECT_GE(*std::ranges::min_element(panel(1).values), 0.0f) << "after a ReLU";
  EXPECT_EQ(panel(2).values, valuesOf(encoderTrace().layers[1].input))
      << "layer 1's output is layer 2's input";
  view()->next();  // the last step
  EXPECT_EQ(view()->step(), kAroundAttentionStep);

  openLayer(2);
  goTo(kAroundAttentionStep, 0);
  EXPECT_FALSE(view()->formula().contains(QStringLiteral("W_r"))) << "512 → 512: x itself";
  EXPECT_TRUE(view()->content().explanation.contains(QStringLiteral("sentence embedding")));

  Lesson sandbox = document()->parameters();
  sandbox.model = {};
  document()->reset(sandbox);
  settle();
  EXPECT_EQ(view()->stepCount(), 9);
  EXPECT_EQ(list->count(), 9);
  EXPECT_EQ(view()->step(), int(StepThroughStop::ConcatOutput));
  EXPECT_EQ(list->item(0)->text(), QStringLiteral("1. Tokens and embeddings"));
}

}  // namespace
}  // namespace attnscope
