#pragma once

#include <QPalette>

namespace attnscope {

enum class Theme { System, Light, Dark };

// Qt 6.4 has no colour-scheme hint, so "System" keeps the platform's palette and the app reads
// its lightness; Light and Dark switch to the Fusion style with a palette of our own.
void applyTheme(Theme theme);
bool isDark(const QPalette& palette);

}  // namespace attnscope
