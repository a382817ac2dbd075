#include "ui/model/attention_worker.h"

#include <QThreadPool>
#include <exception>

namespace attnscope {
namespace {

// A result's last owner is usually a view on the GUI thread; freeing a long text's trace and
// pictures (hundreds of megabytes) there cost milliseconds of returning pages to the system.
// QCoreApplication waits for the global pool when it ends, so none is left behind.
void deleteOffTheGuiThread(const AttentionResult* result) {
  QThreadPool::globalInstance()->start([result] { delete result; });
}

}  // namespace

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

void AttentionWorker::request(const Lesson& parameters, const MapColours& colours) {
  QMutexLocker lock(&m_mutex);
  m_pending = parameters;
  m_colours = colours;
  m_cancel = true;  // whatever runs now is superseded (reset when the worker takes this one)
  if (!isRunning()) {
    start(QThread::LowPriority);
  } else {
    m_wake.wakeOne();
  }
}

void AttentionWorker::reuseLabels(AttentionResult& result) {
  // Equal lists become the same list: every view that compares the new labels with those it
  // shows (each of 16 tiles, the chips) then compares one pointer, not 16 384 strings.
  if (result.queryLabels == m_lastLabels.first) result.queryLabels = m_lastLabels.first;
  if (result.keyLabels == m_lastLabels.second) result.keyLabels = m_lastLabels.second;
  if (result.keyLabels == result.queryLabels) result.keyLabels = result.queryLabels;
  m_lastLabels = {result.queryLabels, result.keyLabels};
}

void AttentionWorker::run() {
  forever {
    Lesson parameters;
    MapColours colours;
    {
      QMutexLocker lock(&m_mutex);
      while (!m_pending && !m_quit) m_wake.wait(&m_mutex);
      if (m_quit) return;
      parameters = std::move(*m_pending);
      m_pending.reset();
      colours = m_colours;
      m_cancel = false;
    }
    AttentionResult computed = computeAttention(parameters, m_engine, &m_encoder);
    reuseLabels(computed);
    try {
      // Drawn here, so that the GUI thread only places the pictures.
      computed.maps = std::make_shared<const ResultMaps>(buildResultMaps(computed, colours));
    } catch (const std::exception&) {  // bad_alloc, or QtConcurrent's wrapping of it
      computed.error = tr("There is not enough memory to draw the heads of this text.");
      computed.trace.reset();
      computed.summary.reset();
    }
    std::shared_ptr<const AttentionResult> result(new AttentionResult(std::move(computed)),
                                                  &deleteOffTheGuiThread);
    QMutexLocker lock(&m_mutex);
    if (m_quit) return;
    if (!m_pending) emit resultReady(std::move(result));  // else a newer request is waiting
  }
}

}  // namespace attnscope
