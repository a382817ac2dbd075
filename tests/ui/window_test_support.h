#pragma once

#include <QCoreApplication>
#include <QTest>
#include <gtest/gtest.h>

#include "ui/attention_document.h"

namespace attnscope::testing {

// Skips the debounce and waits (processing events, never sleeping) until the result on screen
// was computed from the document's current parameters.
inline void waitForCurrentResult(AttentionDocument* document) {
  document->flushDebounce();
  ASSERT_TRUE(QTest::qWaitFor(
      [document] {
        auto result = document->result();
        return result && result->parameters == document->parameters();
      },
      10000));
  QCoreApplication::processEvents();
}

}  // namespace attnscope::testing
