#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <functional>
#include <map>

namespace attnscope::testing {

// A QApplication that watches its own event loop for the GUI abuse test:
//  - every exception that would escape an event handler into Qt is caught in notify(), recorded
//    and swallowed (Qt cannot unwind through its event loop);
//  - the time the GUI thread spends in each outermost event delivery is measured, so the longest
//    stretch without a return to the event loop is known, with what caused it;
//  - qCritical and qFatal messages are recorded (qFatal still aborts, after printing).
// Code that a test runs directly rather than through an event (QAction::trigger, an export) is
// measured the same way by wrapping it in busy().
class WatchedApplication : public QApplication {
 public:
  WatchedApplication(int& argc, char** argv);
  ~WatchedApplication() override;

  static WatchedApplication* instance();

  bool notify(QObject* receiver, QEvent* event) override;
  // Runs `work` as one uninterrupted stretch of GUI-thread work named `what`, catching and
  // recording any exception it throws.
  void busy(const QString& what, const std::function<void()>& work);

  // What the test is doing now, named in stall and exception records.
  void setCurrentAction(const QString& action) { m_action = action; }
  // Renames the current action, in the records made since setCurrentAction too.
  void renameCurrentAction(const QString& action);

  struct Stall {
    double milliseconds = 0;
    QString action;  // the test's action at the time
    QString what;    // the event type and receiver, or the busy() name
  };
  const Stall& worstStall() const { return m_worst; }
  // Stalls over `threshold` milliseconds, in the order they happened (at most a few dozen kept).
  const QList<Stall>& longStalls() const { return m_long; }
  const QStringList& exceptions() const { return m_exceptions; }
  const QStringList& criticalMessages() const { return m_critical; }
  // Warnings, counted by text, for the report.
  const std::map<QString, int>& warnings() const { return m_warnings; }

  static constexpr double kLongStallMilliseconds = 100.0;

 private:
  static void handleMessage(QtMsgType type, const QMessageLogContext& context,
                            const QString& message);
  void record(double milliseconds, const QString& what);
  void recordException(const QString& what, const char* message);

  int m_depth = 0;
  QString m_action;
  Stall m_worst;
  QList<Stall> m_long;
  QStringList m_exceptions;
  QStringList m_critical;
  std::map<QString, int> m_warnings;
  QtMessageHandler m_previousHandler = nullptr;
};

}  // namespace attnscope::testing
