#include "ui/model/atomic_save.h"

#include <QFile>
#include <filesystem>
#include <span>
#include <string>

#include "core/atomic_file.h"
#include "core/error.h"
#include "ui/model/error_text.h"

namespace attnscope {

QString saveAtomically(const QByteArray& bytes, const QString& path) {
  const QByteArray name = QFile::encodeName(path);
  return problemFrom([&] {
    writeFileAtomically(
        std::filesystem::path(std::string(name.constData(), std::size_t(name.size()))),
        std::as_bytes(std::span(bytes.constData(), std::size_t(bytes.size()))));
  });
}

}  // namespace attnscope
