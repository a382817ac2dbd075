#pragma once

#include <QStringList>
#include <QWidget>

namespace attnscope {

// The tokens of a sentence as rounded chips that wrap like words. Long text collapses: after
// kMaxLines lines a last chip says how many more there are, so a 10 000-character paste costs
// no more to paint than a short sentence. Tokens the model does not read (an encoder's pieces
// past its maximum length) are drawn greyed, and the last chip counts those it hides. Pieces
// the model's vocabulary does not hold (read as its "unknown" piece) are marked in amber, and
// their tooltip says so.
class TokenChips : public QWidget {
  Q_OBJECT

 public:
  explicit TokenChips(QWidget* parent = nullptr);

  // `tokens`, of which the first `readCount` are read and the rest greyed; −1: all are read.
  // `unknown[i]` marks token i as one the model does not know (empty: it knows every one).
  void setTokens(const QStringList& tokens, qsizetype readCount = -1,
                 const QList<bool>& unknown = {});
  const QStringList& tokens() const { return m_tokens; }
  qsizetype readCount() const { return m_readCount; }
  bool isRead(qsizetype index) const { return index < m_readCount; }
  bool isUnknown(qsizetype index) const { return index < m_unknown.size() && m_unknown[index]; }
  // The chip under `point` (a token's index), or −1 over a gap or a "more" chip.
  int chipAt(const QPoint& point) const;
  // The last chips' texts when `hidden` tokens do not fit: "+12 more" for those read, then,
  // greyed, "+3 past the limit" for those not read.
  QStringList moreTexts(qsizetype hidden) const;
  // How many chips are drawn before the "+N more" chip (all of them when they fit).
  int visibleChipCount() const { return layoutFor(width()).visibleCount; }

  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

  static constexpr int kMaxLines = 3;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void changeEvent(QEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Layout {
    QList<QRect> chips;  // one per visible token, then the "more" chips if any
    int visibleCount = 0;
    int height = 0;
  };
  Layout layoutFor(int width) const;
  QString chipText(int index) const;
  qsizetype unreadAmong(qsizetype hidden) const;

  QStringList m_tokens;
  qsizetype m_readCount = 0;
  QList<bool> m_unknown;
};

}  // namespace attnscope
