#include "core/file_bytes.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
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

Error tooLarge(const std::filesystem::path& path, std::uintmax_t maxBytes) {
  return Error(ErrorKind::LimitExceeded,
               path.string() + ": file is larger than the " + describeLimit(maxBytes) + " limit");
}

}  // namespace

std::vector<std::byte> readFileBytes(const std::filesystem::path& path, std::uintmax_t maxBytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + systemReason(EISDIR));
  }
  // Pipes and devices have no size; for them the read loop below enforces the limit.
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  const bool sizeKnown = !ec;
  if (sizeKnown && size > maxBytes) throw tooLarge(path, maxBytes);

  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, "cannot open " + path.string() + ": " + systemReason(errno));

  std::vector<std::byte> bytes;
  if (sizeKnown) bytes.reserve(size);
  // A separate chunk keeps the result from over-allocating when the known size is exact.
  std::vector<std::byte> chunk(kChunkBytes);
  while (in) {
    errno = 0;
    in.read(reinterpret_cast<char*>(chunk.data()), static_cast<std::streamsize>(chunk.size()));
    if (in.bad()) {
      throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + systemReason(errno));
    }
    bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + in.gcount());
    if (bytes.size() > maxBytes) throw tooLarge(path, maxBytes);
  }
  return bytes;
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
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    throw Error(ErrorKind::Io,
                "cannot open " + path.string() + " for writing: " + systemReason(errno));
  }
  try {
    writeAllBytes(fd, bytes, path.string());
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
