#include "ui/window/row_softmax_plot.h"

#include <algorithm>
#include <cmath>

#include "ui/model/attention_result.h"

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
  fitKeyLabels();
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
  const QStringList keys = result.keyLabels;
  m_keyStride = std::max(1, int(keys.size()) / 24);  // at most ~24 readable labels
  m_keyLabels.clear();
  for (int j = 0; j < keys.size(); j += m_keyStride) {
    ticker->addTick(j, keys[j]);
    m_keyLabels << keys[j];
  }
  xAxis->setTicker(ticker);
  xAxis->setRange(-0.6, double(keys.size()) - 0.4);
  fitKeyLabels();
}

double RowSoftmaxPlot::keyLabelRotation() const { return xAxis->tickLabelRotation(); }

void RowSoftmaxPlot::resizeEvent(QResizeEvent* event) {
  QCustomPlot::resizeEvent(event);
  fitKeyLabels();
}

void RowSoftmaxPlot::fitKeyLabels() {
  if (m_keyLabels.isEmpty()) return;
  // Each label has its ticks' spacing across; slanted at θ a label of width w and height h
  // needs h / sin θ of it (the next label's baseline is that far along), upright h.
  const QFontMetricsF metrics(xAxis->tickLabelFont());
  double widest = 0;
  for (const QString& label : m_keyLabels)
    widest = std::max(widest, metrics.horizontalAdvance(label));
  const double plotWidth = axisRect()->width() > 0 ? axisRect()->width() : width() * 0.85;
  const double spacing = plotWidth * m_keyStride / std::max(1.0, xAxis->range().size());
  const double gap = metrics.averageCharWidth();
  const double rotation = widest + gap <= spacing                              ? 0
                          : metrics.height() * std::sqrt(2.0) + gap <= spacing ? 45
                                                                               : 90;
  if (xAxis->tickLabelRotation() != rotation) xAxis->setTickLabelRotation(rotation);
  replot(rpQueuedReplot);
}

}  // namespace attnscope
