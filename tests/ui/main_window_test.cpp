// The live window driven as a user drives it, headless: type, change heads, d_model and masks,
// and check what the widgets then hold against the engine.
#include "ui/window/main_window.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

#include "tests/ui/window_test_support.h"
#include "ui/model/attention_document.h"
#include "ui/model/head_maps.h"
#include "ui/window/controls_panel.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/keyboard_help.h"
#include "ui/window/language.h"
#include "ui/window/mask_editor.h"
#include "ui/window/mask_strokes.h"
#include "ui/window/sentence_input.h"
#include "ui/window/token_chips.h"

namespace attnscope {
namespace {

class MainWindowTest : public testing::WindowTest {};

// Issue 19, point 15: Chinese is cut into dictionary words by default, into characters on
// request, and the heads follow the tokens either way.
TEST_F(MainWindowTest, TypingChineseShowsWordsOrCharactersAndMatchingHeads) {
  QComboBox* cut = m_window->sentenceInput()->chineseTokensBox();
  typeSentence(QStringLiteral("attention"));
  EXPECT_TRUE(cut->isHidden()) << "no Chinese, nothing to choose";
  typeSentence(QStringLiteral("注意力机制很强大"));
  EXPECT_FALSE(cut->isHidden());
  EXPECT_EQ(m_window->sentenceInput()->queryChips()->tokens(),
            QStringList({"注意力", "机制", "很", "强大"}));

  cut->setCurrentIndex(int(ChineseTokens::Characters));
  emit cut->activated(int(ChineseTokens::Characters));
  settle();
  const QStringList expected = {"注", "意", "力", "机", "制", "很", "强", "大"};
  EXPECT_EQ(m_window->sentenceInput()->queryChips()->tokens(), expected);

  const QList<HeatmapPlot*> tiles = m_window->headsView()->tiles();
  ASSERT_EQ(tiles.size(), document()->parameters().heads);
  AttentionEngine engine;
  const AttentionResult reference = computeAttention(document()->parameters(), engine);
  ASSERT_TRUE(reference.ok());
  for (int h = 0; h < tiles.size(); ++h) {
    const HeatmapData& shown = tiles[h]->heatmap();
    EXPECT_EQ(shown.rowLabels, expected);
    EXPECT_EQ(shown.colLabels, expected);
    ASSERT_EQ(shown.rows, 8);
    for (int i = 0; i < 8; ++i)
      for (int j = 0; j < 8; ++j)
        EXPECT_EQ(shown.values[std::size_t(i * 8 + j)],
                  reference.trace->weights(std::size_t(h), std::size_t(i), std::size_t(j)));
  }
  document()->undoStack()->undo();
  settle();
  EXPECT_EQ(m_window->sentenceInput()->queryChips()->tokens().size(), 4) << "one undo step";
}

TEST_F(MainWindowTest, TextBeyondTheWindowsTraceShowsPooledPicturesFromTheStreamingEngine) {
  // 8 heads × 1500² cells is over kWindowTraceCells: the streaming engine runs instead.
  static_assert(8 * 1500 * 1500 > kWindowTraceCells);
  const QString sentence = QStringLiteral("注意力机制很强大").repeated(188).left(1500);
  chooseMask(LessonMask::Causal);
  Lesson characters = document()->parameters();
  characters.chineseTokens = ChineseTokens::Characters;  // 1500 tokens
  document()->change(characters, QStringLiteral("characters"));
  typeSentence(sentence);
  const std::shared_ptr<const AttentionResult> result = document()->result();
  ASSERT_TRUE(result && result->pooled()) << m_window->message().toStdString();
  EXPECT_FALSE(result->ok());
  EXPECT_TRUE(m_window->message().contains(QStringLiteral("pooled")));
  EXPECT_FALSE(m_window->tabs()->isTabEnabled(1));  // the step-through needs the full trace

  // What each tile shows is the mean of the reference weights over its block.
  const Matrix query = result->queryEmbeddings + result->queryPositions;
  const AttentionTrace exact =
      runAttention(result->weights, query, result->keyValueInput, MaskSpec::causal(), 8);
  const QList<HeatmapPlot*> tiles = m_window->headsView()->tiles();
  ASSERT_EQ(tiles.size(), 8);
  for (int h = 0; h < 8; ++h) {
    const HeatmapData& shown = tiles[h]->heatmap();
    ASSERT_TRUE(shown.isPicture());
    EXPECT_TRUE(tiles[h]->isPooled());
    EXPECT_EQ(shown.rows, 1500);
    EXPECT_EQ(shown.pictureRows, int(kMaxPictureSize));
    EXPECT_EQ(shown.rowLabels.size(), 1500);
    for (const auto& [r, c] : {std::pair(0, 0), std::pair(100, 400), std::pair(511, 511)}) {
      double sum = 0;
      int cells = 0;
      for (int i = r * 1500 / 512; i < (r + 1) * 1500 / 512; ++i) {
        for (int j = c * 1500 / 512; j < (c + 1) * 1500 / 512; ++j, ++cells) {
          sum += exact.weights(std::size_t(h), std::size_t(i), std::size_t(j));
        }
      }
      EXPECT_NEAR(shown.values[std::size_t(r * 512 + c)], sum / cells, 1e-6) << h;
    }
    // Blocks wholly above the diagonal are blocked; those touching it are not.
    ASSERT_EQ(shown.blocked.size(), shown.values.size());
    EXPECT_TRUE(shown.blocked[std::size_t(0 * 512 + 511)]);
    EXPECT_TRUE(shown.blocked[std::size_t(100 * 512 + 102)]);
    EXPECT_FALSE(shown.blocked[std::size_t(100 * 512 + 100)]);
    EXPECT_FALSE(shown.blocked[std::size_t(511 * 512 + 0)]);
  }
  EXPECT_TRUE(cellToolTip(*result, 2, 700, 30).contains(QStringLiteral("pooled")));

  // Back under the limit: exact again, and the step-through returns.
  typeSentence(QStringLiteral("注意力机制很强大"));
  ASSERT_TRUE(document()->result()->ok());
  EXPECT_FALSE(m_window->headsView()->tiles().front()->heatmap().isPicture());
  EXPECT_TRUE(m_window->tabs()->isTabEnabled(1));
  EXPECT_TRUE(m_window->message().isEmpty());
}

TEST_F(MainWindowTest, HeadsChoicesAreDivisorsAndTheGridFollows) {
  EXPECT_EQ(ControlsPanel::headChoices(12), (QList<int>{1, 2, 3, 4, 6, 12}));
  chooseHeads(4);
  EXPECT_EQ(m_window->headsView()->tiles().size(), 4);
  EXPECT_TRUE(m_window->controls()->headWidthLabel()->text().contains("16"));
  chooseHeads(16);
  EXPECT_EQ(m_window->headsView()->tiles().size(), 16);
  chooseHeads(1);
  EXPECT_EQ(m_window->headsView()->tiles().size(), 1);
}

TEST_F(MainWindowTest, ModelWidthThatHeadsDoNotDivideExplainsTheNewHeadCount) {
  chooseHeads(8);
  m_window->controls()->modelWidthBox()->setValue(60);
  settle();
  EXPECT_EQ(document()->parameters().heads, 6);
  EXPECT_EQ(m_window->headsView()->tiles().size(), 6);
  EXPECT_TRUE(m_window->controls()->headWidthLabel()->text().contains("60"))
      << m_window->controls()->headWidthLabel()->text().toStdString();
}

// Issue 19, point 5: typing 96 over 8 heads used to pass through 9 (h = 3), and one click from
// 96 to 97 and back left h = 1.
TEST_F(MainWindowTest, TypedModelWidthAppliesWholeAndTheChosenHeadsComeBack) {
  chooseHeads(8);
  QSpinBox* box = m_window->controls()->modelWidthBox();
  box->setFocus();
  box->selectAll();
  QTest::keyClicks(box, "96");
  EXPECT_EQ(document()->parameters().modelWidth, 64) << "applied before Enter";
  QTest::keyClick(box, Qt::Key_Return);
  settle();
  EXPECT_EQ(document()->parameters().modelWidth, 96);
  EXPECT_EQ(document()->parameters().heads, 8);

  box->stepUp();  // 97 is prime
  settle();
  EXPECT_EQ(document()->parameters().heads, 1);
  const QString note = m_window->controls()->headWidthLabel()->text();
  EXPECT_TRUE(note.contains("8") && note.contains("97")) << note.toStdString();
  box->stepDown();
  settle();
  EXPECT_EQ(document()->parameters().modelWidth, 96);
  EXPECT_EQ(document()->parameters().heads, 8);

  // A pause in typing applies what was typed so far, without Enter.
  box->selectAll();
  QTest::keyClicks(box, "120");
  ASSERT_TRUE(QTest::qWaitFor([&] { return document()->parameters().modelWidth == 120; },
                              4 * ControlsPanel::kModelWidthPauseMilliseconds));
  EXPECT_EQ(document()->parameters().heads, 8);
}

// The arrows, clicked with the mouse, and leaving the box: the h chosen survives both.
TEST_F(MainWindowTest, SpinBoxClicksAndLeavingTheBoxKeepTheChosenHeads) {
  chooseHeads(8);
  QSpinBox* box = m_window->controls()->modelWidthBox();
  box->setValue(96);
  settle();
  QStyleOptionSpinBox option;
  option.initFrom(box);
  option.rect = box->rect();
  option.subControls = QStyle::SC_All;
  option.buttonSymbols = box->buttonSymbols();
  option.frame = box->hasFrame();
  option.stepEnabled = QAbstractSpinBox::StepUpEnabled | QAbstractSpinBox::StepDownEnabled;
  const auto arrow = [&](QStyle::SubControl which) {
    return box->style()->subControlRect(QStyle::CC_SpinBox, &option, which, box).center();
  };
  const auto click = [&](QStyle::SubControl which, int times) {
    for (int i = 0; i < times; ++i) QTest::mouseClick(box, Qt::LeftButton, {}, arrow(which));
    settle();
  };

  click(QStyle::SC_SpinBoxUp, 1);
  EXPECT_EQ(document()->parameters().modelWidth, 97);
  EXPECT_EQ(document()->parameters().heads, 1);  // 97 is prime
  // Other changes in between (the sentence, the seed) leave the chosen 8 remembered.
  typeSentence(QStringLiteral("words typed in between"));
  EXPECT_EQ(document()->parameters().heads, 1);
  click(QStyle::SC_SpinBoxUp, 1);
  EXPECT_EQ(document()->parameters().modelWidth, 98);
  EXPECT_EQ(document()->parameters().heads, 7);  // 98 = 2 · 7²: the largest divisor below 8
  EXPECT_TRUE(m_window->controls()->headWidthLabel()->text().contains("98"));
  click(QStyle::SC_SpinBoxDown, 2);
  EXPECT_EQ(document()->parameters().modelWidth, 96);
  EXPECT_EQ(document()->parameters().heads, 8);
  EXPECT_TRUE(m_window->controls()->headWidthLabel()->text().contains(
      QStringLiteral("back to the 8 heads")))
      << m_window->controls()->headWidthLabel()->text().toStdString();

  // Undo goes back over the clicks (in a row they merge into one step) and the typing to 97 with
  // h = 1, then to 64 with 8 heads; a note about an earlier fit does not outlive it.
  document()->undoStack()->undo();
  document()->undoStack()->undo();
  settle();
  EXPECT_EQ(document()->parameters().modelWidth, 97);
  EXPECT_EQ(document()->parameters().heads, 1);
  document()->undoStack()->undo();
  settle();
  EXPECT_EQ(document()->parameters().modelWidth, 64);
  EXPECT_EQ(document()->parameters().heads, 8);
  EXPECT_EQ(m_window->controls()->headWidthLabel()->text(), QStringLiteral("d_k = d_v = 8"));

  // Typed and left for another widget: applies whole on focus-out, without Enter or a pause.
  box->setFocus();
  box->selectAll();
  QTest::keyClicks(box, "100");
  EXPECT_EQ(document()->parameters().modelWidth, 64);
  m_window->sentenceInput()->sentenceEdit()->setFocus();
  settle();
  EXPECT_EQ(document()->parameters().modelWidth, 100);
  EXPECT_EQ(document()->parameters().heads, 5);  // 100 = 4 · 25: 5 is the largest below 8
  box->setFocus();
  box->selectAll();
  QTest::keyClicks(box, "128");
  m_window->sentenceInput()->sentenceEdit()->setFocus();
  settle();
  EXPECT_EQ(document()->parameters().heads, 8);
}

TEST_F(MainWindowTest, EveryDivisorOfTheModelWidthIsOffered) {
  m_window->controls()->modelWidthBox()->setValue(512);
  settle();
  QComboBox* heads = m_window->controls()->headsBox();
  QList<int> offered;
  for (int i = 0; i < heads->count(); ++i) offered.append(heads->itemData(i).toInt());
  EXPECT_EQ(offered, (QList<int>{1, 2, 4, 8, 16, 32, 64, 128, 256}));
}

TEST_F(MainWindowTest, CausalMaskBlocksTheUpperTriangle) {
  typeSentence(QStringLiteral("The cat sat on the mat"));
  chooseMask(LessonMask::Causal);
  for (HeatmapPlot* tile : m_window->headsView()->tiles()) {
    const HeatmapData& shown = tile->heatmap();
    for (int i = 0; i < shown.rows; ++i) {
      for (int j = 0; j < shown.cols; ++j) {
        const std::size_t cell = std::size_t(i * shown.cols + j);
        EXPECT_EQ(shown.blocked[cell] != 0, j > i);
        if (j > i) {
          EXPECT_EQ(shown.values[cell], 0.0f);
        }
      }
    }
  }
  EXPECT_TRUE(m_window->message().isEmpty());
}

TEST_F(MainWindowTest, PaintingAFullRowWarnsThatItBecomesUniform) {
  typeSentence(QStringLiteral("one two three"));
  chooseMask(LessonMask::Custom);
  MaskEditor* editor = m_window->controls()->maskEditor();
  emit editor->plot()->cellPressed(1, 0);
  emit editor->plot()->cellDragged(1, 1);
  emit editor->plot()->cellDragged(1, 2);
  settle();
  EXPECT_TRUE(m_window->message().contains(QStringLiteral("two")))
      << m_window->message().toStdString();
  const HeatmapData& shown = m_window->headsView()->tiles().front()->heatmap();
  for (int j = 0; j < 3; ++j) EXPECT_FLOAT_EQ(shown.values[std::size_t(3 + j)], 1.0f / 3.0f);

  // The whole stroke is one undo step.
  document()->undoStack()->undo();
  settle();
  EXPECT_TRUE(document()->parameters().blockedCells.empty());
  EXPECT_TRUE(m_window->message().isEmpty());
}

// Issue 19, point 12: a fast stroke jumps cells between two mouse events; every cell it crosses
// is painted all the same.
TEST_F(MainWindowTest, AFastMaskStrokeLeavesNoGap) {
  typeSentence(QStringLiteral("a b c d e f g"));
  chooseMask(LessonMask::Custom);
  MaskEditor* editor = m_window->controls()->maskEditor();
  emit editor->plot()->cellPressed(0, 0);
  emit editor->plot()->cellDragged(6, 6);  // one event across the whole diagonal
  emit editor->plot()->cellDragged(6, 3);
  std::set<std::pair<int, int>> expected;
  for (int i = 0; i < 7; ++i) expected.insert({i, i});
  for (int key = 3; key < 6; ++key) expected.insert({6, key});
  EXPECT_EQ(document()->parameters().blockedCells, expected);
  EXPECT_EQ(cellsBetween({2, 0}, {0, 5}).size(), 5u) << "one cell per column of the longer side";
  EXPECT_EQ(cellsBetween({2, 0}, {0, 5}).back(), std::pair(0, 5));
  EXPECT_TRUE(cellsBetween({4, 4}, {4, 4}).empty());
}

TEST_F(MainWindowTest, UndoAndRedoRestoreParameters) {
  const Lesson before = document()->parameters();
  chooseHeads(2);
  chooseMask(LessonMask::Causal);
  document()->undoStack()->undo();
  document()->undoStack()->undo();
  settle();
  EXPECT_EQ(document()->parameters(), before);
  EXPECT_EQ(m_window->headsView()->tiles().size(), before.heads);
  document()->undoStack()->redo();
  settle();
  EXPECT_EQ(document()->parameters().heads, 2);
}

TEST_F(MainWindowTest, CrossAttentionUsesTheSecondSentenceForKeys) {
  typeSentence(QStringLiteral("I love you"));
  m_window->sentenceInput()->crossAttentionBox()->setChecked(true);
  QLineEdit* keys = m_window->sentenceInput()->keyValueEdit();
  keys->setText(QString());
  QTest::keyClicks(keys, QStringLiteral("je t'aime bien"));
  settle();
  const HeatmapData& shown = m_window->headsView()->tiles().front()->heatmap();
  EXPECT_EQ(shown.rowLabels, (QStringList{"I", "love", "you"}));
  EXPECT_EQ(shown.colLabels, (QStringList{"je", "t'aime", "bien"}));
}

TEST_F(MainWindowTest, KeyPaddingAddsBlockedPads) {
  typeSentence(QStringLiteral("a b c"));
  chooseMask(LessonMask::KeyPadding);
  m_window->controls()->paddedLengthBox()->setValue(5);
  settle();
  const HeatmapData& shown = m_window->headsView()->tiles().front()->heatmap();
  ASSERT_EQ(shown.cols, 5);
  EXPECT_EQ(shown.colLabels.back(), QStringLiteral("[PAD]"));
  EXPECT_TRUE(shown.blocked[3] && shown.blocked[4] && !shown.blocked[2]);
}

TEST_F(MainWindowTest, ClickingAHeadOpensItLargeAndEscapeReturns) {
  chooseHeads(4);
  emit m_window->headsView()->tiles()[2]->clicked();
  EXPECT_TRUE(m_window->headsView()->showsLargeHead());
  EXPECT_EQ(m_window->headsView()->largePlot()->heatmap().title, QStringLiteral("head 3"));
  QTest::keyClick(m_window.get(), Qt::Key_Escape);
  EXPECT_FALSE(m_window->headsView()->showsLargeHead());
}

TEST_F(MainWindowTest, SwitchingToChineseTranslatesWithoutRestart) {
  ASSERT_TRUE(m_language.setLanguage(QStringLiteral("zh_CN")));
  QCoreApplication::processEvents();
  EXPECT_TRUE(m_window->windowTitle().startsWith(QStringLiteral("未命名课程")))
      << m_window->windowTitle().toStdString();
  m_language.setLanguage(QStringLiteral("en"));
  QCoreApplication::processEvents();
  EXPECT_TRUE(m_window->windowTitle().startsWith(QStringLiteral("Untitled lesson")));
}

// Issue 19, point 11: Qt's own words (dialog buttons, file dialogs) follow the language too; they
// come from Debian's qt6-translations-l10n, which scripts/setup.sh installs.
TEST_F(MainWindowTest, QtsOwnButtonsSpeakChinese) {
  ASSERT_TRUE(m_language.setLanguage(QStringLiteral("zh_CN")));
  EXPECT_EQ(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
  EXPECT_EQ(QCoreApplication::translate("QPlatformTheme", "Save"), QStringLiteral("保存"));
  m_language.setLanguage(QStringLiteral("en"));
  EXPECT_EQ(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

// Issue 19, point 16: Help ▸ Keyboard shortcuts lists every key the window answers, from the
// actions and shortcuts themselves.
TEST_F(MainWindowTest, KeyboardHelpListsEveryShortcut) {
  const QList<ShortcutEntry> entries = shortcutsOf(m_window.get());
  auto meaningOf = [&entries](const QKeySequence& keys) {
    for (const ShortcutEntry& entry : entries) {
      if (entry.keys == keys) return entry.meaning;
    }
    return QString();
  };
  EXPECT_EQ(meaningOf(QKeySequence(Qt::Key_F5)), QStringLiteral("Presentation mode"));
  EXPECT_EQ(meaningOf(QKeySequence(Qt::Key_F3)), QStringLiteral("Step through the computation"));
  EXPECT_EQ(meaningOf(QKeySequence(Qt::Key_Right)), QStringLiteral("Step through: next step"));
  EXPECT_EQ(meaningOf(QKeySequence(Qt::CTRL | Qt::Key_E)),
            QStringLiteral("Export figure (PNG, SVG, PDF)"));
  EXPECT_FALSE(meaningOf(QKeySequence(Qt::CTRL | Qt::Key_3)).isEmpty()) << "open head 3";
  EXPECT_FALSE(meaningOf(QKeySequence::Undo).isEmpty());
  int withKeys = 0;
  for (const QAction* action : m_window->findChildren<QAction*>()) {
    for (const QKeySequence& keys : action->shortcuts()) {
      EXPECT_FALSE(meaningOf(keys).isEmpty()) << keys.toString().toStdString();
      ++withKeys;
    }
  }
  EXPECT_GE(withKeys, 15);
  for (const ShortcutEntry& entry : entries) {
    EXPECT_FALSE(entry.meaning.contains(QLatin1Char('&'))) << entry.meaning.toStdString();
  }
}

TEST_F(MainWindowTest, TurningScalingOffShowsSoftmaxOfTheRawScores) {
  chooseHeads(4);
  Lesson parameters = document()->parameters();
  parameters.scaled = false;
  document()->change(parameters, QStringLiteral("scaling"));
  settle();
  const AttentionResult& result = *document()->result();
  EXPECT_EQ(result.trace->scoreDivisor, 1.0f);
  EXPECT_EQ(result.trace->scaled(0, 1, 1), result.trace->scores(0, 1, 1));
  EXPECT_EQ(m_window->headsView()->tiles().front()->heatmap().values[1],
            result.trace->weights(0, 0, 1));
}

TEST_F(MainWindowTest, RapidChangesEndOnTheLatestParameters) {
  for (int seed = 1; seed <= 30; ++seed) {
    Lesson parameters = document()->parameters();
    parameters.seed = std::uint64_t(seed);
    document()->change(parameters, QStringLiteral("seed"));
    if (seed % 7 == 0) document()->flushDebounce();
    QCoreApplication::processEvents();
  }
  settle();
  EXPECT_EQ(document()->result()->parameters.seed, 30u);
  AttentionEngine engine;
  const AttentionResult reference = computeAttention(document()->parameters(), engine);
  EXPECT_EQ(m_window->headsView()->tiles().front()->heatmap().values.front(),
            reference.trace->weights(0, 0, 0));
}

// The next run opens on the lesson the window closed with (weights seeded again), and a damaged
// saved entry opens the defaults instead of failing.
TEST_F(MainWindowTest, TheNextRunOpensOnTheLastLessonAndSurvivesADamagedOne) {
  Lesson lesson = document()->parameters();
  lesson.text = "注意力 is what the next run shows";
  lesson.heads = 4;
  lesson.seed = 12;
  lesson.mask = LessonMask::Custom;
  lesson.blockedCells = {{0, 2}, {1, 1}};
  document()->reset(lesson);
  SessionView view = document()->view();
  setViewColorMap(view, ColorMapName::Magma);
  view.automaticRange = true;
  document()->setView(view);
  settle();
  m_window->close();

  auto next = std::make_unique<MainWindow>(&m_language);
  EXPECT_EQ(next->document()->parameters(), lesson);
  EXPECT_EQ(viewColorMap(next->document()->view()), ColorMapName::Magma);
  EXPECT_TRUE(next->document()->view().automaticRange);
  next->close();
  next.reset();

  QSettings().setValue(QStringLiteral("lesson"), QByteArray("{\"format\": \"attnscope-session\""));
  const MainWindow defaults(&m_language);
  EXPECT_EQ(defaults.document()->parameters().heads, Lesson{}.heads);
  EXPECT_NE(defaults.document()->parameters().text, lesson.text);
}

}  // namespace
}  // namespace attnscope
