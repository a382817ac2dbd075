#pragma once

#include <QByteArray>
#include <QString>

namespace attnscope {

// Saves `bytes` as `path` through core's writeFileAtomically, so every file the window or
// `export` writes follows the same rules (core/output_target.h): complete or not at all, never
// through a device, FIFO or socket, and through a symbolic link only to a regular file. Returns
// an empty string on success, else the one-line message (the system's reason, untranslated).
[[nodiscard]] QString saveAtomically(const QByteArray& bytes, const QString& path);

}  // namespace attnscope
