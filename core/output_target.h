#pragma once

#include <filesystem>
#include <string>

namespace attnscope {

// Where a write is allowed to land: the one place that holds the rules every writer follows
// (export figures, matrix and trace export, lessons, dump folders). A write never goes through a
// device, FIFO or socket, never replaces a folder, and follows a symbolic link only to the kind
// of thing it would write. Each function throws Error(Io), with a one-line message naming the
// path, when the path is refused; nothing has been touched then.

// The file a write to `path` must replace, by rename from a temporary file in its folder:
//  - `path` itself if nothing is there yet or it is a regular file;
//  - the final target of a symbolic link (through any number of links) that leads to a regular
//    file, so the link survives and the target's folder receives the replacement.
// Refused: a folder, device, FIFO or socket, and a link to one of those or to nothing.
std::filesystem::path outputFileTarget(const std::filesystem::path& path);

// The folder files will be published into. Trailing separators are ignored (`out/` is `out`).
//  - `path` itself if nothing is there yet (the caller creates it) or it is a folder;
//  - the final target of a symbolic link that leads to a folder.
// Refused: anything else, and a link to anything else or to nothing.
std::filesystem::path outputFolderTarget(const std::filesystem::path& path);

// For a name inside an output folder that a publish replaces by rename: passes when nothing is
// there or a regular file is; refuses anything else, including a symbolic link, because
// replacing the link would silently turn it into a plain file. `folderFd` is an open
// descriptor of the folder; `shown` is the path used in the message.
void requireReplaceableEntry(int folderFd, const std::string& name,
                             const std::filesystem::path& shown);

}  // namespace attnscope
