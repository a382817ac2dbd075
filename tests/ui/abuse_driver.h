#pragma once

#include <QDir>
#include <QString>
#include <functional>
#include <optional>
#include <random>
#include <vector>

#include "core/lesson.h"
#include "ui/window/lesson_actions.h"

class QLineEdit;
class QWidget;

namespace attnscope {

class Language;
class MainWindow;

namespace testing {

class WatchedApplication;

// Drives the real window with random but valid user actions (issue 7) and checks the window's
// state after each one. Actions are a table of named entries with weights: add a row to
// actions() to abuse a new part of the window. All randomness comes from one seeded generator,
// so a seed and a count replay the same run.
class AbuseDriver {
 public:
  AbuseDriver(MainWindow* window, Language* language, std::uint64_t seed, const QString& scratch);

  // Runs one randomly chosen action and waits until the window shows the result for the
  // parameters it left. Returns the action's description ("paste 10000 characters").
  QString step();
  // Checks the window against the document, if it shows the result of the current parameters;
  // records gtest failures naming `action`.
  void checkWindow(const QString& action);
  // Waits (up to minutes) for the result of the last parameters, then checks the window.
  void finish();
  // Actions whose result took longer than kResultTimeoutMilliseconds.
  int unfinishedActions() const { return m_unfinished; }
  // The longest wait for a result after an action, and that action.
  double longestWaitMilliseconds() const { return m_longestWait; }
  const QString& longestWaitAction() const { return m_longestWaitAction; }
  // Query tokens of the result shown now.
  int sequenceLength() const;

  struct Action {
    const char* name;
    int weight;
    std::function<QString()> run;  // returns details for the log, e.g. "2048"
  };

 private:
  // How long an action waits for its result. A 10,000-token text at d_model 2048 keeps the
  // worker busy for minutes and cannot be cancelled: the run goes on meanwhile, as a user would,
  // and the actions whose result did not come in time are counted and left unchecked.
  static constexpr int kResultTimeoutMilliseconds = 30'000;

  std::vector<Action> actions();
  bool waitForCurrentResult(bool flush, int timeoutMilliseconds);
  // Notes the parameters at the undo stack's index after an action.
  void rememberUndoState();

  // Helpers that act as a user would.
  int uniform(int low, int high);
  bool chance(double probability);
  void busy(const QString& what, const std::function<void()>& work);
  void focus(QWidget* widget);
  void typeText(QLineEdit* edit, const QString& text);
  void report(const QString& problem);
  QString chooseInCombo(QWidget* comboBox);
  QString setSpinBox(QWidget* spinBox, const std::vector<int>& favourites);

  // Actions (each returns its details).
  QString typeWords();
  QString typeNastyText();
  QString pasteLongText();
  QString pasteLongWord();
  QString deleteEverything();
  QString editWithKeys();
  QString toggleCrossAttention();
  QString typeKeyValueText();
  QString setModelWidth();
  QString chooseHeads();
  QString chooseMask();
  QString useAControl();
  QString paintMask();
  QString clearMask();
  QString newRandomWeights();
  QString focusHead();
  QString clickTileOrGoBack();
  QString hoverAndZoom();
  QString toggleAverage();
  QString switchTab();
  QString useStepThrough();
  QString undoOrRedo();
  QString undoThenRedo();
  QString switchTheme();
  QString switchLanguage();
  QString togglePresentation();
  QString resizeWindow();
  QString exportFigureFile();
  QString exportMatrices();
  QString copyFigureOrCommand();
  QString saveAndReopenLesson();
  QString openExample();

  MainWindow* m_window;
  Language* m_language;
  WatchedApplication* m_application;
  std::mt19937_64 m_random;
  QDir m_scratch;
  std::vector<Action> m_actions;
  int m_totalWeight = 0;
  int m_files = 0;
  bool m_problemReported = false;  // a failed export or save is shown until the next result
  int m_stepNumber = 0;
  double m_longestWait = 0;
  QString m_longestWaitAction;
  bool m_wasUndoOrRedo = false;
  bool m_resultShown = false;  // the last action's result arrived in time
  int m_unfinished = 0;
  // The parameters at each undo-stack index, where known, to check undo and redo against.
  std::vector<std::optional<Lesson>> m_undoStates;
  int m_undoIndex = 0;
  // How the driver last answered the question about unsaved changes; none when not asked.
  std::optional<LessonActions::UnsavedChoice> m_lastAnswer;
};

}  // namespace testing
}  // namespace attnscope
