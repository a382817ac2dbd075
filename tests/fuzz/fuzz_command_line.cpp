// The command line: arguments are the input split at NUL bytes, parsed with the dump verb's
// options, every option read as an integer, then validated as a forward pass would be set up.
// Returning or throwing UsageError or attnscope::Error is fine; anything else is a bug.
#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/attention_setup.h"
#include "app/command_line.h"
#include "core/error.h"
#include "tests/fuzz/fuzz_check.h"

namespace attnscope::fuzz {
namespace {

using cli::ParsedOptions;
using cli::UsageError;

// Each argument ends at a NUL byte or at the end of the input: "" is no argument at all and
// "\0" one empty argument.
std::vector<std::string> splitAtNul(std::string_view input) {
  std::vector<std::string> arguments;
  while (!input.empty()) {
    const std::size_t end = std::min(input.find('\0'), input.size());
    arguments.emplace_back(input.substr(0, end));
    input.remove_prefix(std::min(end + 1, input.size()));
  }
  return arguments;
}

bool isDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == text.npos;
}

void readAsIntegers(const ParsedOptions& options, const std::vector<cli::OptionSpec>& specs) {
  for (const cli::OptionSpec& spec : specs) {
    try {
      const long long number = options.integer(spec.name, -1000, 1000, 7);
      check(number >= -1000 && number <= 1000, "integers are within their range");
      const std::optional<std::string> text = options.value(spec.name);
      check(text || number == 7, "an absent option gives the fallback");
      check(!text || isDigits(text->starts_with('-') ? text->substr(1) : *text),
            "integers are plain digits with at most a minus sign");
    } catch (const UsageError&) {
    }
    try {
      options.unsignedInteger(spec.name, 0);
      const std::optional<std::string> text = options.value(spec.name);
      check(!text || isDigits(*text), "unsigned integers are plain digits");
    } catch (const UsageError&) {
    }
  }
}

// Paths would make the fuzzer read whatever files it names (/dev/zero among them).
bool namesFiles(const ParsedOptions& options) {
  const std::optional<std::string> mask = options.value("mask");
  return options.has("weights") || options.has("query") || options.has("key-value") ||
         (mask && !mask->empty() && *mask != "none" && *mask != "causal");
}

// Random weights hold 4·d_model² floats: a large model would make every run slow.
bool modelTooLarge(const ParsedOptions& options) {
  try {
    return options.integer("d-model", LLONG_MIN, LLONG_MAX, 0) > 64;
  } catch (const UsageError&) {
    return false;  // not a number: buildAttentionSetup must say so
  }
}

void run(std::string_view input) {
  std::vector<cli::OptionSpec> specs = cli::attentionOptionSpecs();
  specs.push_back({"out", true});  // as the dump verb
  specs.push_back({"help", false});
  try {
    const ParsedOptions options = cli::parseOptions(splitAtNul(input), specs);
    readAsIntegers(options, specs);
    if (namesFiles(options) || modelTooLarge(options)) return;
    const cli::AttentionSetup setup = cli::buildAttentionSetup(options);
    check(setup.query.cols() == setup.weights.modelWidth(), "queries have d_model columns");
    check(setup.keyValue.cols() == setup.weights.modelWidth(), "keys have d_model columns");
  } catch (const UsageError&) {
  } catch (const Error&) {
  }
}

}  // namespace
}  // namespace attnscope::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  attnscope::fuzz::run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
