#include "ui/window/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace attnscope {
namespace {

QPalette darkPalette() {
  QPalette palette;
  // Fields and check boxes a step lighter than the window: Fusion outlines a check box in the
  // window's colour darkened, which vanishes on a base darker than the window.
  const QColor window(0x2b, 0x2d, 0x31), base(0x3a, 0x3d, 0x43), text(0xe6, 0xe6, 0xe6);
  palette.setColor(QPalette::Window, window);
  palette.setColor(QPalette::WindowText, text);
  palette.setColor(QPalette::Base, base);
  palette.setColor(QPalette::AlternateBase, QColor(0x46, 0x49, 0x50));
  palette.setColor(QPalette::ToolTipBase, base);
  palette.setColor(QPalette::ToolTipText, text);
  palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
  palette.setColor(QPalette::Text, text);
  palette.setColor(QPalette::Button, window);
  palette.setColor(QPalette::ButtonText, text);
  palette.setColor(QPalette::BrightText, Qt::white);
  palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
  palette.setColor(QPalette::HighlightedText, Qt::white);
  palette.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xf0));
  palette.setColor(QPalette::Mid, QColor(0x6a, 0x6d, 0x74));
  palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
  palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
  palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
  return palette;
}

}  // namespace

bool isDark(const QPalette& palette) {
  return palette.color(QPalette::Window).lightness() <
         palette.color(QPalette::WindowText).lightness();
}

void applyTheme(Theme theme) {
  // The platform's own style and palette, remembered before the first change.
  static const QString systemStyle = QApplication::style()->name();
  static const QPalette systemPalette = QApplication::palette();
  switch (theme) {
    case Theme::System:
      QApplication::setStyle(QStyleFactory::create(systemStyle));
      QApplication::setPalette(systemPalette);
      break;
    case Theme::Light:
      QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
      QApplication::setPalette(QApplication::style()->standardPalette());
      break;
    case Theme::Dark:
      QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
      QApplication::setPalette(darkPalette());
      break;
  }
}

}  // namespace attnscope
