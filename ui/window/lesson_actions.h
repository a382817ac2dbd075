#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "core/lesson_weights.h"
#include "core/session_file.h"
#include "ui/window/written_notice.h"

class QAction;
class QMenu;
class QWidget;

namespace attnscope {

class AttentionDocument;

// File ▸ New, Open, Examples, Recent, Load weights, Save: everything that brings a lesson or
// weights into the window or keeps the lesson in a file. Problems are reported through `report`
// (shown in place above the heads), a saved file through `written` (the status bar), and a file
// that cannot be opened leaves the state as it was. A lesson with unsaved changes is set aside
// only after asking (Save / Discard / Cancel), and the lesson that replaces it is one undo step.
class LessonActions : public QObject {
  Q_OBJECT

 public:
  enum class UnsavedChoice { Save, Discard, Cancel };
  // Asked before unsaved changes to the lesson named `lessonName` are set aside.
  using UnsavedChangesQuestion = std::function<UnsavedChoice(const QString& lessonName)>;

  LessonActions(AttentionDocument* document, QWidget* window, std::function<void(QString)> report,
                WrittenNotice written);
  void fillMenu(QMenu* menu);
  void retranslate();

  // The lesson's name as the title shows it: its file's, an example's, or "Untitled lesson".
  QString lessonName() const;
  // Replaces the message box that asks about unsaved changes: tests and the abuse driver answer
  // themselves, since a modal box would wait for a click.
  void setUnsavedChangesQuestion(UnsavedChangesQuestion question);
  // Called before the lesson is set aside (New, Open, Examples, Recent, Quit): true when nothing
  // is unsaved, the changes were saved, or the user discards them; false when the user stays,
  // or saving failed or found no file name.
  [[nodiscard]] bool maySetAside();

  // Opens a lesson file as one undo step, without asking; returns an empty string or the problem.
  [[nodiscard]] QString openSession(const QString& path);
  // Saves the state; loaded weights as their path, or as the file's bytes when "Embed weights in
  // the lesson" is checked. The lesson then has nothing unsaved, and takes the file's name.
  [[nodiscard]] QString saveSession(const QString& path);
  // Opens a state given without a file (`attnscope --text ...`); returns an empty string or
  // the problem.
  [[nodiscard]] QString openState(const Session& session);
  // Reads a .safetensors file (layout from its keys) and emits weightsChosen; returns an empty
  // string or the problem, and then the state is unchanged.
  [[nodiscard]] QString loadWeights(const QString& path);
  QAction* embedWeightsAction() const { return m_embedWeights; }
  QAction* randomWeightsAction() const { return m_randomWeights; }
  // The lesson file the state came from or was saved to; empty for an unsaved lesson.
  QString currentPath() const;

 signals:
  // Weights to run from now on: loaded ones, or the seeded ones again (File ▸ Use random weights).
  void weightsChosen(const LessonWeights& weights);

 private:
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  // File ▸ Save and Save as; false when no file was written.
  bool save();
  bool saveAs();
  UnsavedChoice askAboutUnsavedChanges(const QString& lessonName) const;

  AttentionDocument* m_document;
  QWidget* m_window;
  std::function<void(QString)> m_report;
  WrittenNotice m_written;
  UnsavedChangesQuestion m_askAboutUnsavedChanges;
  QMenu* m_examples = nullptr;
  QMenu* m_recent = nullptr;
  QAction *m_new = nullptr, *m_open = nullptr, *m_save = nullptr, *m_saveAs = nullptr;
  QAction *m_loadWeights = nullptr, *m_randomWeights = nullptr, *m_embedWeights = nullptr;
};

}  // namespace attnscope
