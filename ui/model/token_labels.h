#pragma once

#include <QStringList>
#include <span>

#include "core/tokenizer.h"

namespace attnscope {

// Tokens as axis labels and chip texts.
QStringList tokenLabels(std::span<const Token> tokens);

}  // namespace attnscope
