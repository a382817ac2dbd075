// attnscope: with no arguments the window; with a verb, a headless command that exits.
#include <cstdio>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "app/command_line.h"
#include "app/dump_command.h"
#include "app/gui_main.h"
#include "core/error.h"

namespace {

constexpr const char* kUsage = R"(Usage:
  attnscope                 open the window
  attnscope dump [OPTIONS]  write every intermediate of one forward pass as .npy files
  attnscope --version       print the version
  attnscope --help          show this help

Run 'attnscope VERB --help' for a verb's options.
)";

// Scripts read this line: one line, never translated.
int fail(int status, std::string message) {
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::cerr << "attnscope: error: " << message << '\n';
  return status;
}

int runVerb(const std::vector<std::string>& arguments) {
  const std::string& verb = arguments.front();
  const std::span<const std::string> rest(arguments.begin() + 1, arguments.end());
  if (verb == "--help" || verb == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (verb == "--version") {
    std::cout << "attnscope " ATTNSCOPE_VERSION "\n";
    return 0;
  }
  if (verb == "dump") return attnscope::cli::runDump(rest);
  throw attnscope::cli::UsageError("unknown verb or option '" + verb +
                                   "' (try 'attnscope --help')");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc <= 1) return attnscope::runGui(argc, argv);
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  try {
    return runVerb(arguments);
  } catch (const attnscope::cli::UsageError& error) {
    return fail(2, error.what());
  } catch (const attnscope::Error& error) {
    return fail(1, error.what());
  } catch (const std::bad_alloc&) {
    return fail(1, "out of memory");
  } catch (const std::exception& error) {
    return fail(1, error.what());
  }
}
