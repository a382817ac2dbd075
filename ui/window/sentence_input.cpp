#include "ui/window/sentence_input.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "ui/model/attention_document.h"
#include "ui/window/token_chips.h"

namespace attnscope {

SentenceInput::SentenceInput(AttentionDocument* document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_sentenceCaption(new QLabel),
      m_sentence(new QLineEdit),
      m_chineseTokens(new QComboBox),
      m_queryChips(new TokenChips),
      m_pieceLimitNote(new QLabel),
      m_cross(new QCheckBox),
      m_keyValue(new QLineEdit),
      m_keyChips(new TokenChips) {
  m_sentence->setClearButtonEnabled(true);
  m_keyValue->setClearButtonEnabled(true);
  m_sentenceCaption->setBuddy(m_sentence);
  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_sentenceCaption, 0, 0);
  layout->addWidget(m_sentence, 0, 1);
  m_chineseTokens->addItems({QString(), QString()});  // ChineseTokens order; texts: retranslate
  m_chineseTokens->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  layout->addWidget(m_chineseTokens, 0, 2);
  auto* chips = new QVBoxLayout;
  chips->setContentsMargins(0, 0, 0, 0);
  chips->addWidget(m_queryChips);
  chips->addWidget(m_pieceLimitNote);
  m_pieceLimitNote->setVisible(false);
  layout->addLayout(chips, 1, 1, 1, 2);
  layout->addWidget(m_cross, 2, 0);
  layout->addWidget(m_keyValue, 2, 1, 1, 2);
  layout->addWidget(m_keyChips, 3, 1, 1, 2);
  layout->setColumnStretch(1, 1);

  connect(m_sentence, &QLineEdit::textEdited, this, [this](const QString& text) {
    Lesson parameters = m_document->parameters();
    parameters.text = text.toStdString();
    m_document->change(parameters, tr("Type"), AttentionDocument::MergeKey::Text);
  });
  connect(m_keyValue, &QLineEdit::textEdited, this, [this](const QString& text) {
    Lesson parameters = m_document->parameters();
    parameters.keyValueText = text.toStdString();
    m_document->change(parameters, tr("Type"), AttentionDocument::MergeKey::KeyValueText);
  });
  connect(m_chineseTokens, &QComboBox::activated, this, [this](int index) {
    Lesson parameters = m_document->parameters();
    parameters.chineseTokens = ChineseTokens(index);
    m_document->change(parameters, index == int(ChineseTokens::Words)
                                       ? tr("Cut Chinese into words")
                                       : tr("Cut Chinese into characters"));
  });
  connect(m_cross, &QCheckBox::toggled, this, [this](bool on) {
    Lesson parameters = m_document->parameters();
    parameters.crossAttention = on;
    if (on && parameters.keyValueText.empty())
      parameters.keyValueText = tr("Le chat est assis.").toStdString();
    m_document->change(parameters, on ? tr("Use cross-attention") : tr("Use self-attention"));
  });
  connect(document, &AttentionDocument::parametersChanged, this, &SentenceInput::showParameters);
  connect(document, &AttentionDocument::resultChanged, this, &SentenceInput::showResult);
  retranslate();
  showParameters(document->parameters());
}

void SentenceInput::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void SentenceInput::retranslate() {
  m_sentenceCaption->setText(tr("&Sentence:"));
  m_sentence->setPlaceholderText(tr("Type a sentence, in English, Chinese or both"));
  m_sentence->setToolTip(tr("The queries (and, in self-attention, the keys and values) (Ctrl+L)"));
  m_chineseTokens->setItemText(int(ChineseTokens::Words), tr("Chinese as words"));
  m_chineseTokens->setItemText(int(ChineseTokens::Characters), tr("Chinese as characters"));
  m_chineseTokens->setToolTip(
      tr("How Chinese, written without spaces, becomes tokens: whole words from a dictionary "
         "(注意力 / 机制 / 很 / 强大) or one token per character (注 / 意 / 力 …)"));
  m_cross->setText(tr("Keys/values:"));
  m_cross->setToolTip(
      tr("Cross-attention: queries from the sentence above, keys and values "
         "from this one, as a translation's target attends to its source"));
  m_keyValue->setPlaceholderText(tr("A second sentence for keys and values"));
  showPieceLimit();
}

void SentenceInput::showPieceLimit() {
  m_pieceLimitNote->setText(
      tr("The model reads the first %1 pieces; the greyed ones are past its limit.")
          .arg(m_pieceLimit));
}

void SentenceInput::showParameters(const Lesson& parameters) {
  // Only replace the text when it differs, so the cursor stays where the user is typing.
  const QString text = QString::fromStdString(parameters.text);
  const QString keyValueText = QString::fromStdString(parameters.keyValueText);
  if (m_sentence->text() != text) m_sentence->setText(text);
  if (m_keyValue->text() != keyValueText) m_keyValue->setText(keyValueText);
  // The choice exists only where it changes something: Chinese in a sandbox lesson (an encoder
  // cuts text with its own vocabulary).
  m_chineseTokens->setCurrentIndex(int(parameters.chineseTokens));
  m_chineseTokens->setVisible(
      parameters.model.isSandbox() &&
      (hasIdeographs(parameters.text) ||
       (parameters.crossAttention && hasIdeographs(parameters.keyValueText))));
  const QSignalBlocker blocker(m_cross);
  m_cross->setChecked(parameters.crossAttention);
  m_keyValue->setEnabled(parameters.crossAttention);
  m_keyChips->setVisible(parameters.crossAttention);
}

void SentenceInput::showResult(const std::shared_ptr<const AttentionResult>& result) {
  if (!result) return;
  if (result->encoder) {
    // Every piece of the text, those past the model's maximum length greyed after the ones read.
    const std::vector<LessonPiece>& pieces = result->encoder->pieces;
    QStringList labels;
    QList<bool> unknown;
    qsizetype read = 0;
    for (const LessonPiece& piece : pieces) {
      labels.append(QString::fromStdString(pieceLabel(piece)));
      unknown.append(piece.id == 0);
      read += piece.read ? 1 : 0;
    }
    m_queryChips->setTokens(labels, read, unknown);
    m_pieceLimit = result->encoder->model->maxLength;
    m_pieceLimitNote->setVisible(read < labels.size());
    showPieceLimit();
  } else {
    m_queryChips->setTokens(result->queryLabels);
    m_pieceLimitNote->setVisible(false);
  }
  m_keyChips->setTokens(result->keyLabels);
}

}  // namespace attnscope
