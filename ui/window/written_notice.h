#pragma once

#include <QLabel>
#include <QString>
#include <QTimer>
#include <functional>

namespace attnscope {

// How a save or an export says it is done: `sentence` names what was written ("Saved
// “lesson.attnscope”") and `folder` is where it lies, for the link that opens it.
using WrittenNotice = std::function<void(const QString& sentence, const QString& folder)>;

// The status bar's confirmation of the last file written: the sentence and a link that opens the
// folder in the desktop's file manager. It clears itself after a while, so it never describes an
// old file as news. Its holder (the status bar) is shown only while it does.
class WrittenNoticeLabel : public QLabel {
  Q_OBJECT

 public:
  explicit WrittenNoticeLabel(QWidget* parent = nullptr);
  void announce(const QString& sentence, const QString& folder);
  // The folder the link opens (empty when nothing is shown).
  QString folder() const { return m_folder; }
  static constexpr int kShownMilliseconds = 30000;

 private:
  void showHolder(bool shown);

  QTimer m_clear;
  QString m_folder;
};

}  // namespace attnscope
