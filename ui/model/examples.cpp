#include "ui/model/examples.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <span>

#include "core/error.h"

namespace attnscope {
namespace {

struct Entry {
  const char* file;
  const char* title;
};

// QT_TRANSLATE_NOOP marks the titles for lupdate; they are translated when the menu is built.
constexpr Entry kExamples[] = {
    {"english_causal.attnscope",
     QT_TRANSLATE_NOOP("attnscope::Examples", "English sentence, causal mask")},
    {"chinese_sentence.attnscope",
     QT_TRANSLATE_NOOP("attnscope::Examples", "Chinese sentence: 注意力机制很强大")},
    {"key_padding.attnscope",
     QT_TRANSLATE_NOOP("attnscope::Examples", "Padding: keys padded with [PAD] and masked")},
    {"cross_attention.attnscope",
     QT_TRANSLATE_NOOP("attnscope::Examples", "Cross-attention: Chinese queries, English keys")},
    {"custom_mask.attnscope",
     QT_TRANSLATE_NOOP("attnscope::Examples", "Custom mask: hand-picked blocked cells")},
    {"trained_neighbours.attnscope",
     QT_TRANSLATE_NOOP("attnscope::Examples",
                       "Trained heads, layer 1: head 4 looks at the word before, head 3 at the "
                       "word after")},
    {"trained_it_refers.attnscope",
     QT_TRANSLATE_NOOP("attnscope::Examples",
                       "Trained heads, layer 2: which word does \"it\" look at? Each head "
                       "answers differently")},
};

}  // namespace

QList<ExampleSession> exampleSessions() {
  QList<ExampleSession> examples;
  for (const Entry& entry : kExamples) {
    examples.append({QStringLiteral(":/examples/") + QLatin1String(entry.file),
                     QCoreApplication::translate("attnscope::Examples", entry.title)});
  }
  return examples;
}

Session openExample(const QString& resourcePath) {
  QFile file(resourcePath);
  if (!file.open(QIODevice::ReadOnly)) {
    throw Error(ErrorKind::Io, resourcePath.toStdString() + ": no such example");
  }
  const QByteArray bytes = file.readAll();
  return parseSession(std::as_bytes(std::span(bytes.constData(), std::size_t(bytes.size()))),
                      QFileInfo(resourcePath).fileName().toStdString());
}

}  // namespace attnscope
