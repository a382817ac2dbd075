#pragma once

#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace attnscope {

class AttentionDocument;
class TokenChips;
struct Lesson;
struct AttentionResult;

// Where the sentence is typed, with its tokens as chips underneath; and, for cross-attention
// (as in translation, where the target attends to the source), a second sentence for keys and
// values.
class SentenceInput : public QWidget {
  Q_OBJECT

 public:
  explicit SentenceInput(AttentionDocument* document, QWidget* parent = nullptr);

  QLineEdit* sentenceEdit() const { return m_sentence; }
  QComboBox* chineseTokensBox() const { return m_chineseTokens; }
  QLineEdit* keyValueEdit() const { return m_keyValue; }
  QCheckBox* crossAttentionBox() const { return m_cross; }
  TokenChips* queryChips() const { return m_queryChips; }
  TokenChips* keyChips() const { return m_keyChips; }
  // Under the chips when the model reads only the first pieces of the text.
  QLabel* pieceLimitNote() const { return m_pieceLimitNote; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showParameters(const Lesson& parameters);
  void showResult(const std::shared_ptr<const AttentionResult>& result);
  void retranslate();
  void showPieceLimit();

  AttentionDocument* m_document;
  QLabel* m_sentenceCaption;
  QLineEdit* m_sentence;
  QComboBox* m_chineseTokens;  // words or characters, shown when the text has Chinese
  TokenChips* m_queryChips;
  QLabel* m_pieceLimitNote;
  std::size_t m_pieceLimit = 0;  // the encoder's maximum length the note names
  QCheckBox* m_cross;
  QLineEdit* m_keyValue;
  TokenChips* m_keyChips;
};

}  // namespace attnscope
