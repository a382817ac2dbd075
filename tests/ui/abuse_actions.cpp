#include <gtest/gtest.h>

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHelpEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <QWheelEvent>

#include "core/limits.h"
#include "tests/ui/abuse_driver.h"
#include "tests/ui/abuse_text.h"
#include "ui/figure/figure_export.h"
#include "ui/figure/matrix_export.h"
#include "ui/model/attention_document.h"
#include "ui/model/examples.h"
#include "ui/window/controls_panel.h"
#include "ui/window/export_actions.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/language.h"
#include "ui/window/lesson_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/mask_editor.h"
#include "ui/window/sentence_input.h"
#include "ui/window/step_through_view.h"

// The actions of the abuse driver's table, each as a user performs it.
namespace attnscope::testing {
namespace {

// Matrix and trace exports write h × Lq × Lk floats several times: skip them above this, so a
// run never writes gigabytes to the scratch folder.
constexpr std::uint64_t kMaxExportedTraceBytes = std::uint64_t{64} << 20;

QString summary(const Lesson& p) {
  return QStringLiteral(
             "text %1 (%2 units) cross=%3 kv %4 d_model=%5 heads=%6 seed=%7 positional=%8 "
             "scaled=%9 mask=%10 padded=%11 cells=%12")
      .arg(printableText(QString::fromStdString(p.text)))
      .arg(p.text.size())
      .arg(p.crossAttention)
      .arg(printableText(QString::fromStdString(p.keyValueText)))
      .arg(p.modelWidth)
      .arg(p.heads)
      .arg(p.seed)
      .arg(p.positional)
      .arg(p.scaled)
      .arg(int(p.mask))
      .arg(p.paddedLength)
      .arg(p.blockedCells.size());
}

// What a widget is, for the log.
QString nameOf(const QWidget* widget) {
  QString text;
  if (auto* button = qobject_cast<const QAbstractButton*>(widget)) text = button->text();
  if (text.isEmpty()) text = widget->toolTip().left(30);
  return QStringLiteral("%1 %2").arg(QString::fromLatin1(widget->metaObject()->className()),
                                     printableText(text, 30));
}

template <typename Widget>
QList<Widget*> usable(QWidget* parent, QWidget* window) {
  QList<Widget*> found;
  for (Widget* widget : parent->findChildren<Widget*>()) {
    if (widget->isVisibleTo(window) && widget->isEnabled()) found.append(widget);
  }
  return found;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Actions on the sentence

QString AbuseDriver::typeWords() {
  QLineEdit* edit = m_window->sentenceInput()->sentenceEdit();
  focus(edit);
  QTest::keyClick(edit, chance(0.7) ? Qt::Key_End : Qt::Key_Home);
  const QString text = QLatin1Char(' ') + abuseText(AbuseText::Ascii, uniform(1, 40), m_random);
  typeText(edit, text);
  return printableText(text, 40);
}

QString AbuseDriver::typeNastyText() {
  static const AbuseText kinds[] = {
      AbuseText::Emoji,   AbuseText::RightToLeft, AbuseText::Chinese, AbuseText::Combining,
      AbuseText::Control, AbuseText::BrokenUtf16, AbuseText::Mixed};
  const AbuseText kind = kinds[uniform(0, int(std::size(kinds)) - 1)];
  QLineEdit* edit = m_window->sentenceInput()->sentenceEdit();
  focus(edit);
  if (chance(0.3)) {
    const int left = uniform(1, 10);
    for (int i = 0; i < left; ++i) QTest::keyClick(edit, Qt::Key_Left);
  }
  const QString text = abuseText(kind, uniform(1, 60), m_random);
  typeText(edit, text);
  return QStringLiteral("%1 %2").arg(abuseTextName(kind), printableText(text));
}

QString AbuseDriver::pasteLongText() {
  static const AbuseText kinds[] = {AbuseText::Mixed,   AbuseText::Mixed,    AbuseText::Ascii,
                                    AbuseText::Chinese, AbuseText::Emoji,    AbuseText::RightToLeft,
                                    AbuseText::Control, AbuseText::Combining};
  const AbuseText kind = kinds[uniform(0, int(std::size(kinds)) - 1)];
  const int length = chance(0.6) ? 10000 : uniform(1000, 10000);
  const QString text = abuseText(kind, length, m_random);
  QLineEdit* edit = m_window->sentenceInput()->sentenceEdit();
  busy(QStringLiteral("fill the clipboard"), [&] { QGuiApplication::clipboard()->setText(text); });
  focus(edit);
  const bool replace = chance(0.7);
  if (replace) QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
  QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
  return QStringLiteral("%1 characters of %2%3")
      .arg(text.size())
      .arg(abuseTextName(kind), replace ? QStringLiteral(", replacing") : QString());
}

QString AbuseDriver::pasteLongWord() {
  const QString word = longWord(uniform(500, 10000), m_random);
  QLineEdit* edit = m_window->sentenceInput()->sentenceEdit();
  busy(QStringLiteral("fill the clipboard"), [&] { QGuiApplication::clipboard()->setText(word); });
  focus(edit);
  QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
  QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
  return QStringLiteral("%1 units of %2").arg(word.size()).arg(printableText(word.left(2), 4));
}

QString AbuseDriver::deleteEverything() {
  QLineEdit* edit = chance(0.8) || !m_window->sentenceInput()->keyValueEdit()->isEnabled()
                        ? m_window->sentenceInput()->sentenceEdit()
                        : m_window->sentenceInput()->keyValueEdit();
  QString how;
  const QList<QToolButton*> clearButtons = usable<QToolButton>(edit, m_window);
  if (!clearButtons.isEmpty() && chance(0.3)) {
    QTest::mouseClick(clearButtons.front(), Qt::LeftButton);
    how = QStringLiteral("clear button");
  } else {
    focus(edit);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    const bool backspace = chance(0.5);
    QTest::keyClick(edit, backspace ? Qt::Key_Backspace : Qt::Key_Delete);
    how =
        backspace ? QStringLiteral("select all, Backspace") : QStringLiteral("select all, Delete");
  }
  EXPECT_TRUE(edit->text().isEmpty()) << how.toStdString();
  return how;
}

QString AbuseDriver::editWithKeys() {
  struct Key {
    Qt::Key key;
    Qt::KeyboardModifiers modifiers;
  };
  static const Key keys[] = {{Qt::Key_Left, Qt::NoModifier},
                             {Qt::Key_Right, Qt::NoModifier},
                             {Qt::Key_Home, Qt::NoModifier},
                             {Qt::Key_End, Qt::NoModifier},
                             {Qt::Key_Backspace, Qt::NoModifier},
                             {Qt::Key_Delete, Qt::NoModifier},
                             {Qt::Key_Left, Qt::ShiftModifier},
                             {Qt::Key_Right, Qt::ShiftModifier},
                             {Qt::Key_Home, Qt::ShiftModifier},
                             {Qt::Key_End, Qt::ShiftModifier},
                             {Qt::Key_Left, Qt::ControlModifier},
                             {Qt::Key_Right, Qt::ControlModifier},
                             {Qt::Key_Backspace, Qt::ControlModifier},
                             {Qt::Key_Z, Qt::ControlModifier},
                             {Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier},
                             {Qt::Key_X, Qt::ControlModifier},
                             {Qt::Key_C, Qt::ControlModifier},
                             {Qt::Key_V, Qt::ControlModifier},
                             {Qt::Key_Return, Qt::NoModifier}};
  QLineEdit* edit = m_window->sentenceInput()->sentenceEdit();
  focus(edit);
  const int presses = uniform(1, 12);
  QStringList names;
  for (int i = 0; i < presses; ++i) {
    const Key& key = keys[uniform(0, int(std::size(keys)) - 1)];
    QTest::keyClick(edit, key.key, key.modifiers);
    names << QKeySequence(key.key | key.modifiers).toString();
  }
  return names.join(QLatin1Char(' '));
}

QString AbuseDriver::toggleCrossAttention() {
  QCheckBox* box = m_window->sentenceInput()->crossAttentionBox();
  const bool before = box->isChecked();
  QTest::keyClick(box, Qt::Key_Space);
  EXPECT_NE(box->isChecked(), before) << "Space did not toggle cross-attention";
  return box->isChecked() ? QStringLiteral("on") : QStringLiteral("off");
}

QString AbuseDriver::typeKeyValueText() {
  QString prefix;
  if (!m_window->sentenceInput()->keyValueEdit()->isEnabled())
    prefix = toggleCrossAttention() + QStringLiteral(", ");
  QLineEdit* edit = m_window->sentenceInput()->keyValueEdit();
  focus(edit);
  if (chance(0.5)) QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
  const auto kind = AbuseText(uniform(0, int(AbuseText::Mixed)));
  const QString text = abuseText(kind, chance(0.1) ? 2000 : uniform(1, 40), m_random);
  typeText(edit, text);
  return prefix + QStringLiteral("%1 %2").arg(abuseTextName(kind), printableText(text));
}

// ---------------------------------------------------------------------------------------------
// Actions on the controls

QString AbuseDriver::setModelWidth() {
  // The extremes, numbers with many divisors (many head choices), primes (only 1 and d_model).
  const QString how = setSpinBox(m_window->controls()->modelWidthBox(),
                                 {1, 2, 7, 64, 96, 512, 720, 960, 1680, 2040, 2047, 2048});
  return how + QStringLiteral(", heads %1").arg(m_window->document()->parameters().heads);
}

QString AbuseDriver::chooseHeads() {
  const QString how = chooseInCombo(m_window->controls()->headsBox());
  return how + QStringLiteral(" → %1 heads").arg(m_window->document()->parameters().heads);
}

QString AbuseDriver::chooseMask() {
  const QString how = chooseInCombo(m_window->controls()->maskBox());
  return how + QStringLiteral(" → mask %1").arg(int(m_window->document()->parameters().mask));
}

QString AbuseDriver::useAControl() {
  // Any check box, combo box, spin box or button the controls show now: new controls are
  // abused without a change here.
  QList<QWidget*> widgets;
  ControlsPanel* controls = m_window->controls();
  for (QWidget* w : usable<QCheckBox>(controls, m_window)) widgets << w;
  for (QWidget* w : usable<QComboBox>(controls, m_window)) widgets << w;
  for (QWidget* w : usable<QSpinBox>(controls, m_window)) widgets << w;
  for (QWidget* w : usable<QPushButton>(controls, m_window)) widgets << w;
  if (widgets.isEmpty()) return QStringLiteral("no control");
  QWidget* widget = widgets[uniform(0, int(widgets.size()) - 1)];
  const QString name = nameOf(widget);
  if (auto* box = qobject_cast<QCheckBox*>(widget)) {
    const bool before = box->isChecked();
    QTest::keyClick(box, Qt::Key_Space);
    EXPECT_NE(box->isChecked(), before) << name.toStdString();
    return name;
  }
  if (qobject_cast<QComboBox*>(widget)) return name + QStringLiteral(": ") + chooseInCombo(widget);
  if (qobject_cast<QSpinBox*>(widget)) return name + QStringLiteral(": ") + setSpinBox(widget, {});
  QTest::mouseClick(widget, Qt::LeftButton);
  return name + QStringLiteral(": clicked");
}

QString AbuseDriver::paintMask() {
  QString prefix;
  if (m_window->document()->parameters().mask != LessonMask::Custom) {
    QComboBox* box = m_window->controls()->maskBox();
    focus(box);
    busy(QStringLiteral("choose the custom mask"), [box] {
      box->setCurrentIndex(int(LessonMask::Custom));
      emit box->activated(int(LessonMask::Custom));
    });
    if (!waitForCurrentResult(true, kResultTimeoutMilliseconds)) return QStringLiteral("no result");
    prefix = QStringLiteral("custom mask chosen, ");
  }
  HeatmapPlot* plot = m_window->controls()->maskEditor()->plot();
  if (!plot->isVisibleTo(m_window) || plot->heatmap().rows == 0)
    return prefix + QStringLiteral("no grid shown");
  // Random points until one is on a cell: cells of long sentences are smaller than a pixel.
  auto randomCellPoint = [&]() -> std::optional<QPoint> {
    for (int attempt = 0; attempt < 50; ++attempt) {
      const QPoint point(uniform(0, plot->width() - 1), uniform(0, plot->height() - 1));
      if (plot->cellAt(point)) return point;
    }
    return std::nullopt;
  };
  const std::optional<QPoint> start = randomCellPoint();
  if (!start) return prefix + QStringLiteral("no cell found");
  const QPoint first = *plot->cellAt(*start);
  const bool wasBlocked =
      m_window->document()->parameters().blockedCells.contains({first.y(), first.x()});
  QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, *start);
  const int moves = uniform(0, 8);
  QPoint last = *start;
  for (int i = 0; i < moves; ++i) {
    if (const auto point = randomCellPoint()) last = *point;
    QMouseEvent move(QEvent::MouseMove, QPointF(last), plot->mapToGlobal(QPointF(last)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &move);
  }
  QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, last);
  const bool isBlocked =
      m_window->document()->parameters().blockedCells.contains({first.y(), first.x()});
  EXPECT_NE(isBlocked, wasBlocked)
      << "pressing cell (" << first.y() << ", " << first.x() << ") did not toggle it";
  return prefix + QStringLiteral("stroke from (%1, %2) over %3 moves, %4 cells blocked")
                      .arg(first.y())
                      .arg(first.x())
                      .arg(moves)
                      .arg(m_window->document()->parameters().blockedCells.size());
}

QString AbuseDriver::clearMask() {
  if (m_window->document()->parameters().mask != LessonMask::Custom)
    return QStringLiteral("not a custom mask");
  // The button under the mask grid, in the same group.
  const QList<QPushButton*> buttons =
      usable<QPushButton>(m_window->controls()->maskEditor()->parentWidget(), m_window);
  if (buttons.isEmpty()) return QStringLiteral("no button");
  QTest::mouseClick(buttons.front(), Qt::LeftButton);
  EXPECT_TRUE(m_window->document()->parameters().blockedCells.empty());
  return nameOf(buttons.front());
}

QString AbuseDriver::newRandomWeights() {
  const std::uint64_t before = m_window->document()->parameters().seed;
  QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier);  // Edit ▸ New random weights
  // The new seed comes from QRandomGenerator::global(), the one thing a replay does not repeat.
  EXPECT_NE(m_window->document()->parameters().seed, before) << "Ctrl+R did not change the seed";
  return QStringLiteral("seed %1").arg(m_window->document()->parameters().seed);
}

// ---------------------------------------------------------------------------------------------
// Actions on the views

QString AbuseDriver::focusHead() {
  const int head = uniform(0, 8);
  QTest::keyClick(m_window, Qt::Key(Qt::Key_1 + head), Qt::ControlModifier);
  EXPECT_EQ(m_window->document()->view().focusedHead, head) << "Ctrl+" << head + 1;
  return QStringLiteral("Ctrl+%1").arg(head + 1);
}

QString AbuseDriver::clickTileOrGoBack() {
  HeadsView* heads = m_window->headsView();
  if (heads->showsLargeHead() || m_window->tabs()->currentWidget() != heads) {
    if (chance(0.5)) {
      QTest::keyClick(m_window, Qt::Key_Escape);
      EXPECT_EQ(m_window->document()->view().focusedHead, std::nullopt) << "Escape";
      return QStringLiteral("Escape");
    }
    const QList<QPushButton*> buttons = usable<QPushButton>(heads, m_window);
    if (buttons.isEmpty()) return QStringLiteral("no back button");
    QTest::mouseClick(buttons.front(), Qt::LeftButton);
    return nameOf(buttons.front());
  }
  const QList<HeatmapPlot*> tiles = heads->tiles();
  if (tiles.isEmpty()) return QStringLiteral("no tiles");
  const int index = uniform(0, int(tiles.size()) - 1);
  HeatmapPlot* tile = tiles[index];
  QTest::mouseClick(tile, Qt::LeftButton, Qt::NoModifier,
                    QPoint(uniform(0, tile->width() - 1), uniform(0, tile->height() - 1)));
  if (!m_window->document()->view().averageOfHeads) {
    EXPECT_EQ(m_window->document()->view().focusedHead, index) << "clicking tile " << index;
  }
  return QStringLiteral("tile %1").arg(index + 1);
}

QString AbuseDriver::hoverAndZoom() {
  HeadsView* heads = m_window->headsView();
  QList<HeatmapPlot*> plots =
      heads->showsLargeHead() ? QList<HeatmapPlot*>{heads->largePlot()} : heads->tiles();
  if (plots.isEmpty()) return QStringLiteral("no plot");
  HeatmapPlot* plot = plots[uniform(0, int(plots.size()) - 1)];
  const QPoint point(uniform(0, plot->width() - 1), uniform(0, plot->height() - 1));
  QTest::mouseMove(plot, point);
  QHelpEvent tip(QEvent::ToolTip, point, plot->mapToGlobal(point));
  QCoreApplication::sendEvent(plot, &tip);
  if (!heads->showsLargeHead()) return QStringLiteral("hover a tile");
  const int notches = uniform(-6, 6);
  QWheelEvent wheel(QPointF(point), plot->mapToGlobal(QPointF(point)), QPoint(),
                    QPoint(0, 120 * notches), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                    false);
  QCoreApplication::sendEvent(plot, &wheel);
  if (chance(0.3)) QTest::mouseDClick(plot, Qt::LeftButton, Qt::NoModifier, point);
  return QStringLiteral("hover and zoom %1 notches").arg(notches);
}

QString AbuseDriver::toggleAverage() {
  const bool before = m_window->document()->view().averageOfHeads;
  QTest::keyClick(m_window, Qt::Key_M, Qt::ControlModifier);
  EXPECT_NE(m_window->document()->view().averageOfHeads, before) << "Ctrl+M";
  return m_window->document()->view().averageOfHeads ? QStringLiteral("on") : QStringLiteral("off");
}

QString AbuseDriver::switchTab() {
  const int tab = uniform(0, 1);
  if (chance(0.5)) {
    QTest::keyClick(m_window, tab == 0 ? Qt::Key_F2 : Qt::Key_F3);
  } else {
    QTabBar* bar = m_window->tabs()->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, Qt::NoModifier, bar->tabRect(tab).center());
  }
  EXPECT_EQ(m_window->tabs()->currentIndex(), tab);
  return tab == 0 ? QStringLiteral("heads") : QStringLiteral("step through");
}

QString AbuseDriver::useStepThrough() {
  StepThroughView* view = m_window->stepThrough();
  if (m_window->tabs()->currentWidget() != view && chance(0.7))
    QTest::keyClick(m_window, Qt::Key_F3);
  switch (uniform(0, 3)) {
    case 0: {
      const QList<QPushButton*> buttons = usable<QPushButton>(view, m_window);
      if (buttons.isEmpty()) return QStringLiteral("no button");
      QPushButton* button = buttons[uniform(0, int(buttons.size()) - 1)];
      QTest::mouseClick(button, Qt::LeftButton);
      return nameOf(button);
    }
    case 1: {
      auto* list = view->findChild<QListWidget*>();
      if (!list) return QStringLiteral("no step list");
      static const Qt::Key keys[] = {Qt::Key_Up, Qt::Key_Down, Qt::Key_Home, Qt::Key_End,
                                     Qt::Key_PageDown};
      const Qt::Key key = keys[uniform(0, int(std::size(keys)) - 1)];
      focus(list);
      QTest::keyClick(list, key);
      EXPECT_EQ(list->currentRow(), int(view->step())) << "the step list and the view disagree";
      return QStringLiteral("step list %1 → step %2")
          .arg(QKeySequence(key).toString())
          .arg(int(view->step()));
    }
    case 2: {
      auto* head = view->findChild<QSpinBox*>();
      if (!head) return QStringLiteral("no head box");
      return QStringLiteral("head ") + setSpinBox(head, {});
    }
    default: {
      const QList<HeatmapPlot*> panels = view->panels();
      if (panels.isEmpty()) return QStringLiteral("no panels");
      HeatmapPlot* panel = panels[uniform(0, int(panels.size()) - 1)];
      const QPoint point(uniform(0, panel->width() - 1), uniform(0, panel->height() - 1));
      QTest::mouseClick(panel, Qt::LeftButton, Qt::NoModifier, point);
      return QStringLiteral("click a panel at (%1, %2)").arg(point.x()).arg(point.y());
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Undo and redo, through the Edit menu's actions (found by their standard shortcuts)

namespace {

QAction* actionWithShortcut(QWidget* window, const QKeySequence& shortcut) {
  for (QAction* action : window->findChildren<QAction*>()) {
    if (action->shortcuts().contains(shortcut)) return action;
  }
  return nullptr;
}

}  // namespace

QString AbuseDriver::undoOrRedo() {
  const bool undo = chance(0.6);
  QAction* action = actionWithShortcut(m_window, undo ? QKeySequence::Undo : QKeySequence::Redo);
  if (!action) {
    ADD_FAILURE() << "no Edit ▸ Undo/Redo action";
    return {};
  }
  if (!action->isEnabled())
    return undo ? QStringLiteral("nothing to undo") : QStringLiteral("nothing to redo");
  const QString what = action->text();
  busy(undo ? QStringLiteral("Edit ▸ Undo") : QStringLiteral("Edit ▸ Redo"),
       [action] { action->trigger(); });
  m_wasUndoOrRedo = true;
  const auto index = std::size_t(m_window->document()->undoStack()->index());
  if (index < m_undoStates.size() && m_undoStates[index]) {
    EXPECT_TRUE(m_window->document()->parameters() == *m_undoStates[index])
        << (undo ? "undo" : "redo") << " to index " << index << " gave "
        << summary(m_window->document()->parameters()).toStdString() << ", expected "
        << summary(*m_undoStates[index]).toStdString();
  }
  return QStringLiteral("%1 to index %2").arg(what).arg(index);
}

QString AbuseDriver::undoThenRedo() {
  QUndoStack* stack = m_window->document()->undoStack();
  if (!stack->canUndo()) return QStringLiteral("nothing to undo");
  const Lesson before = m_window->document()->parameters();
  QAction* undo = actionWithShortcut(m_window, QKeySequence::Undo);
  QAction* redo = actionWithShortcut(m_window, QKeySequence::Redo);
  busy(QStringLiteral("Edit ▸ Undo"), [undo] { undo->trigger(); });
  QCoreApplication::processEvents();
  busy(QStringLiteral("Edit ▸ Redo"), [redo] { redo->trigger(); });
  m_wasUndoOrRedo = true;
  EXPECT_TRUE(m_window->document()->parameters() == before)
      << "undo then redo gave " << summary(m_window->document()->parameters()).toStdString()
      << ", expected " << summary(before).toStdString();
  return QStringLiteral("at index %1").arg(stack->index());
}

// ---------------------------------------------------------------------------------------------
// Window-wide actions

QString AbuseDriver::switchTheme() {
  const auto theme = Theme(uniform(0, 2));
  busy(QStringLiteral("View ▸ Theme"), [this, theme] { m_window->setTheme(theme); });
  return QStringLiteral("theme %1").arg(int(theme));
}

QString AbuseDriver::switchLanguage() {
  const bool chinese = chance(0.5);
  const QString text = chinese ? QStringLiteral("简体中文") : QStringLiteral("English");
  QAction* found = nullptr;
  for (QAction* action : m_window->findChildren<QAction*>()) {
    if (action->text() == text) found = action;
  }
  if (!found) {
    ADD_FAILURE() << "no View ▸ Language ▸ " << text.toStdString();
    return {};
  }
  busy(QStringLiteral("View ▸ Language"), [found] { found->trigger(); });
  EXPECT_EQ(m_language->language(), chinese ? QStringLiteral("zh_CN") : QStringLiteral("en"));
  return text;
}

QString AbuseDriver::togglePresentation() {
  const bool before = m_window->presentationMode();
  QTest::keyClick(m_window, Qt::Key_F5);
  EXPECT_NE(m_window->presentationMode(), before) << "F5";
  return m_window->presentationMode() ? QStringLiteral("on") : QStringLiteral("off");
}

QString AbuseDriver::resizeWindow() {
  static const QSize sizes[] = {{320, 240},   {640, 480},   {1280, 860},
                                {1920, 1080}, {2560, 1600}, {200, 900}};
  const QSize size = chance(0.5) ? sizes[uniform(0, int(std::size(sizes)) - 1)]
                                 : QSize(uniform(200, 2560), uniform(150, 1600));
  busy(QStringLiteral("resize the window"), [this, size] { m_window->resize(size); });
  return QStringLiteral("%1 × %2").arg(size.width()).arg(size.height());
}

// ---------------------------------------------------------------------------------------------
// Files: exports and lessons, through the functions File ▸ Export… and Save call once their
// dialog has a path (a test cannot answer a modal dialog)

QString AbuseDriver::exportFigureFile() {
  const auto result = m_window->document()->lastGoodResult();
  if (!result) return QStringLiteral("nothing to export");
  static const char* extensions[] = {"png", "svg", "pdf", "PNG"};
  const QString path = m_scratch.filePath(
      QStringLiteral("figure-%1.%2").arg(++m_files).arg(QLatin1String(extensions[uniform(0, 3)])));
  // The request File ▸ Export figure builds from the view.
  FigureRequest request;
  request.result = result;
  const SessionView& view = m_window->document()->view();
  request.heads = view.averageOfHeads ? HeadChoice::mean()
                  : view.focusedHead  ? HeadChoice::one(*view.focusedHead)
                                      : HeadChoice::all();
  request.colorMap = viewColorMap(view);
  request.style = FigureStyle(uniform(0, 2));
  request.metadata.text = QString::fromStdString(result->parameters.text);
  request.metadata.command = m_window->exportActions()->exportCommand();
  QString problem;
  busy(QStringLiteral("export a figure"), [&] { problem = exportFigure(request, path); });
  const QFileInfo file(path);
  if (problem.isEmpty()) {
    EXPECT_TRUE(file.exists() && file.size() > 0) << path.toStdString();
  } else {
    EXPECT_FALSE(file.exists()) << "a failed export left " << path.toStdString();
    report(problem);
  }
  QFile::remove(path);
  return QStringLiteral("%1 heads %2: %3")
      .arg(file.fileName(), headChoiceKey(request.heads),
           problem.isEmpty() ? QStringLiteral("written") : problem);
}

QString AbuseDriver::exportMatrices() {
  const auto result = m_window->document()->lastGoodResult();
  if (!result) return QStringLiteral("nothing to export");
  const AttentionTrace& trace = *result->trace;
  if (fullTraceBytes(trace.heads, trace.queryLength(), trace.keyLength()) >
      kMaxExportedTraceBytes) {
    return QStringLiteral("skipped: %1 × %2 × %3 is more than this test writes")
        .arg(trace.heads)
        .arg(trace.queryLength())
        .arg(trace.keyLength());
  }
  QString problem;
  QString what;
  if (chance(0.5)) {
    const QString folder = m_scratch.filePath(QStringLiteral("trace-%1").arg(++m_files));
    busy(QStringLiteral("export the trace"), [&] { problem = exportTrace(*result, folder); });
    if (problem.isEmpty()) {
      EXPECT_TRUE(QFileInfo::exists(folder + QStringLiteral("/weights.npy")))
          << folder.toStdString();
    }
    QDir(folder).removeRecursively();
    what = QStringLiteral("whole trace");
  } else {
    const auto stage = ScoreStage(uniform(0, 3));
    const bool csv = chance(0.5);
    const int heads = trace.heads;
    const HeadChoice choice = chance(0.3)           ? HeadChoice::mean()
                              : chance(0.3) && !csv ? HeadChoice::all()
                                                    : HeadChoice::one(uniform(0, heads - 1));
    const QString path =
        m_scratch.filePath(QStringLiteral("matrix-%1.%2").arg(++m_files).arg(csv ? "csv" : "npy"));
    busy(QStringLiteral("export a matrix"),
         [&] { problem = exportMatrix(*result, stage, choice, path); });
    if (problem.isEmpty()) {
      EXPECT_TRUE(QFileInfo(path).size() > 0) << path.toStdString();
    }
    QFile::remove(path);
    what = QStringLiteral("%1 of heads %2 as %3")
               .arg(scoreStageKey(stage), headChoiceKey(choice),
                    csv ? QStringLiteral("CSV") : QStringLiteral("npy"));
  }
  report(problem);
  return what + (problem.isEmpty() ? QString() : QStringLiteral(": ") + problem);
}

QString AbuseDriver::copyFigureOrCommand() {
  QClipboard* clipboard = QGuiApplication::clipboard();
  busy(QStringLiteral("clear the clipboard"), [clipboard] { clipboard->clear(); });
  if (chance(0.5)) {
    QTest::keyClick(m_window, Qt::Key_C,
                    Qt::ControlModifier | Qt::ShiftModifier);  // File ▸ Copy figure
    const auto result = m_window->document()->lastGoodResult();
    if (result && result->ok()) {
      EXPECT_FALSE(clipboard->image().isNull()) << "Ctrl+Shift+C";
    } else if (result) {  // pooled: no figure, and the window says why
      EXPECT_TRUE(clipboard->image().isNull()) << "Ctrl+Shift+C";
      EXPECT_FALSE(m_window->message().isEmpty()) << "Ctrl+Shift+C";
    }
    return QStringLiteral("figure");
  }
  QString command;
  busy(QStringLiteral("File ▸ Copy as command"), [&] {
    command = m_window->exportActions()->exportCommand();
    clipboard->setText(command);
  });
  EXPECT_TRUE(command.startsWith(QStringLiteral("attnscope export"))) << command.toStdString();
  return QStringLiteral("command of %1 characters").arg(command.size());
}

QString AbuseDriver::saveAndReopenLesson() {
  const QString path = m_scratch.filePath(QStringLiteral("lesson-%1.attnscope").arg(++m_files));
  LessonActions* files = m_window->lessonActions();
  QString problem;
  busy(QStringLiteral("File ▸ Save lesson"), [&] { problem = files->saveSession(path); });
  if (!problem.isEmpty()) {
    report(problem);
    return QStringLiteral("not saved: ") + problem;
  }
  Lesson expected = m_window->document()->parameters();
  busy(QStringLiteral("File ▸ Open lesson"), [&] { problem = files->openSession(path); });
  EXPECT_TRUE(problem.isEmpty()) << "reopening a saved lesson: " << problem.toStdString();
  report(problem);
  EXPECT_TRUE(m_window->document()->parameters() == expected)
      << "the reopened lesson has " << summary(m_window->document()->parameters()).toStdString()
      << ", saved was " << summary(expected).toStdString();
  QFile::remove(path);
  return QStringLiteral("%1 bytes").arg(QFileInfo(path).size());
}

QString AbuseDriver::openExample() {
  const QList<ExampleSession> examples = exampleSessions();
  if (examples.isEmpty()) return QStringLiteral("no examples");
  const int index = uniform(0, int(examples.size()) - 1);
  // File ▸ Examples: the submenu's actions, in the order exampleSessions() lists them.
  QMenu* menu = nullptr;
  for (QMenu* candidate : m_window->findChildren<QMenu*>()) {
    if (candidate->title() == LessonActions::tr("E&xamples")) menu = candidate;
  }
  if (!menu || menu->actions().size() != examples.size()) {
    ADD_FAILURE() << "File ▸ Examples not found";
    return {};
  }
  QAction* action = menu->actions()[index];
  AttentionDocument* document = m_window->document();
  const int undoIndex = document->undoStack()->index();
  m_lastAnswer.reset();
  busy(QStringLiteral("File ▸ Examples"), [action] { action->trigger(); });
  using Choice = LessonActions::UnsavedChoice;
  if (document->undoStack()->index() != undoIndex + 1) {
    // Only staying, or a save that failed (and says why), keeps the lesson.
    EXPECT_TRUE(m_lastAnswer == Choice::Cancel ||
                (m_lastAnswer == Choice::Save && !m_window->message().isEmpty()))
        << "File ▸ Examples opened nothing";
    EXPECT_EQ(document->undoStack()->index(), undoIndex);
    return examples[index].resourcePath + QStringLiteral(" (not opened: unsaved changes kept)");
  }
  // Saving first adds nothing to the history: the example is one undo step on top of it.
  EXPECT_EQ(document->origin().name, action->text());
  EXPECT_FALSE(document->isModified()) << "a freshly opened example has nothing unsaved";
  return examples[index].resourcePath;
}

}  // namespace attnscope::testing
