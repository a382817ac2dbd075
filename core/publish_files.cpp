// Publishing a set of files into a folder all or nothing, without ever removing what this run
// did not create (issue 20, points 1, 2 and 7).
#include "core/publish_files.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_NOREPLACE
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <random>
#include <set>
#include <system_error>

#include "core/error.h"
#include "core/file_bytes.h"
#include "core/output_target.h"

namespace fs = std::filesystem;

namespace attnscope {
namespace {

[[noreturn]] void failIo(const fs::path& path, int error) {
  throw Error(ErrorKind::Io, path.string() + ": " + std::generic_category().message(error));
}

// An open descriptor, closed when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const { return m_fd; }

 private:
  int m_fd;
};

Descriptor openFolder(int parentFd, const fs::path& path) {
  const int fd = ::openat(parentFd, path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) failIo(path, errno);
  return Descriptor(fd);
}

// Which file a name stands for, so clean-up can tell its own file from one put there since.
struct Identity {
  dev_t device;
  ino_t inode;
  bool operator==(const Identity&) const = default;
};

std::optional<Identity> identityAt(int folderFd, const char* name) {
  struct stat info {};
  if (::fstatat(folderFd, name, &info, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
  return Identity{info.st_dev, info.st_ino};
}

// rename that never replaces: a name that appeared meanwhile is someone else's, not ours to
// overwrite. File systems without RENAME_NOREPLACE get a check just before a plain rename.
int renameNoReplace(int fromFd, const char* from, int toFd, const char* to) {
  if (::renameat2(fromFd, from, toFd, to, RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  if (identityAt(toFd, to)) {
    errno = EEXIST;
    return -1;
  }
  return ::renameat(fromFd, from, toFd, to);
}

// A folder this run created, removed again on failure only while it is the same, empty folder.
struct CreatedFolder {
  fs::path path;
  std::optional<Identity> identity;
};

void removeCreatedFolders(const std::vector<CreatedFolder>& created) {
  for (auto folder = created.rbegin(); folder != created.rend(); ++folder) {
    if (identityAt(AT_FDCWD, folder->path.c_str()) != folder->identity) return;
    if (::rmdir(folder->path.c_str()) != 0) return;  // not empty: someone else uses it now
  }
}

// Creates `folder` and its missing ancestors, outermost first, returning the ones this run made
// (a folder another process makes at the same moment is theirs, not ours).
std::vector<CreatedFolder> createMissingFolders(const fs::path& folder) {
  std::vector<fs::path> missing;
  for (fs::path path = folder; path.has_relative_path(); path = path.parent_path()) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) == 0) break;
    if (errno != ENOENT) failIo(path, errno);
    missing.push_back(path);
  }
  std::vector<CreatedFolder> created;
  try {
    for (auto path = missing.rbegin(); path != missing.rend(); ++path) {
      if (::mkdir(path->c_str(), 0777) == 0) {
        created.push_back({*path, identityAt(AT_FDCWD, path->c_str())});
      } else if (errno != EEXIST) {
        failIo(*path, errno);
      }
    }
  } catch (...) {
    removeCreatedFolders(created);
    throw;
  }
  return created;
}

// A new empty hidden folder in `parent`, with a short name so that it fits NAME_MAX whatever
// the output folder is called, and the usual mode, as it may become the output folder itself.
fs::path createStagingFolder(const fs::path& parent) {
  static constexpr char kLetters[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 random{std::random_device{}() ^ std::uint64_t(::getpid())};
  std::uniform_int_distribution<std::size_t> letter(0, sizeof kLetters - 2);
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = ".attnscope-";
    for (int i = 0; i < 6; ++i) name += kLetters[letter(random)];
    const fs::path staging = parent / name;
    if (::mkdir(staging.c_str(), 0777) == 0) return staging;
    if (errno != EEXIST) failIo(parent, errno);
  }
  failIo(parent, EEXIST);
}

// The folders the files' names go through ("layer1" for "layer1/q.npy"), each after its parent.
std::vector<std::string> subfoldersOf(std::span<const OutputFile> files) {
  std::set<std::string> folders;
  for (const OutputFile& file : files) {
    for (std::size_t slash = file.name.find('/'); slash != std::string::npos;
         slash = file.name.find('/', slash + 1)) {
      folders.insert(file.name.substr(0, slash));
    }
  }
  // A set orders "a" before "a/b": parents come first.
  return {folders.begin(), folders.end()};
}

// Removes the empty folders among `folders` (relative to `parentFd`), innermost first.
void removeEmptyFolders(int parentFd, std::span<const std::string> folders) {
  for (auto folder = folders.rbegin(); folder != folders.rend(); ++folder) {
    ::unlinkat(parentFd, folder->c_str(), AT_REMOVEDIR);
  }
}

// Removes the files this run wrote into its staging folder, then the folder if that empties it.
void removeStaging(const fs::path& staging, std::span<const OutputFile> files) {
  for (const OutputFile& file : files) ::unlink((staging / file.name).c_str());
  const std::vector<std::string> subfolders = subfoldersOf(files);
  for (auto folder = subfolders.rbegin(); folder != subfolders.rend(); ++folder) {
    ::rmdir((staging / *folder).c_str());
  }
  ::rmdir(staging.c_str());
}

// A subfolder a publish writes into must be a folder itself, not a link that leads elsewhere.
void requireSubfolder(int folderFd, const std::string& name, const fs::path& shown) {
  struct stat info {};
  if (::fstatat(folderFd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return;
    failIo(shown, errno);
  }
  if (!S_ISDIR(info.st_mode)) {
    throw Error(ErrorKind::Io, shown.string() + ": is not a directory (" +
                                   (S_ISLNK(info.st_mode) ? "a symbolic link" : "a file") +
                                   "): refusing to write into it");
  }
}

// Every destination checked: subfolders are folders, files are absent or regular files.
void requireDestinations(int folderFd, const fs::path& folder, std::span<const OutputFile> files) {
  for (const std::string& subfolder : subfoldersOf(files)) {
    requireSubfolder(folderFd, subfolder, folder / subfolder);
  }
  for (const OutputFile& file : files) {
    requireReplaceableEntry(folderFd, file.name, folder / file.name);
  }
}

// Advisory: publishes into one folder take turns. A file system without locks still publishes.
void lockFolder(int folderFd, const fs::path& folder) {
  while (::flock(folderFd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    if (errno == ENOLCK || errno == EOPNOTSUPP || errno == EINVAL) return;
    failIo(folder, errno);
  }
}

// Moves the staged files into the locked folder so that it ends with all of them or exactly as
// it was: the originals move aside into the staging folder first, then the new files move in; on
// a failure the new files move back out (only while still the ones this run put there) and the
// originals back in.
void swapIntoFolder(int folderFd, const fs::path& folder, const fs::path& staging,
                    std::span<const OutputFile> files, const PublishHooks& hooks) {
  const Descriptor stagingFd = openFolder(AT_FDCWD, staging);
  constexpr const char* kKept = "kept";
  if (::mkdirat(stagingFd.get(), kKept, 0700) != 0) failIo(staging / kKept, errno);
  const Descriptor keptFd = openFolder(stagingFd.get(), kKept);
  const std::vector<std::string> subfolders = subfoldersOf(files);
  for (const std::string& subfolder : subfolders) {
    if (::mkdirat(keptFd.get(), subfolder.c_str(), 0700) != 0) {
      failIo(staging / kKept / subfolder, errno);
    }
  }

  std::vector<std::string> createdSubfolders;
  std::vector<const char*> movedAside;
  std::vector<std::pair<const char*, std::optional<Identity>>> movedIn;
  try {
    for (const std::string& subfolder : subfolders) {
      if (::mkdirat(folderFd, subfolder.c_str(), 0777) == 0) {
        createdSubfolders.push_back(subfolder);
      } else if (errno != EEXIST) {
        failIo(folder / subfolder, errno);
      }
    }
    for (const OutputFile& file : files) {
      const char* name = file.name.c_str();
      if (::renameat(folderFd, name, keptFd.get(), name) == 0) {
        movedAside.push_back(name);
      } else if (errno != ENOENT) {
        failIo(folder / file.name, errno);
      }
    }
    for (const OutputFile& file : files) {
      const char* name = file.name.c_str();
      if (hooks.beforeRename) hooks.beforeRename(file.name);
      const std::optional<Identity> identity = identityAt(stagingFd.get(), name);
      if (renameNoReplace(stagingFd.get(), name, folderFd, name) != 0) {
        failIo(folder / file.name, errno);
      }
      movedIn.emplace_back(name, identity);
    }
  } catch (const std::exception& failure) {
    bool restored = true;
    for (auto moved = movedIn.rbegin(); moved != movedIn.rend(); ++moved) {
      const auto& [name, identity] = *moved;
      if (identityAt(folderFd, name) != identity ||
          ::renameat(folderFd, name, stagingFd.get(), name) != 0) {
        restored = false;
      }
    }
    for (auto name = movedAside.rbegin(); name != movedAside.rend(); ++name) {
      if (renameNoReplace(keptFd.get(), *name, folderFd, *name) != 0) restored = false;
    }
    removeEmptyFolders(folderFd, createdSubfolders);
    if (!restored) {
      throw Error(ErrorKind::Io, std::string(failure.what()) +
                                     "; the files it replaced are kept in " +
                                     (staging / kKept).string());
    }
    removeEmptyFolders(keptFd.get(), subfolders);
    ::unlinkat(stagingFd.get(), kKept, AT_REMOVEDIR);
    throw;
  }
  for (const char* name : movedAside) ::unlinkat(keptFd.get(), name, 0);
  removeEmptyFolders(keptFd.get(), subfolders);
  ::unlinkat(stagingFd.get(), kKept, AT_REMOVEDIR);
}

// Under the folder's lock: every destination checked, staged, swapped in.
void publishIntoFolder(const fs::path& folder, const fs::path& staging,
                       std::span<const OutputFile> files, const PublishHooks& hooks) {
  const Descriptor folderFd = openFolder(AT_FDCWD, folder);
  lockFolder(folderFd.get(), folder);
  requireDestinations(folderFd.get(), folder, files);
  swapIntoFolder(folderFd.get(), folder, staging, files, hooks);
}

void writeStaged(const fs::path& staging, std::span<const OutputFile> files,
                 const PublishHooks& hooks) {
  for (const std::string& subfolder : subfoldersOf(files)) {
    if (::mkdir((staging / subfolder).c_str(), 0777) != 0) failIo(staging / subfolder, errno);
  }
  for (const OutputFile& file : files) {
    if (hooks.beforeStaging) hooks.beforeStaging(file.name);
    // Large arrays are produced piece by piece, so a dump holds nothing beyond its trace.
    if (file.pieces) {
      writeFilePieces(staging / file.name, file.pieces);
    } else {
      writeFileBytes(staging / file.name, file.bytes);
    }
  }
}

// Each part of a name between slashes is a plain name; no name repeats or is also a subfolder.
void checkNames(std::span<const OutputFile> files) {
  std::set<std::string> seen;
  for (const OutputFile& file : files) {
    bool plain = true;
    for (std::size_t start = 0; plain; start = file.name.find('/', start) + 1) {
      const std::size_t slash = file.name.find('/', start);
      const std::string part = file.name.substr(start, slash - start);
      plain = !part.empty() && part != "." && part != "..";
      if (slash == std::string::npos) break;
    }
    if (!plain || !seen.insert(file.name).second) {
      throw Error(ErrorKind::InvalidArgument, "bad output file name '" + file.name + "'");
    }
  }
  for (const std::string& subfolder : subfoldersOf(files)) {
    if (seen.contains(subfolder)) {
      throw Error(ErrorKind::InvalidArgument,
                  "output file name '" + subfolder + "' is also a folder of other files");
    }
  }
}

// An existing folder: checked before staging, so a refused folder is not even briefly touched.
void publishIntoExistingFolder(const fs::path& folder, std::span<const OutputFile> files,
                               const PublishHooks& hooks) {
  {
    const Descriptor folderFd = openFolder(AT_FDCWD, folder);
    requireDestinations(folderFd.get(), folder, files);
  }
  const fs::path staging = createStagingFolder(folder);
  try {
    writeStaged(staging, files, hooks);
    publishIntoFolder(folder, staging, files, hooks);
  } catch (...) {
    removeStaging(staging, files);
    throw;
  }
  removeStaging(staging, files);
}

// A missing folder: staged beside it and renamed into place whole, unless another run (or the
// user) made it meanwhile; then the files are published into it like into any existing folder.
void publishIntoNewFolder(const fs::path& folder, std::span<const OutputFile> files,
                          const PublishHooks& hooks) {
  const std::vector<CreatedFolder> created = createMissingFolders(folder.parent_path());
  fs::path staging;
  try {
    staging = createStagingFolder(folder.parent_path());
    writeStaged(staging, files, hooks);
    if (renameNoReplace(AT_FDCWD, staging.c_str(), AT_FDCWD, folder.c_str()) == 0) return;
    if (errno != EEXIST && errno != ENOTEMPTY) failIo(folder, errno);
    publishIntoFolder(folder, staging, files, hooks);
    removeStaging(staging, files);
  } catch (...) {
    if (!staging.empty()) removeStaging(staging, files);
    removeCreatedFolders(created);
    throw;
  }
}

}  // namespace

void publishFiles(const fs::path& directory, std::span<const OutputFile> files,
                  const PublishHooks& hooks) {
  checkNames(files);
  std::error_code error;
  const fs::path target =
      fs::absolute(outputFolderTarget(directory.empty() ? fs::path(".") : directory), error);
  if (error) failIo(directory, error.value());
  struct stat info {};
  if (::stat(target.c_str(), &info) == 0) {
    publishIntoExistingFolder(target, files, hooks);
  } else if (errno == ENOENT) {
    publishIntoNewFolder(target, files, hooks);
  } else {
    failIo(target, errno);
  }
}

}  // namespace attnscope
