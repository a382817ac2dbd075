#pragma once

#include <QWidget>

#include "ui/model/attention_lines.h"

class QLabel;
class QSlider;
class QSpinBox;

namespace attnscope {

// A window of tokens over a long sentence: a slider moves its start along the sentence, a spin
// box sets how many tokens it holds, and a label says which they are. Qt has no slider with two
// handles; a start and a width say the same and each is one plain control.
class TokenWindowBar : public QWidget {
  Q_OBJECT

 public:
  explicit TokenWindowBar(QWidget* parent = nullptr);

  // A new sentence length: the window becomes defaultTokenWindow's when the length changes.
  void setTokenCount(int tokens);
  int tokenCount() const { return m_tokens; }
  TokenWindow window() const { return m_window; }
  // Clamped to the sentence; emits windowChanged when it moves.
  void setWindow(TokenWindow window);
  QSlider* startSlider() const { return m_start; }
  QSpinBox* widthBox() const { return m_width; }

 signals:
  void windowChanged(TokenWindow window);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showWindow();
  void retranslate();

  QLabel* m_title;
  QSlider* m_start;
  QSpinBox* m_width;
  QLabel* m_shown;
  int m_tokens = 0;
  TokenWindow m_window;
};

}  // namespace attnscope
