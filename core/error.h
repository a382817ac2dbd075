#pragma once

#include <stdexcept>
#include <string>

// How the core reports failure: one exception type (Error) carrying a kind (ErrorKind) and a
// one-line message.
namespace attnscope {

// What went wrong, so a caller can choose its reaction (the CLI maps these to exit statuses).
enum class ErrorKind {
  InvalidArgument,  // a size, option or parameter the caller chose is not acceptable
  InvalidData,      // outside data (a file, typed text, an array) is malformed or inconsistent
  LimitExceeded,    // the request is valid but larger than a documented limit
  Io,               // the operating system refused a read or a write
  Cancelled,        // the caller asked a running computation to stop (a newer one replaces it)
  OutOfMemory,      // memory, or a thread (its stack), could not be had; the message says for what
};

// The one exception type the core throws. The core never aborts or prints: callers catch this.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  ErrorKind kind() const { return m_kind; }

 private:
  ErrorKind m_kind;
};

}  // namespace attnscope
