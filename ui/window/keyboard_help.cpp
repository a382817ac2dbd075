#include "ui/window/keyboard_help.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QWidget>

namespace attnscope {

// Gives these free functions tr(), under a context lupdate sees.
class KeyboardHelp {
  Q_DECLARE_TR_FUNCTIONS(attnscope::KeyboardHelp)
};

namespace {

// "&Export figure…" → "Export figure"; "&&" is a literal ampersand.
QString plainText(QString text) {
  text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
  text.remove(QLatin1Char('&'));
  text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
  if (text.endsWith(QChar(0x2026))) text.chop(1);
  return text;
}

}  // namespace

QList<ShortcutEntry> shortcutsOf(const QWidget* window) {
  QList<ShortcutEntry> entries;
  auto add = [&entries](const QKeySequence& keys, const QString& meaning) {
    if (keys.isEmpty() || meaning.isEmpty()) return;
    for (const ShortcutEntry& entry : entries) {
      if (entry.keys == keys) return;
    }
    entries.append({keys, meaning});
  };
  for (const QAction* action : window->findChildren<QAction*>()) {
    // An action whose text changes (Undo names the change) says what it does in whatsThis.
    const QString meaning =
        action->whatsThis().isEmpty() ? plainText(action->text()) : action->whatsThis();
    for (const QKeySequence& keys : action->shortcuts()) add(keys, meaning);
  }
  for (const QShortcut* shortcut : window->findChildren<QShortcut*>()) {
    for (const QKeySequence& keys : shortcut->keys()) add(keys, shortcut->whatsThis());
  }
  return entries;
}

void showKeyboardHelp(QWidget* window) {
  const QList<ShortcutEntry> entries = shortcutsOf(window);
  QDialog dialog(window);
  dialog.setWindowTitle(KeyboardHelp::tr("Keyboard shortcuts"));
  auto* table = new QTableWidget(int(entries.size()), 2, &dialog);
  table->setHorizontalHeaderLabels({KeyboardHelp::tr("Keys"), KeyboardHelp::tr("Does")});
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(QAbstractItemView::NoSelection);
  for (int row = 0; row < entries.size(); ++row) {
    table->setItem(row, 0,
                   new QTableWidgetItem(entries[row].keys.toString(QKeySequence::NativeText)));
    table->setItem(row, 1, new QTableWidgetItem(entries[row].meaning));
  }
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(table);
  layout->addWidget(buttons);
  dialog.resize(520, 80 + table->rowHeight(0) * int(entries.size() + 1));
  dialog.exec();
}

}  // namespace attnscope
