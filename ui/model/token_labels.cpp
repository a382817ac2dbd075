#include "ui/model/token_labels.h"

namespace attnscope {

QStringList tokenLabels(std::span<const Token> tokens) {
  QStringList labels;
  labels.reserve(qsizetype(tokens.size()));
  for (const Token& token : tokens) {
    labels.append(QString::fromUtf8(token.text.data(), qsizetype(token.text.size())));
  }
  return labels;
}

}  // namespace attnscope
