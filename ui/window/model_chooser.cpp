#include "ui/window/model_chooser.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <algorithm>

#include "core/lesson_run.h"
#include "ui/model/attention_document.h"
#include "ui/model/attention_result.h"
#include "ui/model/error_text.h"

namespace attnscope {
namespace {

// The combo box's entries, in order.
enum ModelEntry { kSandboxEntry = 0, kEncoderEntry = 1 };

}  // namespace

ModelChooser::ModelChooser(AttentionDocument* document, QWidget* parent)
    : QGroupBox(parent),
      m_document(document),
      m_model(new QComboBox),
      m_layerCaption(new QLabel),
      m_layer(new QSpinBox),
      m_note(new QLabel) {
  setObjectName(QStringLiteral("modelChooser"));
  m_model->addItem(QString());
  m_model->addItem(QString());
  m_layer->setMinimum(1);
  m_note->setWordWrap(true);
  m_note->setTextFormat(Qt::PlainText);
  m_note->setObjectName(QStringLiteral("modelNote"));
  auto* form = new QFormLayout(this);
  form->addRow(m_model);
  form->addRow(m_layerCaption, m_layer);
  form->addRow(m_note);

  connect(m_model, &QComboBox::activated, this, &ModelChooser::chooseModel);
  connect(m_layer, &QSpinBox::valueChanged, this, &ModelChooser::chooseLayer);
  connect(m_document, &AttentionDocument::parametersChanged, this, &ModelChooser::showParameters);
  connect(m_document, &AttentionDocument::resultChanged, this, &ModelChooser::showResult);
  retranslate();
  showParameters(m_document->parameters());
}

void ModelChooser::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QGroupBox::changeEvent(event);
}

void ModelChooser::retranslate() {
  setTitle(tr("Model"));
  m_model->setItemText(kSandboxEntry, tr("Sandbox: random weights"));
  m_model->setItemText(kEncoderEntry, tr("Trained encoder: Universal Sentence Encoder lite"));
  m_model->setToolTip(
      tr("The sandbox runs one layer of multi-head attention with random weights, at the sizes "
         "you choose. The trained encoder runs a real pretrained Transformer (2 layers of 4 "
         "heads), whose heads learned to look at different relations."));
  m_layerCaption->setText(tr("Layer:"));
  m_layer->setToolTip(tr("The encoder layer whose heads are shown"));
  showParameters(m_document->parameters());
}

void ModelChooser::showParameters(const Lesson& lesson) {
  const QSignalBlocker blockModel(m_model), blockLayer(m_layer);
  const bool sandbox = lesson.model.isSandbox();
  m_model->setCurrentIndex(sandbox ? kSandboxEntry : kEncoderEntry);
  const int layers = lesson.model.loaded ? int(lesson.model.loaded->layers.size())
                                         : std::max(lesson.model.layer, 1);
  m_layer->setMaximum(layers);
  m_layer->setValue(lesson.model.layer);
  m_layerCaption->setVisible(!sandbox);
  m_layer->setVisible(!sandbox);
  m_note->setText(m_problem.isEmpty() ? modelNote(lesson) : m_problem);
  m_note->setVisible(!m_note->text().isEmpty());
}

QString ModelChooser::modelNote(const Lesson& lesson) const {
  if (lesson.model.isSandbox()) return {};
  QString note =
      tr("Its own vocabulary cuts the text into pieces (▁ marks the start of a word); "
         "d_model, the heads and the mask are the model's.");
  if (const auto& model = lesson.model.loaded;
      model && lesson.model.layer >= 1 && lesson.model.layer <= int(model->layers.size())) {
    const EncoderLayer& layer = model->layers[std::size_t(lesson.model.layer - 1)];
    note += QLatin1Char(' ') + tr("Layer %1 of %2: %3 heads of d_k = %4, reading %5 numbers per "
                                  "piece and writing %6.")
                                   .arg(lesson.model.layer)
                                   .arg(model->layers.size())
                                   .arg(layer.heads)
                                   .arg(layer.attention.modelWidth() / std::max(layer.heads, 1))
                                   .arg(layer.inputWidth())
                                   .arg(layer.outputWidth());
  }
  if (m_unknownPieces > 0) {
    note += QLatin1Char(' ') + tr("The model knows English only: %n piece(s) of this text are "
                                  "unknown to it.",
                                  nullptr, m_unknownPieces);
  }
  return note;
}

void ModelChooser::showResult(const std::shared_ptr<const AttentionResult>& result) {
  if (!result || !result->encoder) return;
  const auto& pieces = result->encoder->pieces;
  m_unknownPieces = int(std::count_if(pieces.begin(), pieces.end(),
                                      [](const LessonPiece& piece) { return piece.id == 0; }));
  showParameters(m_document->parameters());
}

void ModelChooser::chooseModel(int index) {
  Lesson lesson = m_document->parameters();
  const bool sandbox = index == kSandboxEntry;
  if (sandbox == lesson.model.isSandbox()) return;
  m_problem.clear();
  if (sandbox) {
    lesson.model = {};
    m_document->change(lesson, tr("Run the sandbox"));
    return;
  }
  lesson.model.name = kDefaultEncoder;
  lesson.model.layer = 1;
  m_problem = problemFrom([&] { loadModel(lesson.model); });
  if (!m_problem.isEmpty()) {
    showParameters(m_document->parameters());  // the lesson stays as it was
    return;
  }
  m_unknownPieces = 0;
  m_document->change(lesson, tr("Run the trained encoder"));
}

void ModelChooser::chooseLayer(int layer) {
  Lesson lesson = m_document->parameters();
  if (lesson.model.isSandbox() || lesson.model.layer == layer) return;
  lesson.model.layer = layer;
  m_document->change(lesson, tr("Show layer %1").arg(layer));
}

}  // namespace attnscope
