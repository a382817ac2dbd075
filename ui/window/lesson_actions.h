#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "core/lesson_weights.h"
#include "core/session_file.h"

class QAction;
class QMenu;
class QWidget;

namespace attnscope {

class AttentionDocument;

// File ▸ Open, Examples, Recent, Load weights, Save: everything that brings a lesson or weights
// into the window or keeps the lesson in a file. Problems are reported through `report` (shown
// in place above the heads), and a file that cannot be opened leaves the state as it was.
class LessonActions : public QObject {
  Q_OBJECT

 public:
  LessonActions(AttentionDocument* document, QWidget* window, std::function<void(QString)> report);
  void fillMenu(QMenu* menu);
  void retranslate();

  // Opens a lesson file; returns an empty string or the problem.
  [[nodiscard]] QString openSession(const QString& path);
  // Saves the state; loaded weights as their path, or as the file's bytes when "Embed weights in
  // the lesson" is checked.
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
  QString currentPath() const { return m_path; }

 signals:
  // Weights to run from now on: loaded ones, or the seeded ones again (File ▸ Use random weights).
  void weightsChosen(const LessonWeights& weights);

 private:
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();

  AttentionDocument* m_document;
  QWidget* m_window;
  std::function<void(QString)> m_report;
  QString m_path;
  QMenu* m_examples = nullptr;
  QMenu* m_recent = nullptr;
  QAction *m_open = nullptr, *m_save = nullptr, *m_saveAs = nullptr;
  QAction *m_loadWeights = nullptr, *m_randomWeights = nullptr, *m_embedWeights = nullptr;
};

}  // namespace attnscope
