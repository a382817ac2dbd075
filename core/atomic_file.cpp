#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/error.h"
#include "core/file_bytes.h"
#include "core/output_target.h"

namespace attnscope {
namespace {

[[noreturn]] void failIo(const std::string& what, int error) {
  throw Error(ErrorKind::Io, what + ": " + std::strerror(error));
}

// The rename is durable only once the folder's entry is on disk; a failure here is not worth
// failing the save for, as the file itself is complete.
void syncFolder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& requested, std::span<const std::byte> bytes) {
  const std::filesystem::path path = outputFileTarget(requested);
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  const std::string name = requested.string();
  // A short hidden name beside the target: same file system, so the rename is atomic, and within
  // NAME_MAX whatever the length of the target's own name.
  std::string temporary = (folder / ".attnscope-XXXXXX").string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) failIo("cannot write " + name, errno);
  try {
    struct stat existing {};
    const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? existing.st_mode & 07777 : 0644;
    if (::fchmod(fd, mode) != 0) failIo("cannot set the mode of " + temporary, errno);
    writeAllBytes(fd, bytes, name);
    if (::fsync(fd) != 0) failIo("cannot flush " + name + " to disk", errno);
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    failIo("cannot write " + name, error);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    failIo("cannot replace " + name, error);
  }
  syncFolder(folder);
}

}  // namespace attnscope
