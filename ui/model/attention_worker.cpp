#include "ui/model/attention_worker.h"

namespace attnscope {

AttentionWorker::AttentionWorker(QObject* parent) : QThread(parent) {
  qRegisterMetaType<std::shared_ptr<const AttentionResult>>();
  m_engine.setCancelFlag(&m_cancel);
}

AttentionWorker::~AttentionWorker() {
  {
    QMutexLocker lock(&m_mutex);
    m_quit = true;
    m_cancel = true;  // closing the window does not wait for a long computation
    m_wake.wakeOne();
  }
  wait();
}

void AttentionWorker::request(const Lesson& parameters) {
  QMutexLocker lock(&m_mutex);
  m_pending = parameters;
  m_cancel = true;  // whatever runs now is superseded (reset when the worker takes this one)
  if (!isRunning()) {
    start(QThread::LowPriority);
  } else {
    m_wake.wakeOne();
  }
}

void AttentionWorker::run() {
  forever {
    Lesson parameters;
    {
      QMutexLocker lock(&m_mutex);
      while (!m_pending && !m_quit) m_wake.wait(&m_mutex);
      if (m_quit) return;
      parameters = std::move(*m_pending);
      m_pending.reset();
      m_cancel = false;
    }
    auto result =
        std::make_shared<const AttentionResult>(computeAttention(parameters, m_engine, &m_encoder));
    QMutexLocker lock(&m_mutex);
    if (m_quit) return;
    if (!m_pending) emit resultReady(std::move(result));  // else a newer request is waiting
  }
}

}  // namespace attnscope
