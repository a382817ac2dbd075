#pragma once

#include <QObject>
#include <QTimer>
#include <QUndoStack>
#include <memory>

#include "core/lesson.h"
#include "core/lesson_view.h"
#include "ui/model/attention_result.h"
#include "ui/model/attention_worker.h"

namespace attnscope {

// The one object that owns the current state and tells the widgets when it changes (as Tiled's
// MapDocument does). Parameter changes go through the undo stack; each change restarts a short
// debounce, after which the worker recomputes off the GUI thread.
class AttentionDocument : public QObject {
  Q_OBJECT

 public:
  // Consecutive changes with the same merge key (typing in one box, one drag of a slider or
  // one stroke of mask painting) become a single undo step.
  enum class MergeKey {
    None = -1,
    Text = 1,
    KeyValueText,
    ModelWidth,
    Seed,
    PaddedLength,
    MaskPaint
  };

  explicit AttentionDocument(QObject* parent = nullptr);

  // Where the lesson came from: the file it was opened from or last saved to (empty when it has
  // none), the name the title shows (that file's name or an example's title; empty for a new
  // lesson) and the parameters that file holds, against which unsaved changes are judged.
  struct Origin {
    QString path;
    QString name;
    Lesson saved;
  };

  // The lesson a new window or File ▸ New starts from.
  static Lesson newLesson();
  // And how it is shown: on the automatic colour range, because a new lesson's random weights
  // give rows close to uniform (1/L each), which the fixed 0–1 scale draws as identical dark
  // squares; one range shared by the heads, printed on the colour bar, keeps them comparable.
  static SessionView newView();

  const Lesson& parameters() const { return m_parameters; }
  // Records the change on the undo stack (no-op if nothing changed) and schedules a recompute.
  void change(const Lesson& parameters, const QString& description,
              MergeKey merge = MergeKey::None);
  // Replaces the state without an undo step and clears the history: a new, unnamed lesson with
  // nothing unsaved (the last run's lesson restored, `attnscope --text`).
  void reset(const Lesson& parameters);
  // Replaces the lesson, its view and its origin as one undo step (File ▸ Open, Examples, New):
  // undo brings back the lesson before, with its name and its unsaved changes.
  void replace(const Lesson& parameters, const SessionView& view, const Origin& origin,
               const QString& description);
  // The lesson as it is now is what the file at `path` holds.
  void markSaved(const QString& path);
  const Origin& origin() const { return m_origin; }
  // Whether the lesson differs from its file (or, for one without a file, from how it began).
  // The view (colours, the head or step on screen) is saved with the lesson but is where one
  // looks, not work: changing it alone asks nothing on leaving.
  bool isModified() const { return !(m_parameters == m_origin.saved); }
  // Starts a new undo step for the next MaskPaint change (a new stroke).
  void beginMaskStroke() { ++m_strokeId; }

  QUndoStack* undoStack() { return &m_undoStack; }
  // The newest computed result (null before the first one arrives).
  std::shared_ptr<const AttentionResult> result() const { return m_result; }
  // The newest result that computed successfully, for views that keep showing it on error.
  std::shared_ptr<const AttentionResult> lastGoodResult() const { return m_lastGood; }

  const SessionView& view() const { return m_view; }
  void setView(const SessionView& view);

  // Skips the debounce: starts the pending computation now (tests and "bench --ui" use it).
  void flushDebounce();
  static constexpr int kDebounceMilliseconds = 40;

 signals:
  void parametersChanged(const Lesson& parameters);
  void resultChanged(std::shared_ptr<const AttentionResult> result);
  void viewChanged(const SessionView& view);
  // The origin or whether there are unsaved changes changed: what the title shows.
  void originChanged();

 private:
  friend class ParameterChange;
  friend class LessonReplacement;
  void apply(const Lesson& parameters);
  // Emits originChanged, noting what it told.
  void tellOrigin();
  void takeResult(std::shared_ptr<const AttentionResult> result);

  Lesson m_parameters;
  SessionView m_view;
  Origin m_origin;
  bool m_toldModified = false;  // isModified() as originChanged last told it
  QUndoStack m_undoStack;
  QTimer m_debounce;
  AttentionWorker m_worker;
  std::shared_ptr<const AttentionResult> m_result;
  std::shared_ptr<const AttentionResult> m_lastGood;
  int m_strokeId = 0;
};

}  // namespace attnscope
