#include "tests/ui/abuse_driver.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QElapsedTimer>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTextBoundaryFinder>
#include <QUndoStack>
#include <algorithm>

#include "tests/ui/abuse_text.h"
#include "tests/ui/event_loop_watch.h"
#include "ui/model/attention_document.h"
#include "ui/window/controls_panel.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/main_window.h"
#include "ui/window/sentence_input.h"
#include "ui/window/step_through_view.h"
#include "ui/window/token_chips.h"

// Running the table of actions, waiting for results, and checking the window after each.
namespace attnscope::testing {
namespace {

bool isPrintableAscii(const QString& text) {
  return std::all_of(text.begin(), text.end(),
                     [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7F; });
}

}  // namespace

AbuseDriver::AbuseDriver(MainWindow* window, Language* language, std::uint64_t seed,
                         const QString& scratch)
    : m_window(window),
      m_language(language),
      m_application(WatchedApplication::instance()),
      m_random(seed),
      m_scratch(scratch),
      m_actions(actions()) {
  for (const Action& action : m_actions) m_totalWeight += action.weight;
  QObject::connect(window->document(), &AttentionDocument::resultChanged, window,
                   [this] { m_problemReported = false; });
  // Unsaved changes are asked about in a modal box, which no one here would click: the driver
  // answers as a user might. Save only where the lesson has a file (untitled, Save opens a file
  // dialog).
  window->lessonActions()->setUnsavedChangesQuestion([this](const QString&) {
    using Choice = LessonActions::UnsavedChoice;
    const bool hasFile = !m_window->lessonActions()->currentPath().isEmpty();
    m_lastAnswer = Choice(uniform(hasFile ? 0 : 1, 2));
    return *m_lastAnswer;
  });
  rememberUndoState();
}

// The table of actions: name, weight (how often, relative to the others), and what it does.
std::vector<AbuseDriver::Action> AbuseDriver::actions() {
  return {
      {"type words", 8, [this] { return typeWords(); }},
      {"type odd text", 10, [this] { return typeNastyText(); }},
      {"paste long text", 4, [this] { return pasteLongText(); }},
      {"paste a long word", 2, [this] { return pasteLongWord(); }},
      {"delete everything", 3, [this] { return deleteEverything(); }},
      {"edit with keys", 6, [this] { return editWithKeys(); }},
      {"toggle cross-attention", 2, [this] { return toggleCrossAttention(); }},
      {"type key/value text", 3, [this] { return typeKeyValueText(); }},
      {"set d_model", 5, [this] { return setModelWidth(); }},
      {"choose heads", 5, [this] { return chooseHeads(); }},
      {"choose mask", 4, [this] { return chooseMask(); }},
      {"use a control", 6, [this] { return useAControl(); }},
      {"paint the mask", 4, [this] { return paintMask(); }},
      {"clear the mask", 1, [this] { return clearMask(); }},
      {"new random weights", 2, [this] { return newRandomWeights(); }},
      {"focus a head", 3, [this] { return focusHead(); }},
      {"click a tile or go back", 3, [this] { return clickTileOrGoBack(); }},
      {"hover and zoom", 2, [this] { return hoverAndZoom(); }},
      {"toggle the average", 2, [this] { return toggleAverage(); }},
      {"switch tab", 2, [this] { return switchTab(); }},
      {"use the step-through", 6, [this] { return useStepThrough(); }},
      {"undo or redo", 6, [this] { return undoOrRedo(); }},
      {"undo then redo", 2, [this] { return undoThenRedo(); }},
      {"switch theme", 1, [this] { return switchTheme(); }},
      {"switch language", 1, [this] { return switchLanguage(); }},
      {"toggle presentation mode", 1, [this] { return togglePresentation(); }},
      {"resize the window", 1, [this] { return resizeWindow(); }},
      {"export a figure", 2, [this] { return exportFigureFile(); }},
      {"export matrices", 1, [this] { return exportMatrices(); }},
      {"copy figure or command", 1, [this] { return copyFigureOrCommand(); }},
      {"save and reopen the lesson", 1, [this] { return saveAndReopenLesson(); }},
      {"open an example", 1, [this] { return openExample(); }},
  };
}

QString AbuseDriver::step() {
  ++m_stepNumber;
  int draw = uniform(0, m_totalWeight - 1);
  const Action* chosen = &m_actions.front();
  for (const Action& action : m_actions) {
    if (draw < action.weight) {
      chosen = &action;
      break;
    }
    draw -= action.weight;
  }
  QString label =
      QStringLiteral("action %1: %2").arg(m_stepNumber).arg(QLatin1String(chosen->name));
  m_application->setCurrentAction(label);
  m_wasUndoOrRedo = false;
  const QString details = chosen->run();
  if (!details.isEmpty()) label += QStringLiteral(" (%1)").arg(details);
  m_application->renameCurrentAction(label);

  // Half the time the debounce runs out by itself, as it does for a user.
  const bool flush = chance(0.5);
  QElapsedTimer waited;
  waited.start();
  m_resultShown = waitForCurrentResult(flush, kResultTimeoutMilliseconds);
  if (double(waited.elapsed()) > m_longestWait) {
    m_longestWait = double(waited.elapsed());
    m_longestWaitAction = label;
  }
  if (!m_resultShown) {
    ++m_unfinished;
    label += QStringLiteral(" — still computing after %1 s, not checked")
                 .arg(kResultTimeoutMilliseconds / 1000);
  }
  rememberUndoState();
  return label;
}

void AbuseDriver::finish() {
  m_application->setCurrentAction(QStringLiteral("the final result"));
  m_resultShown = waitForCurrentResult(true, 20 * kResultTimeoutMilliseconds);
  EXPECT_TRUE(m_resultShown) << "no result for the last parameters within "
                             << 20 * kResultTimeoutMilliseconds / 1000 << " s";
  checkWindow(QStringLiteral("the final state"));
}

bool AbuseDriver::waitForCurrentResult(bool flush, int timeoutMilliseconds) {
  AttentionDocument* document = m_window->document();
  auto current = [document] {
    const auto result = document->result();
    return result && result->parameters == document->parameters();
  };
  if (flush) busy(QStringLiteral("flush the debounce"), [document] { document->flushDebounce(); });
  QElapsedTimer timer;
  timer.start();
  QSignalSpy shown(document, &AttentionDocument::resultChanged);
  while (!current()) {
    const qint64 left = timeoutMilliseconds - timer.elapsed();
    if (left <= 0) return false;
    shown.wait(int(left));
  }
  // Let the queued replots, layouts and paints run now, so their cost is measured with this action.
  for (int i = 0; i < 3; ++i) {
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  }
  return true;
}

int AbuseDriver::sequenceLength() const {
  const auto result = m_window->document()->result();
  return result ? int(result->queryTokens.size()) : 0;
}

void AbuseDriver::rememberUndoState() {
  const QUndoStack* stack = m_window->document()->undoStack();
  const auto index = std::size_t(stack->index());
  if (!m_wasUndoOrRedo) {
    // Pushes and merges may have rewritten every entry from the lower of the two indices up.
    const std::size_t from = std::min(index, std::size_t(m_undoIndex));
    for (std::size_t k = from; k < m_undoStates.size(); ++k) m_undoStates[k].reset();
  }
  m_undoStates.resize(std::size_t(stack->count()) + 1);
  m_undoStates[index] = m_window->document()->parameters();
  m_undoIndex = int(index);
}

void AbuseDriver::checkWindow(const QString& action) {
  const std::string where = action.toStdString();
  AttentionDocument* document = m_window->document();
  const Lesson& p = document->parameters();
  const auto result = document->result();
  if (!m_resultShown) return;
  ASSERT_TRUE(result && result->parameters == p) << where;

  // The controls mirror the document.
  ControlsPanel* controls = m_window->controls();
  SentenceInput* input = m_window->sentenceInput();
  EXPECT_EQ(controls->modelWidthBox()->value(), p.modelWidth) << where;
  EXPECT_EQ(controls->headsBox()->currentData().toInt(), p.heads) << where;
  EXPECT_EQ(controls->maskBox()->currentIndex(), int(p.mask)) << where;
  EXPECT_TRUE(input->sentenceEdit()->text() == QString::fromStdString(p.text))
      << where << ": the box shows " << printableText(input->sentenceEdit()->text()).toStdString()
      << ", the document has " << printableText(QString::fromStdString(p.text)).toStdString();
  EXPECT_TRUE(input->keyValueEdit()->text() == QString::fromStdString(p.keyValueText)) << where;
  EXPECT_EQ(input->crossAttentionBox()->isChecked(), p.crossAttention) << where;

  const QString message = m_window->message();
  if (!result->ok()) {
    // The window says why nothing new is shown (or, after a failed export, why that failed).
    EXPECT_TRUE(m_problemReported ? !message.isEmpty() : message.contains(result->error))
        << where << ": the error " << result->error.toStdString()
        << " is not shown; the banner says " << message.toStdString();
    return;
  }
  // A trained encoder's layer brings its own number of heads; the sandbox runs the lesson's.
  const int headCount = p.model.isSandbox() ? p.heads : result->trace->heads;
  EXPECT_EQ(result->trace->heads, headCount) << where;
  if (!result->fullyBlockedRows.empty()) {
    EXPECT_FALSE(message.isEmpty()) << where << ": fully blocked rows without a warning";
  } else if (!m_problemReported) {
    EXPECT_TRUE(message.isEmpty()) << where << ": unexpected banner " << message.toStdString();
  }
  const QStringList queries = result->queryLabels;
  const QStringList keys = result->keyLabels;
  // An encoder's chips go on past the pieces it reads, greyed.
  const TokenChips* chips = input->queryChips();
  EXPECT_TRUE(chips->tokens().first(chips->readCount()) == queries)
      << where << ": chips differ from the tokens";

  // The heads view shows this result: one tile per head, the average, or one head large.
  const SessionView& view = document->view();
  HeadsView* heads = m_window->headsView();
  const bool large = !view.averageOfHeads && view.focusedHead && *view.focusedHead < headCount;
  EXPECT_EQ(heads->showsLargeHead(), large) << where;
  QList<HeatmapPlot*> plots;
  if (large) {
    plots = {heads->largePlot()};
  } else {
    plots = heads->tiles();
    EXPECT_EQ(plots.size(), view.averageOfHeads ? 1 : headCount) << where;
  }
  for (HeatmapPlot* plot : plots) {
    const HeatmapData& shown = plot->heatmap();
    EXPECT_EQ(shown.rows, queries.size()) << where;
    EXPECT_EQ(shown.cols, keys.size()) << where;
    EXPECT_EQ(shown.values.size(), std::size_t(shown.rows) * std::size_t(shown.cols)) << where;
  }
  if (!plots.isEmpty()) {
    EXPECT_TRUE(plots.front()->heatmap().colLabels == keys) << where;
  }

  // The step-through follows the view and the result.
  StepThroughView* steps = m_window->stepThrough();
  EXPECT_EQ(steps->step(), std::clamp(int(view.stepThrough), 0, stepCount(*result) - 1)) << where;
  EXPECT_FALSE(steps->formula().isEmpty()) << where;
}

// ---------------------------------------------------------------------------------------------
// Helpers

int AbuseDriver::uniform(int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(m_random);
}

bool AbuseDriver::chance(double probability) {
  return std::bernoulli_distribution(probability)(m_random);
}

void AbuseDriver::busy(const QString& what, const std::function<void()>& work) {
  m_application->busy(what, work);
}

void AbuseDriver::focus(QWidget* widget) {
  busy(QStringLiteral("focus"), [widget] { widget->setFocus(Qt::MouseFocusReason); });
}

void AbuseDriver::report(const QString& problem) {
  if (problem.isEmpty()) return;
  m_window->report(problem);
  m_problemReported = true;
}

void AbuseDriver::typeText(QLineEdit* edit, const QString& text) {
  focus(edit);
  if (isPrintableAscii(text) && text.size() <= 200) {
    QTest::keyClicks(edit, text);
  } else if (text.size() <= 40 && chance(0.5)) {
    // One key event per grapheme, as a keyboard with those characters would send them.
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
    qsizetype begin = 0;
    for (qsizetype end = graphemes.toNextBoundary(); end > 0; end = graphemes.toNextBoundary()) {
      QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, text.mid(begin, end - begin),
                          Qt::NoModifier);
      begin = end;
    }
  } else {
    // QTest::keyClicks cannot type non-ASCII text: commit it as an input method does.
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(edit, &commit);
  }
}

QString AbuseDriver::chooseInCombo(QWidget* widget) {
  auto* box = qobject_cast<QComboBox*>(widget);
  if (!box || box->count() == 0) return QStringLiteral("empty");
  focus(box);
  switch (uniform(0, 4)) {
    case 0:
      QTest::keyClick(box, Qt::Key_Home);
      return QStringLiteral("Home");
    case 1:
      QTest::keyClick(box, Qt::Key_End);
      return QStringLiteral("End");
    case 2: {
      const int presses = uniform(1, 4);
      const Qt::Key key = chance(0.5) ? Qt::Key_Up : Qt::Key_Down;
      for (int i = 0; i < presses; ++i) QTest::keyClick(box, key);
      return QStringLiteral("%1 ×%2").arg(key == Qt::Key_Up ? "Up" : "Down").arg(presses);
    }
    default: {
      // Chosen from the popup list, which sets the index and emits activated.
      const int index = uniform(0, box->count() - 1);
      busy(QStringLiteral("combo box popup choice"), [box, index] {
        box->setCurrentIndex(index);
        emit box->activated(index);
      });
      return QStringLiteral("chose %1").arg(box->itemText(index));
    }
  }
}

QString AbuseDriver::setSpinBox(QWidget* widget, const std::vector<int>& favourites) {
  auto* box = qobject_cast<QSpinBox*>(widget);
  if (!box) return QStringLiteral("not a spin box");
  focus(box);
  if (chance(0.35)) {
    static const Qt::Key keys[] = {Qt::Key_Up, Qt::Key_Down, Qt::Key_PageUp, Qt::Key_PageDown};
    const Qt::Key key = keys[uniform(0, 3)];
    const int presses = uniform(1, 5);
    for (int i = 0; i < presses; ++i) QTest::keyClick(box, key);
    return QStringLiteral("key %1 ×%2 → %3")
        .arg(QKeySequence(key).toString())
        .arg(presses)
        .arg(box->value());
  }
  int value = 0;
  switch (uniform(0, 3)) {
    case 0:
      value = box->maximum();
      break;
    case 1:
      value = box->minimum();
      break;
    case 2:
      value = favourites.empty() ? box->maximum()
                                 : favourites[std::size_t(uniform(0, int(favourites.size()) - 1))];
      break;
    default:
      value = uniform(box->minimum(), box->maximum());
      break;
  }
  value = std::clamp(value, box->minimum(), box->maximum());
  QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
  QTest::keyClicks(box, QString::number(value));
  QTest::keyClick(box, Qt::Key_Return);
  EXPECT_EQ(box->value(), value) << "typing " << value << " into a spin box";
  return QStringLiteral("typed %1").arg(value);
}

}  // namespace attnscope::testing
