#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace attnscope {

// An array shape as Python prints it, for messages: (3, 4), (5,), ().
inline std::string describeShape(std::span<const std::size_t> shape) {
  std::string text("(");
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  text += shape.size() == 1 ? ",)" : ")";
  return text;
}

}  // namespace attnscope
