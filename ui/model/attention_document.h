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

  const Lesson& parameters() const { return m_parameters; }
  // Records the change on the undo stack (no-op if nothing changed) and schedules a recompute.
  void change(const Lesson& parameters, const QString& description,
              MergeKey merge = MergeKey::None);
  // Replaces the state without an undo step (restored settings, an opened session).
  void reset(const Lesson& parameters);
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

 private:
  friend class ParameterChange;
  void apply(const Lesson& parameters);
  void takeResult(std::shared_ptr<const AttentionResult> result);

  Lesson m_parameters;
  SessionView m_view;
  QUndoStack m_undoStack;
  QTimer m_debounce;
  AttentionWorker m_worker;
  std::shared_ptr<const AttentionResult> m_result;
  std::shared_ptr<const AttentionResult> m_lastGood;
  int m_strokeId = 0;
};

}  // namespace attnscope
