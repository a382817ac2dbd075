#include "app/live_update_bench.h"

#include <time.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "app/median.h"
#include "ui/model/attention_document.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/language.h"
#include "ui/window/main_window.h"

namespace attnscope::cli {
namespace {

QString wordsOf(int count) {
  QStringList words;
  for (int i = 0; i < count; ++i) words << QStringLiteral("w%1").arg(i % 97);
  return words.join(QLatin1Char(' '));
}

// Processes events, sleeping while there are none, until `done` or the deadline. (The overload
// of processEvents with a time limit drops WaitForMoreEvents and spins, which counted the wait
// for the worker as GUI-thread CPU; a timer wakes this wait to check the deadline instead.)
template <typename Done>
bool waitUntil(Done done, int milliseconds) {
  QElapsedTimer deadline;
  deadline.start();
  QTimer wake;
  wake.start(50);
  while (!done()) {
    if (deadline.elapsed() > milliseconds) return false;
    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
  }
  return true;
}

// Times each outermost event delivery on the GUI thread: the longest is the longest stretch in
// which the window could not answer a click or repaint (nested deliveries are inside it).
class TimedApplication : public QApplication {
 public:
  using QApplication::QApplication;

  bool notify(QObject* receiver, QEvent* event) override {
    if (m_depth > 0) return QApplication::notify(receiver, event);
    QElapsedTimer timer;
    timer.start();
    ++m_depth;
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    m_longest = std::max(m_longest, double(timer.nsecsElapsed()) / 1e6);
    return handled;
  }
  // The longest delivery since the last call, in milliseconds.
  double takeLongestEvent() { return std::exchange(m_longest, 0.0); }

 private:
  int m_depth = 0;
  double m_longest = 0;
};

// CPU time of the calling (GUI) thread: the time the engine could have blocked it, had it run
// there.
double guiThreadCpuMilliseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

}  // namespace

int runUiBenchmark(const UiBenchOptions& options) {
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  int argc = 1;
  char name[] = "attnscope";
  char* argv[] = {name, nullptr};
  TimedApplication application(argc, argv);
  QStandardPaths::setTestModeEnabled(true);  // leave the user's saved settings alone
  Language language;
  MainWindow window(&language);
  window.resize(1600, 1000);
  window.show();

  AttentionDocument* document = window.document();
  Lesson parameters = document->parameters();
  parameters.text = wordsOf(options.sequenceLength).toStdString();
  parameters.modelWidth = options.modelWidth;
  parameters.heads = options.heads;
  parameters.mask = LessonMask::Causal;

  QElapsedTimer clock;
  clock.start();
  std::vector<double> latencies, busyTimes, longestEvents;
  for (int run = -3; run < options.repeat; ++run) {  // three warm-up runs
    parameters.seed = std::uint64_t(run + 1000);
    document->change(parameters, QStringLiteral("bench"));
    int pending = 0;  // tiles still to draw after the result arrived
    const qint64 start = clock.nsecsElapsed();
    const double cpuStart = guiThreadCpuMilliseconds();
    application.takeLongestEvent();
    document->flushDebounce();
    bool shown = false;
    QObject::connect(
        window.headsView(), &HeadsView::resultShown, &application,
        [&] {
          shown = true;
          pending = int(window.headsView()->tiles().size());
          for (HeatmapPlot* tile : window.headsView()->tiles()) {
            QObject::connect(
                tile, &HeatmapPlot::cellsDrawn, &application, [&pending] { --pending; },
                Qt::SingleShotConnection);
          }
        },
        Qt::SingleShotConnection);
    if (!waitUntil([&] { return shown && pending <= 0; }, 60000)) {
      std::fprintf(stderr, "attnscope: error: the window did not show a result within 60 s\n");
      return 1;
    }
    if (run >= 0) {
      latencies.push_back(double(clock.nsecsElapsed() - start) / 1e6);
      busyTimes.push_back(guiThreadCpuMilliseconds() - cpuStart);
      longestEvents.push_back(application.takeLongestEvent());
    }
  }
  const double latency = median(latencies);
  const double busyMedian = median(busyTimes);
  const double worst = *std::max_element(latencies.begin(), latencies.end());
  const double longestEvent = median(longestEvents);
  const double longestEventMax = *std::max_element(longestEvents.begin(), longestEvents.end());
  if (options.json) {
    std::printf(
        "{\"mode\": \"ui\", \"seq_len\": %d, \"d_model\": %d, \"heads\": %d, \"runs\": %zu, "
        "\"median_ms\": %.3f, \"max_ms\": %.3f, \"gui_cpu_median_ms\": %.3f, "
        "\"longest_event_median_ms\": %.3f, \"longest_event_max_ms\": %.3f}\n",
        options.sequenceLength, options.modelWidth, options.heads, latencies.size(), latency, worst,
        busyMedian, longestEvent, longestEventMax);
  } else {
    std::printf("live update, L=%d d_model=%d heads=%d, %zu runs (%s platform)\n",
                options.sequenceLength, options.modelWidth, options.heads, latencies.size(),
                qPrintable(QGuiApplication::platformName()));
    std::printf("  end of debounce -> last heatmap drawn: median %.2f ms, max %.2f ms\n", latency,
                worst);
    std::printf(
        "  GUI thread CPU in that time: median %.2f ms (drawing; the engine runs on a "
        "worker)\n",
        busyMedian);
    std::printf("  longest single GUI-thread event in that time: median %.2f ms, max %.2f ms\n",
                longestEvent, longestEventMax);
  }
  return 0;
}

}  // namespace attnscope::cli
