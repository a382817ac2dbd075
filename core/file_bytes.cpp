#include "core/file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "core/error.h"

namespace attnscope {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

std::string systemReason(int err) {
  return err != 0 ? std::generic_category().message(err) : "unknown error";
}

std::string describeLimit(std::uintmax_t bytes) {
  for (const auto& [shift, unit] : {std::pair{30, " GiB"}, {20, " MiB"}, {10, " KiB"}}) {
    const std::uintmax_t unitBytes = std::uintmax_t{1} << shift;
    if (bytes >= unitBytes && bytes % unitBytes == 0) return std::to_string(bytes >> shift) + unit;
  }
  return std::to_string(bytes) + " bytes";
}

std::string describeNonRegular(mode_t mode) {
  if (S_ISDIR(mode)) return "it is a directory, not a regular file";
  if (S_ISFIFO(mode)) return "it is a pipe (FIFO), not a regular file";
  if (S_ISSOCK(mode)) return "it is a socket, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "it is a device, not a regular file";
  return "not a regular file";
}

// Closes the descriptor on every path out of readFileBytes.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { ::close(m_fd); }

 private:
  int m_fd;
};

Error tooLarge(const std::filesystem::path& path, std::uintmax_t maxBytes) {
  return Error(ErrorKind::LimitExceeded,
               path.string() + ": file is larger than the " + describeLimit(maxBytes) + " limit");
}

}  // namespace

std::vector<std::byte> readFileBytes(const std::filesystem::path& path, std::uintmax_t maxBytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    throw Error(ErrorKind::Io, "cannot open " + path.string() + ": " + systemReason(errno));
  const FileDescriptor file(fd);
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + systemReason(errno));
  }
  // A device, FIFO or socket has no size to check in advance (/dev/zero never ends).
  if (!S_ISREG(status.st_mode)) {
    throw Error(ErrorKind::Io,
                "cannot read " + path.string() + ": " + describeNonRegular(status.st_mode));
  }
  if (std::uintmax_t(status.st_size) > maxBytes) throw tooLarge(path, maxBytes);

  std::vector<std::byte> bytes;
  bytes.reserve(std::size_t(status.st_size));
  // Read to the end rather than st_size bytes: /proc files report 0, and a file may grow.
  std::vector<std::byte> chunk(kChunkBytes);
  for (;;) {
    const ssize_t count = ::read(fd, chunk.data(), chunk.size());
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + systemReason(errno));
    }
    if (count == 0) return bytes;
    if (bytes.size() + std::size_t(count) > maxBytes) throw tooLarge(path, maxBytes);
    bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + count);
  }
}

void writeAllBytes(int fd, std::span<const std::byte> bytes, const std::string& name) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t count = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) throw Error(ErrorKind::Io, "cannot write " + name + ": " + systemReason(errno));
    written += std::size_t(count);
  }
}

void writeFileBytes(const std::filesystem::path& path, std::span<const std::byte> bytes) {
  writeFilePieces(path, [bytes](const ByteSink& write) { write(bytes); });
}

void writeFilePieces(const std::filesystem::path& path,
                     const std::function<void(const ByteSink&)>& produce) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    throw Error(ErrorKind::Io,
                "cannot open " + path.string() + " for writing: " + systemReason(errno));
  }
  try {
    // Pieces may be small (a row of a matrix): gathered into chunks, one write() each.
    std::vector<std::byte> pending;
    pending.reserve(kChunkBytes);
    produce([&](std::span<const std::byte> piece) {
      if (pending.size() + piece.size() > kChunkBytes) {
        writeAllBytes(fd, pending, path.string());
        pending.clear();
      }
      if (piece.size() >= kChunkBytes) {
        writeAllBytes(fd, piece, path.string());
      } else {
        pending.insert(pending.end(), piece.begin(), piece.end());
      }
    });
    writeAllBytes(fd, pending, path.string());
  } catch (...) {
    ::close(fd);
    throw;
  }
  // Some file systems (NFS, quotas) report a full disk only when the file is closed.
  if (::close(fd) != 0) {
    throw Error(ErrorKind::Io, "cannot write " + path.string() + ": " + systemReason(errno));
  }
}

}  // namespace attnscope
