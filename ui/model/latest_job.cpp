#include "ui/model/latest_job.h"

#include <exception>
#include <utility>

namespace attnscope {

LatestJob::LatestJob(QObject* parent) : QObject(parent) { m_pool.setMaxThreadCount(1); }

LatestJob::~LatestJob() {
  // The finished job's call back is posted to this object and removed with it.
  m_pool.waitForDone();
}

void LatestJob::start(Work work) {
  if (m_running) {
    m_queued = std::move(work);
  } else {
    launch(std::move(work));
  }
}

void LatestJob::launch(Work work) {
  m_running = true;
  m_pool.start([this, work = std::move(work)] {
    Finish finish;
    try {
      finish = work();
    } catch (const std::exception&) {
      // Out of memory for a picture: the view keeps the one it shows.
    }
    QMetaObject::invokeMethod(
        this, [this, finish] { finished(finish); }, Qt::QueuedConnection);
  });
}

void LatestJob::finished(const Finish& finish) {
  m_running = false;
  if (finish) finish();
  if (m_queued) {
    Work next = std::move(*m_queued);
    m_queued.reset();
    launch(std::move(next));
  }
}

}  // namespace attnscope
