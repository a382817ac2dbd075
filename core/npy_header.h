#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// The header of a .npy file: one Python dict literal, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
namespace attnscope::npy {

// How much of a hostile header's text a message quotes.
inline constexpr std::size_t kMaxShownBytes = 40;

struct Header {
  std::string descr;  // as written, e.g. "<f4"; not yet checked
  bool fortranOrder = false;
  std::vector<std::size_t> shape;
};

// A strict reader: exactly the keys descr, fortran_order and shape, each once, in any order,
// with single or double quotes and Python 2's "3L". Throws Error(InvalidData) with displayName in
// front for anything else.
Header parseHeader(std::string_view text, std::string_view displayName);

// Throws Error(InvalidData) with "displayName: " in front of what.
[[noreturn]] void failInvalid(std::string_view displayName, const std::string& what);

}  // namespace attnscope::npy
