#pragma once

#include <new>
#include <string>
#include <string_view>

#include "core/error.h"

// A failed allocation reported with what was being allocated: "out of memory (the full trace of
// 8 heads × 4096 × 4096, 1024 MiB)" tells the user which size to lower; a bare std::bad_alloc
// from deep inside Eigen or the standard library does not.
namespace attnscope {

inline Error outOfMemory(std::string_view what) {
  return Error(ErrorKind::OutOfMemory, "out of memory (" + std::string(what) + ")");
}

// Runs `step`; a std::bad_alloc it throws (from new, a container or Eigen) becomes
// Error(OutOfMemory) naming `what`.
template <class Step>
decltype(auto) allocating(std::string_view what, Step&& step) {
  try {
    return step();
  } catch (const std::bad_alloc&) {
    throw outOfMemory(what);
  }
}

}  // namespace attnscope
