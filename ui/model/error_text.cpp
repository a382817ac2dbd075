#include "ui/model/error_text.h"

#include <QCoreApplication>

namespace attnscope {

// Gives these free functions tr(), under a context lupdate sees.
class ErrorText {
  Q_DECLARE_TR_FUNCTIONS(attnscope::ErrorText)
};

QString outOfMemoryText() {
  return ErrorText::tr("Not enough memory for this: choose shorter texts or smaller sizes.");
}

}  // namespace attnscope
