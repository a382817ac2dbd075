#include "ui/window/attention_lines_view.h"

#include <QMouseEvent>
#include <QPainter>

#include "ui/figure/figure_lines.h"

namespace attnscope {
namespace {

constexpr int kMargin = 8;

}  // namespace

AttentionLinesView::AttentionLinesView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setBackgroundRole(QPalette::Base);
  setAutoFillBackground(true);
}

void AttentionLinesView::setWeights(HeatmapData weights, double low, double high) {
  m_weights = std::move(weights);
  m_low = low;
  m_high = high;
  update();
}

void AttentionLinesView::setTokenWindow(TokenWindow window) {
  if (window == m_window) return;
  m_window = window;
  update();
}

void AttentionLinesView::setChosenQuery(std::optional<int> query) {
  if (query == m_chosen) return;
  m_chosen = query;
  update();
}

void AttentionLinesView::setFontScale(double scale) {
  m_fontScale = scale;
  update();
}

std::vector<AttentionLine> AttentionLinesView::shownLines() const {
  return attentionLines(m_weights, m_window, m_low, m_high, shownQuery());
}

LinesLayout AttentionLinesView::layout() const {
  return linesLayout(QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin),
                     QFontMetricsF(font()), m_weights, m_window);
}

QPointF AttentionLinesView::queryPosition(int query) const {
  const LinesLayout lines = layout();
  return {lines.queries.center().x(), lines.queryEnd(query).y()};
}

QSize AttentionLinesView::sizeHint() const {
  return QSize(fontMetrics().averageCharWidth() * 40, fontMetrics().height() * 20);
}

QSize AttentionLinesView::minimumSizeHint() const {
  return QSize(fontMetrics().averageCharWidth() * 20, fontMetrics().height() * 6);
}

void AttentionLinesView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  if (m_weights.isPicture()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                     Qt::AlignCenter | Qt::TextWordWrap,
                     tr("This text is too long for the full trace, so there is no weight per "
                        "pair of tokens to draw as lines. Shorten the text to see them."));
    return;
  }
  LinesLook look;
  look.font = font();
  look.text = palette().color(QPalette::Text);
  look.muted = palette().color(QPalette::PlaceholderText);
  // On a dark background the accent is lightened, so a faint line still shows.
  const bool dark = palette().color(QPalette::Base).lightness() < 128;
  look.line = palette().color(QPalette::Highlight).lighter(dark ? 150 : 100);
  look.chosen = palette().color(QPalette::Highlight);
  look.chosenText = palette().color(QPalette::HighlightedText);
  look.minLineWidth = m_fontScale;
  look.maxLineWidth = 6 * m_fontScale;
  look.queriesTitle = tr("queries");
  look.keysTitle = tr("keys");
  drawAttentionLines(painter, layout(), m_weights, shownLines(), look, shownQuery());
}

void AttentionLinesView::setHovered(std::optional<int> query) {
  if (query == m_hovered) return;
  m_hovered = query;
  update();
}

void AttentionLinesView::mouseMoveEvent(QMouseEvent* event) {
  setHovered(layout().queryAt(event->position()));
}

void AttentionLinesView::mousePressEvent(QMouseEvent* event) {
  const std::optional<int> query = layout().queryAt(event->position());
  if (event->button() == Qt::LeftButton && query) {
    m_chosen = query;
    update();
    emit queryChosen(*query);
  }
  QWidget::mousePressEvent(event);
}

void AttentionLinesView::leaveEvent(QEvent* event) {
  setHovered(std::nullopt);
  QWidget::leaveEvent(event);
}

}  // namespace attnscope
