#pragma once

// `attnscope bench --ui`: the live window's recompute-to-replot timing, and its options.
namespace attnscope::cli {

struct UiBenchOptions {
  int sequenceLength = 128;
  int modelWidth = 512;
  int heads = 16;
  int repeat = 30;
  bool json = false;
};

// `attnscope bench --ui`: times the live window, from the end of the debounce (the request
// handed to the worker) to the last heatmap drawn, over `repeat` recomputes, and how long
// the GUI thread was busy in that time. Runs offscreen when there is no display.
int runUiBenchmark(const UiBenchOptions& options);
using UiBenchmark = int (*)(const UiBenchOptions& options);

}  // namespace attnscope::cli
