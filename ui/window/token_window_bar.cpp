#include "ui/window/token_window_bar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

namespace attnscope {

TokenWindowBar::TokenWindowBar(QWidget* parent)
    : QWidget(parent),
      m_title(new QLabel),
      m_start(new QSlider(Qt::Horizontal)),
      m_width(new QSpinBox),
      m_shown(new QLabel) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_title);
  layout->addWidget(m_start, 1);
  layout->addWidget(m_width);
  layout->addWidget(m_shown);
  m_width->setMinimum(1);
  connect(m_start, &QSlider::valueChanged, this, [this](int from) {
    setWindow({from, from + m_window.size()});
  });
  connect(m_width, &QSpinBox::valueChanged, this, [this](int width) {
    setWindow({m_window.from, m_window.from + width});
  });
  retranslate();
}

void TokenWindowBar::setTokenCount(int tokens) {
  if (tokens == m_tokens) return;
  m_tokens = tokens;
  setWindow(defaultTokenWindow(tokens));
}

void TokenWindowBar::setWindow(TokenWindow window) {
  window = clampedTokenWindow(window, m_tokens);
  const bool moved = window != m_window;
  m_window = window;
  showWindow();
  if (moved) emit windowChanged(window);
}

void TokenWindowBar::showWindow() {
  const QSignalBlocker blockStart(m_start), blockWidth(m_width);
  m_width->setMaximum(std::max(1, m_tokens));
  m_width->setValue(m_window.size());
  m_start->setRange(0, std::max(0, m_tokens - m_window.size()));
  m_start->setPageStep(std::max(1, m_window.size()));
  m_start->setValue(m_window.from);
  m_shown->setText(tr("tokens %1–%2 of %3").arg(m_window.from + 1).arg(m_window.to).arg(m_tokens));
}

void TokenWindowBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void TokenWindowBar::retranslate() {
  m_title->setText(tr("Focus:"));
  m_start->setToolTip(tr("Move the window of tokens along the sentence"));
  m_width->setToolTip(tr("How many tokens the window holds"));
  m_width->setSuffix(tr(" tokens"));
  showWindow();
}

}  // namespace attnscope
