#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

class QWidget;

namespace attnscope {

// One line of Help ▸ Keyboard shortcuts: the keys and what they do.
struct ShortcutEntry {
  QKeySequence keys;
  QString meaning;
};

// Every shortcut under `window`, read from its actions and QShortcuts themselves (a QShortcut,
// or an action whose text changes, says what it does in its whatsThis), so the list cannot fall
// behind the code. One entry per key sequence, in menu order; actions' "&" mnemonics and "…"
// removed.
QList<ShortcutEntry> shortcutsOf(const QWidget* window);

// A dialog listing shortcutsOf(window), two columns, in the current language.
void showKeyboardHelp(QWidget* window);

}  // namespace attnscope
