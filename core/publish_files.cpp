#include "core/publish_files.h"

#include <unistd.h>

#include <atomic>
#include <system_error>

#include "core/error.h"
#include "core/file_bytes.h"

namespace fs = std::filesystem;

namespace attnscope {
namespace {

[[noreturn]] void failIo(const fs::path& path, const std::error_code& error) {
  throw Error(ErrorKind::Io, path.string() + ": " + error.message());
}

// A name no other writer uses at the same time: process id plus a per-process counter.
fs::path stagingPath(const fs::path& parent, const std::string& stem) {
  static std::atomic<unsigned> counter{0};
  return parent / ("." + stem + ".attnscope-staging-" + std::to_string(::getpid()) + "-" +
                   std::to_string(counter++));
}

// The outermost ancestor of `path` that does not exist yet, or empty if `path` exists.
fs::path firstMissingAncestor(const fs::path& path) {
  fs::path missing;
  for (fs::path p = path; !p.empty() && !fs::exists(p); p = p.parent_path()) {
    missing = p;
    if (p == p.parent_path()) break;
  }
  return missing;
}

}  // namespace

void publishFiles(const fs::path& directory, std::span<const OutputFile> files) {
  for (const OutputFile& file : files) {
    if (file.name.empty() || fs::path(file.name).filename() != file.name) {
      throw Error(ErrorKind::InvalidArgument, "bad output file name '" + file.name + "'");
    }
  }
  std::error_code error;
  const fs::path target = directory.empty() ? fs::path(".") : directory;
  const bool targetExists = fs::exists(target, error);
  if (targetExists && !fs::is_directory(target, error)) {
    throw Error(ErrorKind::Io, target.string() + ": exists and is not a directory");
  }

  // A new directory is staged beside its final place and renamed as a whole; an existing one
  // gets a staging folder inside it (same file system, so each rename is atomic).
  const fs::path absoluteTarget = fs::absolute(target, error);
  if (error) failIo(target, error);
  const fs::path parent = absoluteTarget.parent_path();
  const fs::path createdAncestor = targetExists ? fs::path() : firstMissingAncestor(parent);
  const fs::path staging = targetExists ? stagingPath(absoluteTarget, "output")
                                        : stagingPath(parent, absoluteTarget.filename().string());
  auto cleanUp = [&] {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (!createdAncestor.empty()) fs::remove_all(createdAncestor, ignored);
  };
  try {
    if (!targetExists) {
      fs::create_directories(parent, error);
      if (error) failIo(parent, error);
    }
    fs::create_directory(staging, error);
    if (error) failIo(staging, error);
    for (const OutputFile& file : files) {
      if (file.pieces) {
        writeFilePieces(staging / file.name, file.pieces);
      } else {
        writeFileBytes(staging / file.name, file.bytes);
      }
    }
    if (!targetExists) {
      fs::rename(staging, absoluteTarget, error);
      if (error) failIo(absoluteTarget, error);
      return;
    }
    for (const OutputFile& file : files) {
      fs::rename(staging / file.name, absoluteTarget / file.name, error);
      if (error) failIo(absoluteTarget / file.name, error);
    }
    fs::remove(staging, error);
  } catch (...) {
    cleanUp();
    throw;
  }
}

}  // namespace attnscope
