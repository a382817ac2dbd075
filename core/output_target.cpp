#include "core/output_target.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <system_error>

#include "core/error.h"

namespace fs = std::filesystem;

namespace attnscope {
namespace {

// "a directory", "a character device", …: what stands where the output would go.
std::string kindOf(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "a special file";
}

[[noreturn]] void refuse(const fs::path& path, const std::string& why) {
  throw Error(ErrorKind::Io, path.string() + ": " + why);
}

[[noreturn]] void failIo(const fs::path& path, int error) {
  refuse(path, std::generic_category().message(error));
}

// lstat, or nullopt-like false when nothing is there; any other failure is reported.
bool lookAt(const fs::path& path, struct stat& info) {
  if (::lstat(path.c_str(), &info) == 0) return true;
  if (errno == ENOENT) return false;
  failIo(path, errno);
}

// Where a symbolic link finally leads, with what is there. A link to nothing is refused.
fs::path followLink(const fs::path& link, struct stat& info) {
  std::error_code error;
  const fs::path target = fs::canonical(link, error);
  if (error) {
    refuse(link, "is a symbolic link that leads nowhere (" + error.message() + ")");
  }
  if (::stat(target.c_str(), &info) != 0) failIo(target, errno);
  return target;
}

fs::path withoutTrailingSeparators(const fs::path& path) {
  std::string text = path.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

fs::path outputFileTarget(const fs::path& path) {
  struct stat info {};
  if (!lookAt(path, info) || S_ISREG(info.st_mode)) return path;
  if (!S_ISLNK(info.st_mode)) {
    refuse(path, "is " + kindOf(info.st_mode) + ", not a regular file: refusing to replace it");
  }
  const fs::path target = followLink(path, info);
  if (!S_ISREG(info.st_mode)) {
    refuse(path, "is a symbolic link to " + kindOf(info.st_mode) + " (" + target.string() +
                     "): only links to regular files are written through");
  }
  return target;
}

fs::path outputFolderTarget(const fs::path& path) {
  const fs::path folder = withoutTrailingSeparators(path);
  struct stat info {};
  if (!lookAt(folder, info) || S_ISDIR(info.st_mode)) return folder;
  if (!S_ISLNK(info.st_mode)) refuse(folder, "is " + kindOf(info.st_mode) + ", not a directory");
  const fs::path target = followLink(folder, info);
  if (!S_ISDIR(info.st_mode)) {
    refuse(folder, "is a symbolic link to " + kindOf(info.st_mode) + " (" + target.string() +
                       "), not to a directory");
  }
  return target;
}

void requireReplaceableEntry(int folderFd, const std::string& name, const fs::path& shown) {
  struct stat info {};
  if (::fstatat(folderFd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return;
    failIo(shown, errno);
  }
  if (!S_ISREG(info.st_mode)) {
    refuse(shown, "is " + kindOf(info.st_mode) + ", not a regular file: refusing to replace it");
  }
}

}  // namespace attnscope
