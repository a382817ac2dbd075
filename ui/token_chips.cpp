#include "ui/token_chips.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include "core/lesson.h"

namespace attnscope {
namespace {

constexpr int kPadding = 6;  // inside a chip, horizontally
constexpr int kGap = 4;      // between chips and lines
constexpr int kMaxChipWidth = 220;

}  // namespace

TokenChips::TokenChips(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void TokenChips::setTokens(const QStringList& tokens) {
  if (tokens == m_tokens) return;
  m_tokens = tokens;
  updateGeometry();
  update();
}

QString TokenChips::chipText(int index) const { return m_tokens[index]; }

QString TokenChips::moreText(int hidden) const { return tr("+%n more", nullptr, hidden); }

TokenChips::Layout TokenChips::layoutFor(int width) const {
  Layout layout;
  const QFontMetrics metrics(font());
  const int chipHeight = metrics.height() + 4;
  const int usable = width > 0 ? width : 400;  // before the first show, lay out for a typical width
  auto chipWidth = [&](const QString& text) {
    return std::min(kMaxChipWidth, metrics.horizontalAdvance(text) + 2 * kPadding);
  };
  int x = 0, line = 0;
  for (int i = 0; i < m_tokens.size(); ++i) {
    const int w = chipWidth(chipText(i));
    if (x > 0 && x + w > usable) {
      x = 0;
      ++line;
    }
    // On the last line, keep room for the "more" chip if tokens remain after this one.
    const int reserve =
        i + 1 < m_tokens.size() ? chipWidth(moreText(m_tokens.size() - i)) + kGap : 0;
    if (line >= kMaxLines || (line == kMaxLines - 1 && x + w + reserve > usable)) {
      const int hidden = int(m_tokens.size()) - i;
      if (line >= kMaxLines) {
        line = kMaxLines - 1;
      }
      layout.chips.append(
          QRect(x, line * (chipHeight + kGap), chipWidth(moreText(hidden)), chipHeight));
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
  for (int i = 0; i < layout.chips.size(); ++i) {
    const QRectF chip = QRectF(layout.chips[i]).adjusted(0.5, 0.5, -0.5, -0.5);
    const bool isMore = i >= layout.visibleCount;
    const bool isPadding = !isMore && m_tokens[i] == QLatin1String(kPaddingToken);
    QPainterPath path;
    path.addRoundedRect(chip, 6, 6);
    painter.fillPath(path, isMore || isPadding ? colors.window() : colors.alternateBase());
    painter.setPen(QPen(colors.mid().color(), 1, isPadding ? Qt::DashLine : Qt::SolidLine));
    painter.drawPath(path);
    painter.setPen(isMore || isPadding ? colors.placeholderText().color() : colors.text().color());
    // Elide only chips cut at kMaxChipWidth: elidedText also trims text that fits exactly.
    const int room = layout.chips[i].width() - 2 * kPadding;
    const QString text = isMore ? moreText(int(m_tokens.size()) - layout.visibleCount)
                         : metrics.horizontalAdvance(chipText(i)) <= room
                             ? chipText(i)
                             : metrics.elidedText(chipText(i), Qt::ElideRight, room);
    painter.drawText(chip, Qt::AlignCenter, text);
  }
}

}  // namespace attnscope
