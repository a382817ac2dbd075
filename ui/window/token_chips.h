#pragma once

#include <QStringList>
#include <QWidget>

namespace attnscope {

// The tokens of a sentence as rounded chips that wrap like words. Long text collapses: after
// kMaxLines lines a last chip says how many more there are, so a 10 000-character paste costs
// no more to paint than a short sentence.
class TokenChips : public QWidget {
  Q_OBJECT

 public:
  explicit TokenChips(QWidget* parent = nullptr);

  void setTokens(const QStringList& tokens);
  const QStringList& tokens() const { return m_tokens; }
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

 private:
  struct Layout {
    QList<QRect> chips;  // one per visible token, then the "more" chip if any
    int visibleCount = 0;
    int height = 0;
  };
  Layout layoutFor(int width) const;
  QString chipText(int index) const;
  QString moreText(int hidden) const;

  QStringList m_tokens;
};

}  // namespace attnscope
