#pragma once

#include <QObject>
#include <QThreadPool>
#include <functional>
#include <optional>

namespace attnscope {

// Runs work off the GUI thread, one job at a time: what a view needs next, built while the view
// goes on showing what it has. A job returns what to do with its result, which runs back on the
// owner's thread, in the order the jobs were started. Jobs started while one runs collapse into
// the newest, so a view that moves on does not queue up pictures it has left behind.
class LatestJob : public QObject {
  Q_OBJECT

 public:
  using Finish = std::function<void()>;  // runs on the owner's thread
  using Work = std::function<Finish()>;  // runs on the job's thread; must not touch widgets

  explicit LatestJob(QObject* parent = nullptr);
  ~LatestJob() override;  // waits for a running job, whose result is dropped

  void start(Work work);
  // No job runs or waits.
  bool idle() const { return !m_running && !m_queued; }

 private:
  void launch(Work work);
  void finished(const Finish& finish);

  QThreadPool m_pool;
  std::optional<Work> m_queued;
  bool m_running = false;
};

}  // namespace attnscope
