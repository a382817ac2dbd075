#pragma once

#include <qcustomplot.h>

#include <vector>

namespace attnscope {

struct AttentionResult;

// One query row's softmax with and without the 1/√d_k scaling, as bars side by side: the
// picture of why the scaling exists (unscaled, softmax saturates onto one key).
class RowSoftmaxPlot : public QCustomPlot {
  Q_OBJECT

 public:
  explicit RowSoftmaxPlot(QWidget* parent = nullptr);
  void showRow(const AttentionResult& result, int head, int query);
  // The two distributions last shown (for tests).
  const std::vector<double>& scaledWeights() const { return m_scaled; }
  const std::vector<double>& unscaledWeights() const { return m_unscaled; }
  // The key labels' slant in degrees: 0 while each fits its bar's width, else 45, else 90.
  double keyLabelRotation() const;

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void retranslate();
  // QCustomPlot copies the widget's font when it is built; these follow it (presentation mode).
  void applyFont();
  void applyPalette();
  // Slants the key labels as far as they need not to overlap.
  void fitKeyLabels();

  QCPBars* m_withScaling;
  QCPBars* m_withoutScaling;
  std::vector<double> m_scaled, m_unscaled;
  QStringList m_keyLabels;  // those drawn, every stride-th key's
  int m_keyStride = 1;
};

// Softmax of one row of logits, the same stable way the engine computes it.
std::vector<double> softmax(const std::vector<double>& logits);

}  // namespace attnscope
