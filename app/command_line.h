#pragma once

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

// A small parser for the verbs' options. Qt's QCommandLineParser would decode argv into
// QString, silently replacing invalid UTF-8 in --text with U+FFFD; scripts need that reported,
// and need exact exit statuses and one-line messages, so the raw bytes are parsed here.
namespace attnscope::cli {

// A mistake in how the command was called: exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;  // without the leading "--"
  bool takesValue;
};

class ParsedOptions;
// Accepts "--name value" and "--name=value"; rejects unknown or repeated options and stray
// arguments with UsageError.
ParsedOptions parseOptions(std::span<const std::string> arguments,
                           std::span<const OptionSpec> specs);

class ParsedOptions {
 public:
  bool has(const std::string& name) const { return m_values.contains(name); }
  std::optional<std::string> value(const std::string& name) const;
  // The value, or UsageError naming the missing option.
  std::string required(const std::string& name) const;
  // The value as an integer in [minimum, maximum], or `fallback` when absent.
  long long integer(const std::string& name, long long minimum, long long maximum,
                    long long fallback) const;
  unsigned long long unsignedInteger(const std::string& name, unsigned long long fallback) const;

 private:
  friend ParsedOptions parseOptions(std::span<const std::string>, std::span<const OptionSpec>);
  std::map<std::string, std::string> m_values;
};

}  // namespace attnscope::cli
