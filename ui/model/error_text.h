#pragma once

#include <QString>
#include <exception>
#include <new>
#include <utility>

#include "core/error.h"
#include "core/printable_text.h"

// Problems as the user reads them: the window shows them in place, the export functions return
// them. Functions that can fail return the problem as a sentence, or an empty string.
namespace attnscope {

// An error's message for a label: names from a damaged file may hold control characters or
// bytes that are not UTF-8, which the label would drop or turn into U+FFFD; escaped, the user
// sees exactly which bytes the file holds.
inline QString errorText(const std::exception& error) {
  return QString::fromStdString(printableText(error.what()));
}

// "Not enough memory …": what the user reads when an allocation fails.
QString outOfMemoryText();

// Runs `work`, which reports failure by throwing core's Error (or running out of memory), and
// returns the problem as a sentence, or an empty string when it succeeded. One rule for every
// caller: a failed allocation is a message, never a crash.
template <typename Work>
[[nodiscard]] QString problemFrom(Work&& work) {
  try {
    std::forward<Work>(work)();
  } catch (const Error& error) {
    return errorText(error);
  } catch (const std::bad_alloc&) {
    return outOfMemoryText();
  }
  return {};
}

}  // namespace attnscope
