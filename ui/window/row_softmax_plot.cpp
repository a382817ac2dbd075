#include "ui/window/row_softmax_plot.h"

#include <algorithm>
#include <cmath>

#include "ui/model/attention_result.h"
#include "ui/model/token_labels.h"

namespace attnscope {

std::vector<double> softmax(const std::vector<double>& logits) {
  std::vector<double> weights(logits.size());
  if (logits.empty()) return weights;
  const double maximum = *std::max_element(logits.begin(), logits.end());
  double sum = 0.0;
  for (std::size_t j = 0; j < logits.size(); ++j) sum += weights[j] = std::exp(logits[j] - maximum);
  for (double& weight : weights) weight /= sum;
  return weights;
}

RowSoftmaxPlot::RowSoftmaxPlot(QWidget* parent)
    : QCustomPlot(parent),
      m_withScaling(new QCPBars(xAxis, yAxis)),
      m_withoutScaling(new QCPBars(xAxis, yAxis)) {
  auto* group = new QCPBarsGroup(this);
  m_withScaling->setBarsGroup(group);
  m_withoutScaling->setBarsGroup(group);
  m_withScaling->setWidth(0.38);
  m_withoutScaling->setWidth(0.38);
  m_withScaling->setBrush(QColor(0x3b, 0x82, 0xc4));
  m_withScaling->setPen(Qt::NoPen);
  m_withoutScaling->setBrush(QColor(0xe0, 0x7b, 0x39));
  m_withoutScaling->setPen(Qt::NoPen);
  yAxis->setRange(0, 1.05);
  yAxis->ticker()->setTickCount(2);  // 0, 0.5, 1: room for them in a short chart at any size
  // The legend in its own row above the bars: inside them it covered the tallest bars, and in
  // the narrow column beside the step's maps it was cut off.
  legend->setVisible(true);
  plotLayout()->insertRow(0);
  plotLayout()->addElement(0, 0, legend);
  plotLayout()->setRowStretchFactor(0, 0.001);
  legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  applyFont();
  applyPalette();
  retranslate();
}

void RowSoftmaxPlot::applyPalette() {
  // QCustomPlot paints white with black lines whatever the theme: follow the window's colours.
  const QPalette colors = palette();
  const QColor text = colors.color(QPalette::WindowText);
  QColor grid = colors.color(QPalette::Mid);
  grid.setAlphaF(0.6f);
  setBackground(colors.window());
  for (QCPAxis* axis : axisRect()->axes()) {
    axis->setBasePen(QPen(text));
    axis->setTickPen(QPen(text));
    axis->setSubTickPen(QPen(text));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
  }
  legend->setTextColor(text);
  replot(rpQueuedReplot);
}

void RowSoftmaxPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::FontChange) applyFont();
  if (event->type() == QEvent::PaletteChange) applyPalette();
  QCustomPlot::changeEvent(event);
}

void RowSoftmaxPlot::applyFont() {
  const QFont text = font();
  legend->setFont(text);
  for (int i = 0; i < legend->itemCount(); ++i) legend->item(i)->setFont(text);
  for (QCPAxis* axis : axisRect()->axes()) {
    axis->setTickLabelFont(text);
    axis->setLabelFont(text);
  }
  // The legend's two lines, slanted key labels and a few lines of bars.
  setMinimumHeight(int(QFontMetricsF(text).height() * 11));
  replot(rpQueuedReplot);
}

void RowSoftmaxPlot::retranslate() {
  m_withScaling->setName(tr("softmax(q·k / √d_k)"));
  m_withoutScaling->setName(tr("softmax(q·k), unscaled"));
  yAxis->setLabel(tr("weight"));
  replot(rpQueuedReplot);
}

void RowSoftmaxPlot::showRow(const AttentionResult& result, int head, int query) {
  const AttentionTrace& trace = *result.trace;
  const auto h = std::size_t(head), i = std::size_t(query);
  std::vector<double> scaled, unscaled;
  for (std::size_t j = 0; j < trace.keyLength(); ++j) {
    const bool kept = trace.mask.keeps(head, i, j);
    scaled.push_back(trace.masked(h, i, j));
    unscaled.push_back(kept ? double(trace.scores(h, i, j)) : -1e9);
  }
  m_scaled = softmax(scaled);
  m_unscaled = softmax(unscaled);

  QVector<double> positions;
  for (std::size_t j = 0; j < trace.keyLength(); ++j) positions << double(j);
  m_withScaling->setData(positions, QVector<double>(m_scaled.begin(), m_scaled.end()), true);
  m_withoutScaling->setData(positions, QVector<double>(m_unscaled.begin(), m_unscaled.end()), true);
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  const QStringList keys = tokenLabels(result.keyTokens);
  const int stride = std::max(1, int(keys.size()) / 24);  // at most ~24 readable labels
  for (int j = 0; j < keys.size(); j += stride) ticker->addTick(j, keys[j]);
  xAxis->setTicker(ticker);
  xAxis->setTickLabelRotation(keys.size() > 8 ? 45 : 0);
  xAxis->setRange(-0.6, double(keys.size()) - 0.4);
  replot(rpQueuedReplot);
}

}  // namespace attnscope
