#include "core/file_bytes.h"

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

void writeFileBytes(const std::filesystem::path& path, std::span<const std::byte> bytes) {
  writeFilePieces(path, [bytes](const ByteSink& write) { write(bytes); });
}

void writeFilePieces(const std::filesystem::path& path,
                     const std::function<void(const ByteSink&)>& produce) {
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw Error(ErrorKind::Io,
                "cannot open " + path.string() + " for writing: " + systemReason(errno));
  }
  errno = 0;
  produce([&out](std::span<const std::byte> piece) {
    if (out) {
      out.write(reinterpret_cast<const char*>(piece.data()),
                static_cast<std::streamsize>(piece.size()));
    }
  });
  // Buffered data reaches the disk only here, so a full disk often shows up at flush or close.
  if (out) out.flush();
  if (out) out.close();
  if (!out) {
    throw Error(ErrorKind::Io, "cannot write " + path.string() + ": " + systemReason(errno));
  }
}

}  // namespace attnscope
