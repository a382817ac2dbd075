#pragma once

#include <QGroupBox>
#include <memory>

#include "core/lesson.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace attnscope {

class AttentionDocument;
struct AttentionResult;

// Which model the lesson runs, at the top of the controls: the sandbox (random weights over
// random embeddings, with the d_model, h and mask chosen below) or a pretrained encoder, whose
// heads were trained and so attend to different relations, and which of its layers the heads
// show. A model that cannot be read is reported here, in place, and the lesson stays as it was.
class ModelChooser : public QGroupBox {
  Q_OBJECT

 public:
  explicit ModelChooser(AttentionDocument* document, QWidget* parent = nullptr);

  QComboBox* modelBox() const { return m_model; }
  QSpinBox* layerBox() const { return m_layer; }
  QLabel* note() const { return m_note; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void showParameters(const Lesson& lesson);
  void showResult(const std::shared_ptr<const AttentionResult>& result);
  void chooseModel(int index);
  void chooseLayer(int layer);
  QString modelNote(const Lesson& lesson) const;

  AttentionDocument* m_document;
  QComboBox* m_model;
  QLabel* m_layerCaption;
  QSpinBox* m_layer;
  QLabel* m_note;     // what the model is, or why it could not be read
  QString m_problem;  // the last failure to read a model, until the next choice
  int m_unknownPieces = 0;
};

}  // namespace attnscope
