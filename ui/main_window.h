#pragma once

#include <QMainWindow>

class QLabel;
class QLineEdit;

namespace attnscope {

// The first window: type a sentence and see how AttnScope tokenizes it. The heatmaps, controls
// and step-through grow from here.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

 private:
  void showTokens(const QString& text);

  QLineEdit* m_sentence;
  QLabel* m_tokens;
};

}  // namespace attnscope
