#include "ui/window/token_chips.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include "core/lesson.h"

namespace attnscope {
namespace {

constexpr int kPadding = 6;  // inside a chip, horizontally
constexpr int kGap = 4;      // between chips and lines
constexpr int kMaxChipWidth = 220;
// Amber: a warning that reads on light and dark backgrounds alike, unlike the palette's greys.
const QColor kUnknownColor(0xE0, 0x8E, 0x0B);

}  // namespace

TokenChips::TokenChips(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void TokenChips::setTokens(const QStringList& tokens, qsizetype readCount,
                           const QList<bool>& unknown) {
  readCount = readCount < 0 ? tokens.size() : std::min(readCount, tokens.size());
  if (tokens == m_tokens && readCount == m_readCount && unknown == m_unknown) return;
  m_tokens = tokens;
  m_readCount = readCount;
  m_unknown = unknown;
  updateGeometry();
  update();
}

QString TokenChips::chipText(int index) const { return m_tokens[index]; }

qsizetype TokenChips::unreadAmong(qsizetype hidden) const {
  // The unread tokens are the last ones, so a hidden tail holds all of them it can.
  return std::min(hidden, m_tokens.size() - m_readCount);
}

QStringList TokenChips::moreTexts(qsizetype hidden) const {
  const qsizetype unread = unreadAmong(hidden);
  QStringList texts;
  if (hidden > unread) texts << tr("+%n more", nullptr, int(hidden - unread));
  if (unread > 0) texts << tr("+%n past the limit", nullptr, int(unread));
  return texts;
}

TokenChips::Layout TokenChips::layoutFor(int width) const {
  Layout layout;
  const QFontMetrics metrics(font());
  const int chipHeight = metrics.height() + 4;
  const int usable = width > 0 ? width : 400;  // before the first show, lay out for a typical width
  auto chipWidth = [&](const QString& text) {
    return std::min(kMaxChipWidth, metrics.horizontalAdvance(text) + 2 * kPadding);
  };
  auto moreWidth = [&](qsizetype hidden) {
    int total = 0;
    for (const QString& text : moreTexts(hidden)) total += chipWidth(text) + kGap;
    return total;
  };
  int x = 0, line = 0;
  for (int i = 0; i < m_tokens.size(); ++i) {
    const int w = chipWidth(chipText(i));
    if (x > 0 && x + w > usable) {
      x = 0;
      ++line;
    }
    // On the last line, keep room for the "more" chips if tokens remain after this one.
    const int reserve = i + 1 < m_tokens.size() ? moreWidth(m_tokens.size() - i) : 0;
    if (line >= kMaxLines || (line == kMaxLines - 1 && x + w + reserve > usable)) {
      const int hidden = int(m_tokens.size()) - i;
      if (line >= kMaxLines) {
        line = kMaxLines - 1;
      }
      for (const QString& text : moreTexts(hidden)) {
        layout.chips.append(QRect(x, line * (chipHeight + kGap), chipWidth(text), chipHeight));
        x += layout.chips.back().width() + kGap;
      }
      layout.visibleCount = i;
      layout.height = (line + 1) * (chipHeight + kGap);
      return layout;
    }
    layout.chips.append(QRect(x, line * (chipHeight + kGap), w, chipHeight));
    x += w + kGap;
  }
  layout.visibleCount = int(m_tokens.size());
  layout.height = m_tokens.isEmpty() ? chipHeight : (line + 1) * (chipHeight + kGap);
  return layout;
}

int TokenChips::heightForWidth(int width) const { return layoutFor(width).height; }

QSize TokenChips::sizeHint() const { return {400, heightForWidth(400)}; }

QSize TokenChips::minimumSizeHint() const { return {100, QFontMetrics(font()).height() + 4}; }

int TokenChips::chipAt(const QPoint& point) const {
  const Layout layout = layoutFor(width());
  for (int i = 0; i < layout.visibleCount; ++i) {
    if (layout.chips[i].contains(point)) return i;
  }
  return -1;
}

bool TokenChips::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    const int index = chipAt(help->pos());
    if (index >= 0 && isUnknown(index)) {
      QToolTip::showText(help->globalPos(),
                         tr("“%1” is not in the model's vocabulary: it reads it as its unknown "
                            "piece, the same vector for every such piece.")
                             .arg(m_tokens[index]),
                         this);
    } else {
      QToolTip::hideText();
      event->ignore();
    }
    return true;
  }
  return QWidget::event(event);
}

void TokenChips::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) updateGeometry();
  QWidget::changeEvent(event);
}

void TokenChips::paintEvent(QPaintEvent*) {
  // Laid out here, with the font and width the chips are painted with: cheap, since layout
  // stops after kMaxLines lines however long the text.
  const Layout layout = layoutFor(width());
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QPalette& colors = palette();
  const QFontMetrics metrics(font());
  const qsizetype hidden = m_tokens.size() - layout.visibleCount;
  const QStringList more = moreTexts(hidden);
  for (int i = 0; i < layout.chips.size(); ++i) {
    const QRectF chip = QRectF(layout.chips[i]).adjusted(0.5, 0.5, -0.5, -0.5);
    const bool isMore = i >= layout.visibleCount;
    const bool isPadding = !isMore && m_tokens[i] == QLatin1String(kPaddingToken);
    // A token past the limit, or the last "more" chip when it counts such tokens.
    const bool isUnread =
        isMore ? i + 1 == layout.chips.size() && unreadAmong(hidden) > 0 : !isRead(i);
    QPainterPath path;
    path.addRoundedRect(chip, 6, 6);
    const bool greyed = isMore || isPadding || isUnread;
    const bool unknown = !isMore && isUnknown(i);
    painter.fillPath(path, greyed ? colors.window() : colors.alternateBase());
    if (unknown) {
      QColor tint = kUnknownColor;
      tint.setAlphaF(0.22f);
      painter.fillPath(path, tint);
    }
    painter.setPen(QPen(unknown ? kUnknownColor : colors.mid().color(), unknown ? 2 : 1,
                        isPadding  ? Qt::DashLine
                        : isUnread ? Qt::DotLine
                                   : Qt::SolidLine));
    painter.drawPath(path);
    painter.setPen(greyed ? colors.placeholderText().color() : colors.text().color());
    // Elide only chips cut at kMaxChipWidth: elidedText also trims text that fits exactly.
    const int room = layout.chips[i].width() - 2 * kPadding;
    const QString text = isMore ? more[i - layout.visibleCount]
                         : metrics.horizontalAdvance(chipText(i)) <= room
                             ? chipText(i)
                             : metrics.elidedText(chipText(i), Qt::ElideRight, room);
    painter.drawText(chip, Qt::AlignCenter, text);
  }
}

}  // namespace attnscope
