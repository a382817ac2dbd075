#include "ui/window/controls_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include "core/limits.h"
#include "ui/model/color_map.h"
#include "ui/window/mask_editor.h"
#include "ui/window/model_chooser.h"

namespace attnscope {

using MergeKey = AttentionDocument::MergeKey;

ControlsPanel::ControlsPanel(AttentionDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document) {
  buildWidgets();
  retranslate();
  showParameters(document->parameters());
  showView(document->view());
  connect(document, &AttentionDocument::parametersChanged, this, &ControlsPanel::showParameters);
  connect(document, &AttentionDocument::viewChanged, this, &ControlsPanel::showView);
}

QList<int> ControlsPanel::headChoices(int modelWidth) {
  QList<int> choices;
  for (int h = 1; h <= std::min(modelWidth, kMaxHeads); ++h) {
    if (modelWidth % h == 0) choices.append(h);
  }
  return choices;
}

void ControlsPanel::buildWidgets() {
  auto caption = [] { return new QLabel; };
  m_modelWidthCaption = caption();
  m_headsCaption = caption();
  m_seedCaption = caption();
  m_weightsCaption = caption();
  m_maskCaption = caption();
  m_paddedCaption = caption();
  m_colorMapCaption = caption();

  m_modelWidth = new QSpinBox;
  m_modelWidth->setRange(1, kModelWidthBoxMaximum);
  // Typing 96 must not apply 9 on the way (9 would leave 8 heads at 3): a typed value applies on
  // Enter, on leaving the box, or after a pause; the arrows apply at once.
  m_modelWidth->setKeyboardTracking(false);
  m_modelWidthPause = new QTimer(this);
  m_modelWidthPause->setSingleShot(true);
  m_modelWidthPause->setInterval(kModelWidthPauseMilliseconds);
  m_heads = new QComboBox;
  m_headWidth = new QLabel;
  m_headWidth->setWordWrap(true);
  m_seed = new QSpinBox;
  m_seed->setRange(0, std::numeric_limits<int>::max());
  m_newWeights = new QPushButton;
  m_weights = new QLabel;
  m_weights->setTextFormat(Qt::PlainText);
  m_weights->setWordWrap(true);
  m_weightsNote = new QLabel;
  m_weightsNote->setTextFormat(Qt::PlainText);
  m_weightsNote->setWordWrap(true);
  m_positional = new QCheckBox;
  m_scaled = new QCheckBox;

  m_modelGroup = new QGroupBox;
  auto* modelForm = new QFormLayout(m_modelGroup);
  modelForm->addRow(m_modelWidthCaption, m_modelWidth);
  modelForm->addRow(m_headsCaption, m_heads);
  modelForm->addRow(QString(), m_headWidth);
  auto* seedRow = new QHBoxLayout;
  seedRow->addWidget(m_seed, 1);
  seedRow->addWidget(m_newWeights);
  modelForm->addRow(m_seedCaption, seedRow);
  modelForm->addRow(m_weightsCaption, m_weights);
  modelForm->addRow(m_weightsNote);
  modelForm->addRow(m_positional);
  modelForm->addRow(m_scaled);

  m_mask = new QComboBox;
  for (int i = 0; i < 4; ++i) m_mask->addItem(QString());
  m_paddedLength = new QSpinBox;
  m_paddedLength->setRange(1, 512);
  m_maskHint = new QLabel;
  m_maskHint->setWordWrap(true);
  m_clearMask = new QPushButton;
  m_startFromCausal = new QPushButton;
  m_startFromPadding = new QPushButton;
  m_paddingKeys = new QSpinBox;
  m_paddingKeys->setRange(1, 512);
  m_paddingKeys->setValue(2);
  m_maskEditor = new MaskEditor(m_document);
  // Clear first: the abuse test's driver clicks the first button under the grid.
  m_maskButtons = new QWidget;
  auto* maskButtons = new QGridLayout(m_maskButtons);
  maskButtons->setContentsMargins(0, 0, 0, 0);
  maskButtons->addWidget(m_clearMask, 0, 0);
  maskButtons->addWidget(m_startFromCausal, 0, 1);
  maskButtons->addWidget(m_startFromPadding, 1, 0);
  maskButtons->addWidget(m_paddingKeys, 1, 1);

  m_maskGroup = new QGroupBox;
  m_form = new QFormLayout(m_maskGroup);
  m_form->addRow(m_maskCaption, m_mask);
  m_form->addRow(m_paddedCaption, m_paddedLength);
  m_form->addRow(m_maskHint);
  m_form->addRow(m_maskEditor);
  m_form->addRow(m_maskButtons);

  m_colorMap = new QComboBox;
  for (ColorMapName map : allColorMaps()) m_colorMap->addItem(QString(), colorMapKey(map));
  m_automaticRange = new QCheckBox;
  m_average = new QCheckBox;
  m_rollout = new QCheckBox;
  m_allLayers = new QCheckBox;
  m_viewGroup = new QGroupBox;
  auto* viewForm = new QFormLayout(m_viewGroup);
  viewForm->addRow(m_colorMapCaption, m_colorMap);
  viewForm->addRow(m_automaticRange);
  viewForm->addRow(m_average);
  viewForm->addRow(m_allLayers);
  viewForm->addRow(m_rollout);

  m_modelChooser = new ModelChooser(m_document);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_modelChooser);
  layout->addWidget(m_modelGroup);
  layout->addWidget(m_maskGroup);
  layout->addWidget(m_viewGroup);
  layout->addStretch();

  connect(m_modelWidth, &QSpinBox::valueChanged, this, &ControlsPanel::changeModelWidth);
  // QSpinBox reports no typing while keyboard tracking is off: its line edit does.
  connect(m_modelWidth->findChild<QLineEdit*>(), &QLineEdit::textEdited, m_modelWidthPause,
          qOverload<>(&QTimer::start));
  connect(m_modelWidthPause, &QTimer::timeout, m_modelWidth, &QSpinBox::interpretText);
  connect(m_heads, &QComboBox::activated, this, [this](int index) {
    const int heads = m_heads->itemData(index).toInt();
    m_headsNote.clear();
    m_requestedHeads = heads;
    changeParameters([heads](Lesson& p) { p.heads = heads; }, tr("Set heads to %1").arg(heads));
  });
  connect(m_seed, &QSpinBox::valueChanged, this, [this](int seed) {
    changeParameters([seed](Lesson& p) { p.seed = std::uint64_t(seed); },
                     tr("Set seed to %1").arg(seed), MergeKey::Seed);
  });
  connect(m_newWeights, &QPushButton::clicked, this, &ControlsPanel::newRandomWeights);
  connect(m_positional, &QCheckBox::toggled, this, [this](bool on) {
    changeParameters([on](Lesson& p) { p.positional = on; },
                     on ? tr("Add positional encoding") : tr("Remove positional encoding"));
  });
  connect(m_scaled, &QCheckBox::toggled, this, [this](bool on) {
    changeParameters([on](Lesson& p) { p.scaled = on; },
                     on ? tr("Scale scores by 1/√d_k") : tr("Stop scaling scores"));
  });
  connect(m_mask, &QComboBox::activated, this, [this](int index) {
    changeParameters(
        [index](Lesson& p) {
          p.mask = LessonMask(index);
          if (p.mask == LessonMask::KeyPadding && p.paddedLength == 0) p.paddedLength = 12;
        },
        tr("Change the mask"));
  });
  connect(m_paddedLength, &QSpinBox::valueChanged, this, [this](int length) {
    changeParameters([length](Lesson& p) { p.paddedLength = length; },
                     tr("Pad keys to %1").arg(length), MergeKey::PaddedLength);
  });
  connect(m_clearMask, &QPushButton::clicked, this, [this] {
    changeParameters([](Lesson& p) { p.blockedCells.clear(); }, tr("Clear the custom mask"));
  });
  connect(m_startFromCausal, &QPushButton::clicked, m_maskEditor, &MaskEditor::startFromCausal);
  connect(m_startFromPadding, &QPushButton::clicked, this,
          [this] { m_maskEditor->startFromPadding(m_paddingKeys->value()); });
  connect(m_colorMap, &QComboBox::activated, this, [this](int index) {
    const auto map = colorMapFromKey(m_colorMap->itemData(index).toString());
    if (map) changeView([map](SessionView& v) { setViewColorMap(v, *map); });
  });
  connect(m_automaticRange, &QCheckBox::toggled, this,
          [this](bool on) { changeView([on](SessionView& v) { v.automaticRange = on; }); });
  connect(m_average, &QCheckBox::toggled, this,
          [this](bool on) { changeView([on](SessionView& v) { v.averageOfHeads = on; }); });
  connect(m_rollout, &QCheckBox::toggled, this,
          [this](bool on) { changeView([on](SessionView& v) { v.rollout = on; }); });
  connect(m_allLayers, &QCheckBox::toggled, this,
          [this](bool on) { changeView([on](SessionView& v) { v.allLayers = on; }); });
}

void ControlsPanel::newRandomWeights() {
  const int seed = int(QRandomGenerator::global()->bounded(m_seed->maximum()));
  changeParameters(
      [seed](Lesson& p) {
        p.seed = std::uint64_t(seed);
        p.weights = {};
      },
      tr("New random weights"));
}

void ControlsPanel::useWeights(const LessonWeights& weights) {
  Lesson parameters = m_document->parameters();
  parameters.weights = weights;
  m_headsNote.clear();
  if (!weights.isSeeded()) fitModelWidth(parameters, weights.loaded->weights.modelWidth());
  changeFitted(parameters,
               !weights.isSeeded()
                   ? tr("Load weights from %1")
                         .arg(QFileInfo(QFile::decodeName(weights.path.c_str())).fileName())
                   : tr("Use random weights"),
               MergeKey::None);
}

void ControlsPanel::retranslate() {
  m_modelGroup->setTitle(tr("Sandbox"));
  m_maskGroup->setTitle(tr("Mask"));
  m_viewGroup->setTitle(tr("View"));
  m_modelWidthCaption->setText(tr("d_model:"));
  m_headsCaption->setText(tr("Heads h:"));
  m_heads->setToolTip(
      tr("Only divisors of d_model are offered: each head gets d_k = d_model / h "
         "columns of Q, K and V"));
  m_seedCaption->setText(tr("Seed:"));
  m_weightsCaption->setText(tr("Weights:"));
  m_newWeights->setText(tr("New random weights"));
  m_positional->setText(tr("Positional encoding (sinusoidal)"));
  m_scaled->setText(tr("Scale scores by 1/√d_k"));
  m_scaled->setToolTip(
      tr("Without scaling, large dot products push softmax into saturation: "
         "nearly all weight lands on one key"));
  m_maskCaption->setText(tr("Mask:"));
  m_mask->setItemText(int(LessonMask::None), tr("None"));
  m_mask->setItemText(int(LessonMask::Causal), tr("Causal"));
  m_mask->setItemText(int(LessonMask::KeyPadding), tr("Key padding"));
  m_mask->setItemText(int(LessonMask::Custom), tr("Custom"));
  m_paddedCaption->setText(tr("Pad to:"));
  m_paddedLength->setToolTip(tr("Append [PAD] tokens up to this length; the pads are blocked"));
  m_clearMask->setText(tr("Clear mask"));
  m_startFromCausal->setText(tr("Start from causal"));
  m_startFromCausal->setToolTip(
      tr("Block every key after its query, as the causal mask does, then paint from there"));
  m_startFromPadding->setText(tr("Start from padding"));
  m_startFromPadding->setToolTip(
      tr("Block the last tokens for every query, as a padding mask hides a shorter sentence's "
         "[PAD] tokens, then paint from there"));
  m_paddingKeys->setPrefix(tr("last "));
  m_paddingKeys->setSuffix(tr(" tokens"));
  m_paddingKeys->setToolTip(tr("How many tokens at the end of the sentence are padding"));
  m_colorMapCaption->setText(tr("Colours:"));
  for (int i = 0; i < m_colorMap->count(); ++i) {
    m_colorMap->setItemText(i, colorMapDisplayName(allColorMaps()[std::size_t(i)]));
  }
  m_automaticRange->setText(tr("Automatic colour range"));
  m_automaticRange->setToolTip(
      tr("Stretch the colours from the lowest to the highest value shown, to see weak "
         "patterns; the colour bar prints that range"));
  m_average->setText(tr("Average of heads"));
  m_allLayers->setText(tr("Every layer's heads"));
  m_allLayers->setToolTip(
      tr("All the model's maps at once, one row per layer; click one to open it large"));
  m_rollout->setText(tr("Attention rollout (all layers)"));
  m_rollout->setToolTip(
      tr("One map instead of the heads: how much each piece's final representation draws on "
         "each input piece through every layer, counting the residual connection as half of "
         "each layer (Abnar & Zuidema 2020)"));
  showParameters(m_document->parameters());
}

void ControlsPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ControlsPanel::showParameters(const Lesson& parameters) {
  const QSignalBlocker blockers[] = {QSignalBlocker(m_modelWidth),  QSignalBlocker(m_heads),
                                     QSignalBlocker(m_seed),        QSignalBlocker(m_positional),
                                     QSignalBlocker(m_scaled),      QSignalBlocker(m_mask),
                                     QSignalBlocker(m_paddedLength)};
  m_modelWidthPause->stop();
  // A trained encoder brings its own widths, heads and padding mask.
  const bool sandbox = parameters.model.isSandbox();
  m_modelGroup->setVisible(sandbox);
  m_maskGroup->setVisible(sandbox);
  // Rollout chains the layers of a trained encoder; the sandbox has one layer of random weights.
  m_rollout->setVisible(!sandbox);
  m_allLayers->setVisible(!sandbox);
  showView(m_document->view());
  // d_model or h set from outside the fit (undo, an opened lesson) is a new request, and any note
  // about an earlier fit is stale; other changes (the text, the seed) keep both.
  const bool newShape =
      parameters.heads != m_shownHeads || parameters.modelWidth != m_shownModelWidth;
  if (!m_applyingFit && newShape) {
    m_requestedHeads = parameters.heads;
    m_headsNote.clear();
  }
  m_shownHeads = parameters.heads;
  m_shownModelWidth = parameters.modelWidth;
  m_modelWidth->setMaximum(std::max(kModelWidthBoxMaximum, parameters.modelWidth));
  m_modelWidth->setValue(parameters.modelWidth);
  m_heads->clear();
  for (int h : headChoices(parameters.modelWidth)) m_heads->addItem(QString::number(h), h);
  m_heads->setCurrentIndex(m_heads->findData(parameters.heads));
  const int headWidth = parameters.modelWidth / std::max(parameters.heads, 1);
  m_headWidth->setText(m_headsNote.isEmpty()
                           ? tr("d_k = d_v = %1").arg(headWidth)
                           : tr("d_k = d_v = %1. %2").arg(headWidth).arg(m_headsNote));
  m_seed->setValue(int(std::min<std::uint64_t>(parameters.seed, std::uint64_t(m_seed->maximum()))));
  showWeights(parameters);
  m_positional->setChecked(parameters.positional);
  m_scaled->setChecked(parameters.scaled);
  m_mask->setCurrentIndex(int(parameters.mask));
  m_paddedLength->setValue(std::max(parameters.paddedLength, 1));
  m_form->setRowVisible(m_paddedLength, parameters.mask == LessonMask::KeyPadding);
  const bool custom = parameters.mask == LessonMask::Custom;
  m_form->setRowVisible(m_maskEditor, custom);
  m_form->setRowVisible(m_maskButtons, custom);
  switch (parameters.mask) {
    case LessonMask::None:
      m_maskHint->setText(tr("Every query sees every key."));
      break;
    case LessonMask::Causal:
      m_maskHint->setText(tr("Each query sees only itself and earlier keys, as in a decoder."));
      break;
    case LessonMask::KeyPadding:
      m_maskHint->setText(
          tr("[PAD] tokens fill the sequence to a fixed length; no query may "
             "attend to them."));
      break;
    case LessonMask::Custom:
      m_maskHint->setText(tr("Click or drag over cells to block or unblock them."));
      break;
  }
}

void ControlsPanel::showWeights(const Lesson& parameters) {
  const LessonWeights& weights = parameters.weights;
  const bool loaded = !weights.isSeeded();
  m_modelWidth->setEnabled(!loaded);
  m_modelWidth->setToolTip(
      loaded ? tr("d_model is the loaded weights' width; File ▸ Use random weights to change it")
             : tr("Width of each token's vector and of every projection"));
  m_seed->setToolTip(loaded ? tr("The seed sets the embeddings; the weights come from the file")
                            : tr("One seed drives the embeddings and the weights"));
  const QString layout = weights.layout == WeightsLayout::Multihead ? tr("nn.MultiheadAttention")
                                                                    : tr("reference module");
  switch (weights.source) {
    case LessonWeights::Source::Seed:
      m_weights->setText(tr("Random, from the seed"));
      break;
    case LessonWeights::Source::File:
      m_weights->setText(
          tr("%1 (%2)").arg(QFileInfo(QFile::decodeName(weights.path.c_str())).fileName(), layout));
      break;
    case LessonWeights::Source::Embedded:
      m_weights->setText(tr("Embedded in the lesson (%1)").arg(layout));
      break;
  }
  m_weights->setToolTip(weights.source == LessonWeights::Source::File
                            ? QFile::decodeName(weights.path.c_str())
                            : QString());
  QString note;
  if (loaded) {
    note = tr("d_model %1 comes from the weights; the seed still sets the embeddings.")
               .arg(parameters.modelWidth);
  }
  if (loaded && weights.layout == WeightsLayout::Multihead) {
    note += QLatin1Char('\n') +
            tr("These nn.MultiheadAttention weights run under the reference module's mask rule: "
               "0 = blocked, filled with −1e9. nn.MultiheadAttention's own attn_mask means the "
               "opposite: True = blocked, filled with −∞.");
  }
  m_weightsNote->setText(note);
  m_weightsNote->setVisible(loaded);
}

void ControlsPanel::showView(const SessionView& view) {
  const QSignalBlocker blockers[] = {QSignalBlocker(m_colorMap), QSignalBlocker(m_automaticRange),
                                     QSignalBlocker(m_average), QSignalBlocker(m_rollout),
                                     QSignalBlocker(m_allLayers)};
  m_colorMap->setCurrentIndex(m_colorMap->findData(colorMapKey(viewColorMap(view))));
  m_automaticRange->setChecked(view.automaticRange);
  m_average->setChecked(view.averageOfHeads);
  m_rollout->setChecked(view.rollout);
  m_allLayers->setChecked(view.allLayers);
  // The rollout replaces the heads, so their average has nothing to act on meanwhile.
  m_average->setEnabled(!(view.rollout && !m_document->parameters().model.isSandbox()));
}

void ControlsPanel::changeModelWidth(int modelWidth) {
  Lesson parameters = m_document->parameters();
  m_headsNote.clear();
  fitModelWidth(parameters, modelWidth);
  changeFitted(parameters, tr("Set d_model to %1").arg(modelWidth), MergeKey::ModelWidth);
}

void ControlsPanel::changeFitted(const Lesson& parameters, const QString& description,
                                 MergeKey merge) {
  m_applyingFit = true;
  m_document->change(parameters, description, merge);
  m_applyingFit = false;
}

void ControlsPanel::fitModelWidth(Lesson& parameters, int modelWidth) {
  parameters.modelWidth = modelWidth;
  const int requested = m_requestedHeads > 0 ? m_requestedHeads : parameters.heads;
  // The largest valid number of heads not above the requested one: the requested one itself
  // whenever it divides d_model.
  const QList<int> choices = headChoices(modelWidth);
  int heads = choices.front();
  for (int h : choices) {
    if (h <= requested) heads = h;
  }
  if (heads != requested) {
    m_headsNote = tr("%1 heads do not divide d_model %2, so h is %3 until d_model is a multiple "
                     "of %1 again.")
                      .arg(requested)
                      .arg(modelWidth)
                      .arg(heads);
  } else if (heads != parameters.heads) {
    m_headsNote = tr("h is back to the %1 heads you chose.").arg(heads);
  }
  parameters.heads = heads;
}

void ControlsPanel::changeParameters(const std::function<void(Lesson&)>& edit,
                                     const QString& description, MergeKey merge) {
  Lesson parameters = m_document->parameters();
  edit(parameters);
  m_document->change(parameters, description, merge);
}

void ControlsPanel::changeView(const std::function<void(SessionView&)>& edit) {
  SessionView view = m_document->view();
  edit(view);
  m_document->setView(view);
}

}  // namespace attnscope
