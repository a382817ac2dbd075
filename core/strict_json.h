#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

// The JSON reader behind AttnScope's own formats (lessons, safetensors headers). JSON allows
// what these formats must not: nlohmann's reader keeps the last of two equal keys, stops at a
// NUL byte as if the text ended there, and its depth callback costs time quadratic in the number
// of siblings (a 2 MB file took a minute). Here the text is checked first by one streaming
// (SAX) pass, linear in its size, and only then built into a tree.
namespace attnscope {

struct StrictJsonRules {
  // The whole text is valid JSON ("header is not valid JSON" names the part it is).
  std::string_view subject = "";
  // Containers nested deeper than this (the root object is depth 1) are refused with tooDeep.
  int maxDepth = 1;
  std::string_view tooDeep = "nested too deeply";
  // No object or array may have more members: checked while reading, before the tree is built,
  // so a small file cannot unfold into gigabytes of nodes.
  std::size_t maxMembers = 0;
};

// Parses text under rules. Throws Error(InvalidData) "<name>: <reason>" for invalid JSON
// (naming the byte), a NUL byte, a key that appears twice in one object, or nesting deeper than
// rules.maxDepth; Error(LimitExceeded) when a container has more than rules.maxMembers members.
nlohmann::json parseStrictJson(std::span<const std::byte> text, const std::string& name,
                               const StrictJsonRules& rules);

}  // namespace attnscope
