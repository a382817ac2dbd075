#pragma once

#include <QList>
#include <QString>

#include "core/session_file.h"

namespace attnscope {

// The example lessons compiled in from resources/examples/ (Qt resource prefix :/examples), for
// File ▸ Examples.
struct ExampleSession {
  QString resourcePath;  // e.g. ":/examples/english_causal.attnscope"
  QString title;         // translated, for the menu
};

// In menu order.
QList<ExampleSession> exampleSessions();

// Parses an example; throws attnscope::Error like parseSession (a test keeps every example valid).
Session openExample(const QString& resourcePath);

}  // namespace attnscope
