#pragma once

#include <string>
#include <string_view>

// Quoting for a POSIX shell, so a command line AttnScope prints (figure metadata, Copy as
// command) runs as it reads when pasted.
namespace attnscope {

// `word` unchanged when it is made only of ASCII letters, digits and -_./=:,+ (and not empty);
// otherwise in single quotes, each ' written as '\''.
std::string shellQuoted(std::string_view word);

}  // namespace attnscope
