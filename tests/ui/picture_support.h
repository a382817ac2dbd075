#pragma once

#include <QString>
#include <QTest>
#include <QWidget>
#include <cstdio>

#include "ui/model/attention_document.h"

// What the programs that render the window to pictures share (screenshot_tour, guide_pictures).
namespace attnscope::pictures {

// Waits, up to 20 s, until the result on screen is the document's, then lets queued replots
// run; a result that does not come is a warning naming `program` (the picture may be stale).
inline void settle(AttentionDocument* document, const char* program) {
  document->flushDebounce();
  const bool settled = QTest::qWaitFor(
      [document] {
        auto result = document->result();
        return result && result->parameters == document->parameters();
      },
      20000);
  if (!settled) qWarning("%s: no result within 20 s; this picture may be stale", program);
  QTest::qWait(150);
}

// Grabs `widget` into the PNG at `path` and prints the path.
inline void save(QWidget* widget, const QString& path) {
  widget->grab().save(path);
  std::printf("%s\n", qPrintable(path));
}

}  // namespace attnscope::pictures
