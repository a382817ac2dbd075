#pragma once

#include <QString>
#include <exception>

#include "core/printable_text.h"

namespace attnscope {

// An error's message for a label: names from a damaged file may hold control characters or
// bytes that are not UTF-8, which the label would drop or turn into U+FFFD; escaped, the user
// sees exactly which bytes the file holds.
inline QString errorText(const std::exception& error) {
  return QString::fromStdString(printableText(error.what()));
}

}  // namespace attnscope
