// attnscope: with no arguments the window; with a verb, a headless command that exits.
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "app/bench_command.h"
#include "app/command_line.h"
#include "app/dump_command.h"
#include "app/export_command.h"
#include "app/gui_main.h"
#include "app/live_update_bench.h"
#include "app/window_options.h"
#include "core/error.h"
#include "core/isa.h"
#include "core/printable_text.h"
#include "core/version.h"

namespace {

constexpr const char* kUsage = R"(Usage:
  attnscope                   open the window
  attnscope LESSON.attnscope  open the window on a saved lesson
  attnscope --text "..." [OPTIONS]  open the window on a sentence (options below)
  attnscope dump [OPTIONS]  write every intermediate of one forward pass as .npy files
  attnscope export [OPTIONS] draw a figure (PNG, SVG or PDF) of one forward pass
  attnscope bench [OPTIONS] time the forward pass on random inputs of a given size
  attnscope --version       print the version
  attnscope --help          show this help

Run 'attnscope VERB --help' for a verb's options.

)";

// Scripts read this line: one line, never translated. Messages quote names and paths from
// files and the command line, so control characters and invalid bytes are escaped.
int fail(int status, std::string_view message) {
  std::cerr << "attnscope: error: " << attnscope::printableText(message) << '\n';
  return status;
}

// What a verb printed reaches its reader only once stdout is flushed: a full disk or a closed
// pipe shows up here, and a run whose output was lost must not exit 0.
int checkedStdout(int status) {
  errno = 0;  // the first failing write sets it; flushing again does not clear it
  std::cout.flush();
  if (std::fflush(stdout) == 0 && !std::ferror(stdout) && std::cout.good()) return status;
  const int error = errno;
  return fail(1, "cannot write to standard output: " +
                     (error != 0 ? std::generic_category().message(error) : "write error"));
}

int runVerb(const std::vector<std::string>& arguments) {
  const std::string& verb = arguments.front();
  const std::span<const std::string> rest(arguments.begin() + 1, arguments.end());
  if (verb == "--help" || verb == "-h") {
    std::cout << kUsage << attnscope::cli::kWindowUsage;
    return 0;
  }
  if (verb == "--version") {
    const std::string isa = attnscope::isaName();  // may throw: print nothing then
    std::cout << "attnscope " << attnscope::kVersion << " (" << isa << ")\n";
    return 0;
  }
  if (verb == "dump") return attnscope::cli::runDump(rest);
  if (verb == "export") return attnscope::cli::runExport(rest);
  if (verb == "bench") return attnscope::cli::runBench(rest, attnscope::cli::runUiBenchmark);
  throw attnscope::cli::UsageError("unknown verb or option '" + verb +
                                   "' (try 'attnscope --help')");
}

// What a last-resort "out of memory" names when no deeper step said what it was allocating.
std::string runningWhat(const std::vector<std::string>& arguments) {
  const std::string& first = arguments.front();
  return first.starts_with("--") ? "preparing the window" : "running attnscope " + first;
}

}  // namespace

int main(int argc, char** argv) {
  // No arguments, or a lesson to open: the window.
  if (argc <= 1 || (argc == 2 && std::string_view(argv[1]).ends_with(".attnscope"))) {
    return attnscope::runGui(argc, argv);
  }
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  try {
    // Options without a verb: the window on that state, checked before any window appears.
    const std::string& first = arguments.front();
    if (first.starts_with("--") && first != "--help" && first != "--version") {
      const attnscope::Session state = attnscope::cli::windowSession(arguments);
      return attnscope::runGui(1, argv, &state);  // Qt sees no options of ours
    }
    return checkedStdout(runVerb(arguments));
  } catch (const attnscope::cli::UsageError& error) {
    return fail(2, error.what());
  } catch (const attnscope::Error& error) {
    return fail(1, error.what());
  } catch (const std::bad_alloc&) {
    return fail(1, "out of memory (" + runningWhat(arguments) + ")");
  } catch (const std::system_error& error) {
    // A thread the system refused (EAGAIN: no memory for its stack, or the thread limit).
    if (error.code() == std::errc::resource_unavailable_try_again ||
        error.code() == std::errc::not_enough_memory) {
      return fail(1, "out of memory (" + runningWhat(arguments) + ": " + error.what() + ")");
    }
    return fail(1, error.what());
  } catch (const std::exception& error) {
    return fail(1, error.what());
  }
}
