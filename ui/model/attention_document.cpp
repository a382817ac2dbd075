#include "ui/model/attention_document.h"

#include <QFileInfo>
#include <QUndoCommand>

namespace attnscope {

// One undoable parameter change: before and after are whole parameter values, so undo is
// exact whatever changed.
class ParameterChange : public QUndoCommand {
 public:
  ParameterChange(AttentionDocument* document, Lesson before, Lesson after, const QString& text,
                  int mergeId)
      : QUndoCommand(text),
        m_document(document),
        m_before(std::move(before)),
        m_after(std::move(after)),
        m_mergeId(mergeId) {}

  void undo() override { m_document->apply(m_before); }
  void redo() override { m_document->apply(m_after); }
  int id() const override { return m_mergeId; }
  bool mergeWith(const QUndoCommand* other) override {
    m_after = static_cast<const ParameterChange*>(other)->m_after;
    setObsolete(m_after == m_before);
    return true;
  }

 private:
  AttentionDocument* m_document;
  Lesson m_before, m_after;
  int m_mergeId;
};

// A whole lesson replaced at once (opened, an example, New): the lesson, its view and where it
// came from, so that undo also brings back the title and the unsaved changes of the one before.
class LessonReplacement : public QUndoCommand {
 public:
  struct State {
    Lesson parameters;
    SessionView view;
    AttentionDocument::Origin origin;
  };

  LessonReplacement(AttentionDocument* document, State before, State after, const QString& text)
      : QUndoCommand(text),
        m_document(document),
        m_before(std::move(before)),
        m_after(std::move(after)) {}

  void undo() override { restore(m_before); }
  void redo() override { restore(m_after); }

 private:
  void restore(const State& state) {
    m_document->m_origin = state.origin;
    m_document->apply(state.parameters);
    m_document->setView(state.view);
    m_document->tellOrigin();
  }

  AttentionDocument* m_document;
  State m_before, m_after;
};

Lesson AttentionDocument::newLesson() {
  Lesson lesson;
  lesson.text = tr("The animal didn't cross the street because it was too tired").toStdString();
  return lesson;
}

SessionView AttentionDocument::newView() {
  SessionView view;
  view.automaticRange = true;
  return view;
}

AttentionDocument::AttentionDocument(QObject* parent) : QObject(parent) {
  m_parameters = newLesson();
  m_view = newView();
  m_origin.saved = m_parameters;
  m_debounce.setSingleShot(true);
  m_debounce.setInterval(kDebounceMilliseconds);
  connect(&m_debounce, &QTimer::timeout, this,
          [this] { m_worker.request(m_parameters, viewMapColours(m_view)); });
  connect(&m_worker, &AttentionWorker::resultReady, this, &AttentionDocument::takeResult);
  m_debounce.start();
}

void AttentionDocument::change(const Lesson& parameters, const QString& description,
                               MergeKey merge) {
  if (parameters == m_parameters) return;
  // Mask strokes merge only within one stroke: the id carries the stroke number.
  const int mergeId =
      merge == MergeKey::MaskPaint ? int(MergeKey::MaskPaint) + 16 * m_strokeId : int(merge);
  m_undoStack.push(new ParameterChange(this, m_parameters, parameters, description, mergeId));
}

void AttentionDocument::setView(const SessionView& view) {
  if (view == m_view) return;
  m_view = view;
  emit viewChanged(m_view);
}

void AttentionDocument::reset(const Lesson& parameters) {
  m_undoStack.clear();
  m_origin = {QString(), QString(), parameters};
  apply(parameters);
  tellOrigin();
}

void AttentionDocument::replace(const Lesson& parameters, const SessionView& view,
                                const Origin& origin, const QString& description) {
  m_undoStack.push(new LessonReplacement(this, {m_parameters, m_view, m_origin},
                                         {parameters, view, origin}, description));
}

void AttentionDocument::markSaved(const QString& path) {
  m_origin = {path, QFileInfo(path).fileName(), m_parameters};
  // QUndoStack merges nothing into the step at its clean index: typing after a save starts a
  // new step, so undo can return to exactly what the file holds.
  m_undoStack.setClean();
  tellOrigin();
}

void AttentionDocument::tellOrigin() {
  m_toldModified = isModified();
  emit originChanged();
}

void AttentionDocument::flushDebounce() {
  if (!m_debounce.isActive()) return;
  m_debounce.stop();
  m_worker.request(m_parameters, viewMapColours(m_view));
}

void AttentionDocument::apply(const Lesson& parameters) {
  m_parameters = parameters;
  emit parametersChanged(m_parameters);
  m_debounce.start();
  if (isModified() != m_toldModified) tellOrigin();
}

void AttentionDocument::takeResult(std::shared_ptr<const AttentionResult> result) {
  // A result computed from parameters that have changed since is stale: a newer one follows.
  if (!(result->parameters == m_parameters)) return;
  m_result = result;
  if (result->computed()) m_lastGood = result;
  emit resultChanged(m_result);
}

}  // namespace attnscope
