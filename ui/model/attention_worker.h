#pragma once

#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <atomic>
#include <memory>
#include <optional>
#include <utility>

#include "ui/model/attention_result.h"
#include "ui/model/result_maps.h"

namespace attnscope {

// Computes attention off the GUI thread. The newest request wins: asking again while busy
// replaces any request not yet started and cancels the running one, whose result is dropped
// (after Qt's Mandelbrot example).
class AttentionWorker : public QThread {
  Q_OBJECT

 public:
  explicit AttentionWorker(QObject* parent = nullptr);
  ~AttentionWorker() override;

  // The result comes with its maps (result->maps) coloured as `colours` asks.
  void request(const Lesson& parameters, const MapColours& colours);

 signals:
  // Emitted from the worker thread; connect with a queued connection (the default across threads).
  void resultReady(std::shared_ptr<const AttentionResult> result);

 protected:
  void run() override;

 private:
  // Hands on the previous result's label lists when the new ones are equal.
  void reuseLabels(AttentionResult& result);

  QMutex m_mutex;
  QWaitCondition m_wake;
  std::optional<Lesson> m_pending;
  MapColours m_colours;                // of the pending request
  AttentionEngine m_engine;            // used only on the worker thread
  EncoderRunner m_encoder;             // likewise, for encoder lessons
  std::atomic<bool> m_cancel = false;  // set, like m_pending, under m_mutex; read by the engine
  bool m_quit = false;
  std::pair<QStringList, QStringList> m_lastLabels;  // queries', keys'; worker thread only
};

}  // namespace attnscope
