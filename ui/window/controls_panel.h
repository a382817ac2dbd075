#pragma once

#include <QWidget>

#include "core/lesson.h"
#include "core/lesson_view.h"
#include "ui/model/attention_document.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace attnscope {

class MaskEditor;
class ModelChooser;

// The knobs: the model (sandbox or trained encoder), d_model, heads, seed, positional encoding,
// scaling, mask and how the heads are drawn. Every change goes to the document as one undoable
// step; the panel mirrors the document, so undo and opened sessions show up here too.
class ControlsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ControlsPanel(AttentionDocument* document, QWidget* parent = nullptr);

  // The divisors of d_model a user may pick as the number of heads (every one the engine runs:
  // up to core's kMaxHeads).
  static QList<int> headChoices(int modelWidth);
  // How long typing in the d_model box may pause before the number typed so far applies.
  static constexpr int kModelWidthPauseMilliseconds = 800;
  // The d_model box stops here (the engine takes up to core's kMaxModelWidth): wider models
  // come from loaded weights, whose width the box then shows.
  static constexpr int kModelWidthBoxMaximum = 2048;

  // A fresh random seed: new embeddings and seeded weights (loaded ones are set aside), one
  // undo step.
  void newRandomWeights();
  // Runs these weights from now on, as one undo step. Loaded weights set d_model to their width
  // (the d_model box is then disabled) and keep the largest h not above the current one that
  // divides it, saying why under the heads.
  void useWeights(const LessonWeights& weights);

  QSpinBox* modelWidthBox() const { return m_modelWidth; }
  QComboBox* headsBox() const { return m_heads; }
  QComboBox* maskBox() const { return m_mask; }
  QSpinBox* paddedLengthBox() const { return m_paddedLength; }
  MaskEditor* maskEditor() const { return m_maskEditor; }
  QPushButton* startFromCausalButton() const { return m_startFromCausal; }
  QPushButton* startFromPaddingButton() const { return m_startFromPadding; }
  QSpinBox* paddingKeysBox() const { return m_paddingKeys; }
  QCheckBox* rolloutBox() const { return m_rollout; }
  QCheckBox* allLayersBox() const { return m_allLayers; }
  ModelChooser* modelChooser() const { return m_modelChooser; }
  QLabel* headWidthLabel() const { return m_headWidth; }
  QLabel* weightsLabel() const { return m_weights; }
  QLabel* weightsNote() const { return m_weightsNote; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void buildWidgets();
  void retranslate();
  void showParameters(const Lesson& parameters);
  void showView(const SessionView& view);
  void showWeights(const Lesson& parameters);
  void changeModelWidth(int modelWidth);
  // Sets d_model and the number of heads the user asked for last (m_requestedHeads) if it divides
  // d_model, else the largest h below it that does, saying why in m_headsNote.
  void fitModelWidth(Lesson& parameters, int modelWidth);
  // Applies a change made by fitting d_model, which must not replace m_requestedHeads.
  void changeFitted(const Lesson& parameters, const QString& description,
                    AttentionDocument::MergeKey merge);
  void changeParameters(const std::function<void(Lesson&)>& edit, const QString& description,
                        AttentionDocument::MergeKey merge = AttentionDocument::MergeKey::None);
  void changeView(const std::function<void(SessionView&)>& edit);

  AttentionDocument* m_document;
  QFormLayout* m_form = nullptr;
  QSpinBox* m_modelWidth = nullptr;
  QComboBox* m_heads = nullptr;
  QLabel* m_headWidth = nullptr;
  QSpinBox* m_seed = nullptr;
  QPushButton* m_newWeights = nullptr;
  QLabel* m_weights = nullptr;      // which weights run: seeded, or the file's name and layout
  QLabel* m_weightsNote = nullptr;  // where d_model comes from, and the mask rule of MHA weights
  QCheckBox* m_positional = nullptr;
  QCheckBox* m_scaled = nullptr;
  QComboBox* m_mask = nullptr;
  QSpinBox* m_paddedLength = nullptr;
  QLabel* m_maskHint = nullptr;
  QPushButton* m_clearMask = nullptr;
  QPushButton* m_startFromCausal = nullptr;
  QPushButton* m_startFromPadding = nullptr;
  QSpinBox* m_paddingKeys = nullptr;  // how many keys "Start from padding" blocks
  QWidget* m_maskButtons = nullptr;   // the row of the two above, shown for a custom mask
  MaskEditor* m_maskEditor = nullptr;
  ModelChooser* m_modelChooser = nullptr;
  QComboBox* m_colorMap = nullptr;
  QCheckBox* m_automaticRange = nullptr;
  QCheckBox* m_average = nullptr;
  QCheckBox* m_rollout = nullptr;    // encoder lessons only
  QCheckBox* m_allLayers = nullptr;  // encoder lessons only
  QString m_headsNote;               // why the number of heads was changed, shown under the choice
  // The h the user chose (or a lesson or undo brought): d_model changes that it does not divide
  // lower h for a while, and the next d_model it divides brings it back.
  int m_requestedHeads = 0;
  int m_shownHeads = 0, m_shownModelWidth = 0;  // what showParameters last showed
  bool m_applyingFit = false;
  QTimer* m_modelWidthPause = nullptr;
  // Row captions of the form, kept to retranslate them.
  QLabel *m_modelWidthCaption, *m_headsCaption, *m_seedCaption, *m_weightsCaption, *m_maskCaption,
      *m_paddedCaption, *m_colorMapCaption;
  QGroupBox *m_modelGroup, *m_maskGroup, *m_viewGroup;
};

}  // namespace attnscope
