#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/file_bytes.h"

// Writing a set of output files into a folder all at once or not at all (dump's trace files, the
// window's matrix export), with seams for tests to fail each step.
namespace attnscope {

struct OutputFile {
  // A plain file name, or one inside subfolders of the output folder ("layer1/q.npy"), which
  // the publish creates as needed; no part may be empty, "." or "..".
  std::string name;
  std::vector<std::byte> bytes;
  // When set, the content instead: written piece by piece as the file is written, for contents
  // too large to hold a second time as bytes (dump's H × Lq × Lk arrays).
  std::function<void(const ByteSink&)> pieces;
};

// Seams for tests: each is called with a file's name just before that file is written into the
// staging folder, or renamed into an existing folder; a throw there is a failure at that point.
struct PublishHooks {
  std::function<void(const std::string& name)> beforeStaging;
  std::function<void(const std::string& name)> beforeRename;
};

// Puts `files` into `directory` so that it ends with all of them or, on any failure, exactly as
// it was; nothing this run did not create is ever removed.
//  - `directory` follows outputFolderTarget (core/output_target.h): a link to a folder publishes
//    into that folder; anything but a folder is refused.
//  - A missing folder is created with its missing parents: the files are written into a hidden
//    staging folder (`.attnscope-XXXXXX`) beside it, which is renamed into place as a whole. On
//    failure only the staging folder and the parents this run made, if still empty, are removed.
//  - An existing folder is locked (flock on the folder, so concurrent publishes into it take
//    turns and it ends with one run's complete set), every destination name is checked (absent
//    or a regular file) before anything moves, the files are staged inside it, the originals are
//    renamed aside into the staging folder, then the new files in; a failure moves them back.
//    Other files in the folder are left alone. A subfolder the names go through must be missing
//    (it is created, and removed again on failure while empty) or a folder, not a link.
// Throws Error(InvalidArgument) for a bad or repeated file name, Error(Io) with the reason for
// anything the system refuses.
void publishFiles(const std::filesystem::path& directory, std::span<const OutputFile> files,
                  const PublishHooks& hooks = {});

}  // namespace attnscope
