#include "tests/ui/event_loop_watch.h"

#include <QMetaEnum>
#include <cstdio>
#include <exception>

namespace attnscope::testing {
namespace {

constexpr qsizetype kMaxLongStallsKept = 40;

QString describe(QObject* receiver, QEvent* event) {
  const char* type = QMetaEnum::fromType<QEvent::Type>().valueToKey(event->type());
  QString text =
      type ? QString::fromLatin1(type) : QStringLiteral("event %1").arg(int(event->type()));
  if (receiver) {
    text += QStringLiteral(" to ") + QString::fromLatin1(receiver->metaObject()->className());
    if (!receiver->objectName().isEmpty())
      text += QStringLiteral(" \"%1\"").arg(receiver->objectName());
  }
  return text;
}

}  // namespace

WatchedApplication::WatchedApplication(int& argc, char** argv) : QApplication(argc, argv) {
  m_previousHandler = qInstallMessageHandler(&WatchedApplication::handleMessage);
}

WatchedApplication::~WatchedApplication() { qInstallMessageHandler(m_previousHandler); }

WatchedApplication* WatchedApplication::instance() {
  return static_cast<WatchedApplication*>(QCoreApplication::instance());
}

bool WatchedApplication::notify(QObject* receiver, QEvent* event) {
  // Only the outermost delivery is a stretch without the event loop: nested ones are inside it.
  const bool outermost = m_depth == 0;
  QElapsedTimer timer;
  if (outermost) timer.start();
  // Described before delivery: the receiver may be deleted by its own event.
  const QString what = outermost ? describe(receiver, event) : QString();
  ++m_depth;
  bool handled = false;
  try {
    handled = QApplication::notify(receiver, event);
  } catch (const std::exception& error) {
    recordException(what.isEmpty() ? describe(receiver, event) : what, error.what());
  } catch (...) {
    recordException(what.isEmpty() ? describe(receiver, event) : what, "unknown exception");
  }
  --m_depth;
  if (outermost) record(double(timer.nsecsElapsed()) / 1e6, what);
  return handled;
}

void WatchedApplication::busy(const QString& what, const std::function<void()>& work) {
  const bool outermost = m_depth == 0;
  QElapsedTimer timer;
  timer.start();
  ++m_depth;
  try {
    work();
  } catch (const std::exception& error) {
    recordException(what, error.what());
  } catch (...) {
    recordException(what, "unknown exception");
  }
  --m_depth;
  if (outermost) record(double(timer.nsecsElapsed()) / 1e6, what);
}

void WatchedApplication::renameCurrentAction(const QString& action) {
  if (m_worst.action == m_action) m_worst.action = action;
  for (Stall& stall : m_long) {
    if (stall.action == m_action) stall.action = action;
  }
  for (QString& entry : m_exceptions) entry.replace(m_action, action);
  m_action = action;
}

void WatchedApplication::record(double milliseconds, const QString& what) {
  if (milliseconds > m_worst.milliseconds) m_worst = {milliseconds, m_action, what};
  if (milliseconds > kLongStallMilliseconds && m_long.size() < kMaxLongStallsKept) {
    m_long.append({milliseconds, m_action, what});
  }
}

void WatchedApplication::recordException(const QString& what, const char* message) {
  const QString entry =
      QStringLiteral("%1 (action %2): %3").arg(what, m_action, QString::fromUtf8(message));
  std::fprintf(stderr, "exception escaped to the event loop: %s\n", qPrintable(entry));
  m_exceptions.append(entry);
}

void WatchedApplication::handleMessage(QtMsgType type, const QMessageLogContext& context,
                                       const QString& message) {
  auto* self = instance();
  const QString category = QString::fromLatin1(context.category ? context.category : "default");
  const QString entry = QStringLiteral("[%1] %2").arg(category, message);
  // Every critical and fatal message counts, whatever its category: none is expected from the
  // window, and the offscreen platform emits none on this machine (none is ignored).
  if (type == QtCriticalMsg || type == QtFatalMsg) {
    std::fprintf(stderr, "%s: %s\n", type == QtFatalMsg ? "qFatal" : "qCritical",
                 qPrintable(entry));
    if (self) self->m_critical.append(entry);
    if (type == QtFatalMsg) std::fflush(stderr);  // Qt aborts after the handler returns
    return;
  }
  if (type == QtWarningMsg && self) ++self->m_warnings[entry];
}

}  // namespace attnscope::testing
