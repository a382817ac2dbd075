#include "app/command_line.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace attnscope::cli {
namespace {

// strtoll/strtoull accept leading spaces and signs we do not want; digits only (and one '-').
bool isPlainInteger(const std::string& text, bool allowMinus) {
  std::size_t start = (allowMinus && !text.empty() && text[0] == '-') ? 1 : 0;
  return text.size() > start &&
         std::all_of(text.begin() + start, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::string> ParsedOptions::value(const std::string& name) const {
  auto found = m_values.find(name);
  if (found == m_values.end()) return std::nullopt;
  return found->second;
}

std::string ParsedOptions::required(const std::string& name) const {
  auto found = m_values.find(name);
  if (found == m_values.end()) throw UsageError("missing required option --" + name);
  return found->second;
}

long long ParsedOptions::integer(const std::string& name, long long minimum, long long maximum,
                                 long long fallback) const {
  const std::optional<std::string> text = value(name);
  if (!text) return fallback;
  errno = 0;
  const long long number =
      isPlainInteger(*text, true) ? std::strtoll(text->c_str(), nullptr, 10) : 0;
  if (!isPlainInteger(*text, true) || errno == ERANGE || number < minimum || number > maximum) {
    throw UsageError("--" + name + " needs a whole number from " + std::to_string(minimum) +
                     " to " + std::to_string(maximum) + ", got '" + *text + "'");
  }
  return number;
}

unsigned long long ParsedOptions::unsignedInteger(const std::string& name,
                                                  unsigned long long fallback) const {
  const std::optional<std::string> text = value(name);
  if (!text) return fallback;
  errno = 0;
  const unsigned long long number =
      isPlainInteger(*text, false) ? std::strtoull(text->c_str(), nullptr, 10) : 0;
  if (!isPlainInteger(*text, false) || errno == ERANGE) {
    throw UsageError("--" + name + " needs a whole number from 0 to 18446744073709551615, got '" +
                     *text + "'");
  }
  return number;
}

ParsedOptions parseOptions(std::span<const std::string> arguments,
                           std::span<const OptionSpec> specs) {
  ParsedOptions parsed;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (!argument.starts_with("--") || argument.size() == 2) {
      throw UsageError("unexpected argument '" + argument + "'");
    }
    const std::size_t equals = argument.find('=');
    const std::string name =
        argument.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    auto spec = std::find_if(specs.begin(), specs.end(),
                             [&name](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) throw UsageError("unknown option --" + name);
    if (parsed.has(name)) throw UsageError("option --" + name + " given twice");
    std::string optionValue;
    if (!spec->takesValue) {
      if (equals != std::string::npos) throw UsageError("option --" + name + " takes no value");
    } else if (equals != std::string::npos) {
      optionValue = argument.substr(equals + 1);
    } else if (i + 1 < arguments.size()) {
      optionValue = arguments[++i];
    } else {
      throw UsageError("option --" + name + " needs a value");
    }
    parsed.m_values.emplace(name, std::move(optionValue));
  }
  return parsed;
}

}  // namespace attnscope::cli
