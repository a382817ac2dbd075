#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace attnscope::cli {

// Runs read(), which reads the file an option names, and puts the option in front of any error:
// with several files on one command line, "--weights: /dev/null: file is 0 bytes" says which.
template <typename Read>
auto readOptionFile(std::string_view option, Read&& read) -> decltype(read()) {
  try {
    return std::forward<Read>(read)();
  } catch (const Error& error) {
    throw Error(error.kind(), std::string(option) + ": " + error.what());
  }
}

}  // namespace attnscope::cli
