#include "core/strict_json.h"

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <vector>

#include "core/binary_parsing.h"
#include "core/error.h"

namespace attnscope {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxShownKeyBytes = 60;

// A SAX handler that builds nothing: it only checks depth, member counts and duplicate keys,
// keeping the keys of the objects still open (at most the text's size in all).
class StructureCheck : public nlohmann::json_sax<json> {
 public:
  explicit StructureCheck(const StrictJsonRules& rules) : m_rules(rules) {}

  // Why the text was refused, and the kind of refusal; empty while it is acceptable.
  std::optional<Error> refusal;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }

  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& key) override {
    Container& object = m_open.back();
    m_lastKey = key;
    if (!countMember(object)) return false;
    if (!object.keys.insert(key).second) {
      return refuse(ErrorKind::InvalidData,
                    "the key '" + clip(key, kMaxShownKeyBytes) + "' appears twice in one object");
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    // json::out_of_range (406) is a number beyond a double's range, such as 1e400.
    const bool tooLarge = error.id == 406;
    const std::string where = tooLarge ? "a number is too large"
                                       : "damaged or truncated at byte " + std::to_string(position);
    return refuse(ErrorKind::InvalidData, notValid() + " (" + where + ")");
  }

  std::string notValid() const {
    return m_rules.subject.empty() ? "not valid JSON"
                                   : std::string(m_rules.subject) + " is not valid JSON";
  }

 private:
  struct Container {
    bool isObject = false;
    std::string path;  // 'mask.blocked': the keys that lead to it from the root
    std::size_t members = 0;
    std::unordered_set<std::string> keys;
  };

  bool refuse(ErrorKind kind, std::string reason) {
    refusal.emplace(kind, std::move(reason));
    return false;
  }
  bool countMember(Container& container) {
    if (++container.members <= m_rules.maxMembers) return true;
    const std::string what =
        container.path.empty()
            ? std::string(m_rules.subject.empty() ? "the document" : m_rules.subject)
            // std::string("'") first: GCC 12 warns falsely (-Wrestrict, bug 105329) on "'" + s.
            : std::string("'") + clip(container.path, kMaxShownKeyBytes) + "'";
    return refuse(ErrorKind::LimitExceeded,
                  what + " has more than " + std::to_string(m_rules.maxMembers) + " members");
  }
  // An object's members are counted at their keys; an array's at each value.
  bool value() { return m_open.empty() || m_open.back().isObject || countMember(m_open.back()); }
  bool open(bool isObject) {
    if (!value()) return false;
    if (int(m_open.size()) == m_rules.maxDepth) {
      return refuse(ErrorKind::InvalidData, std::string(m_rules.tooDeep));
    }
    std::string path;
    if (!m_open.empty()) {
      const Container& parent = m_open.back();
      path = parent.isObject ? (parent.path.empty() ? "" : parent.path + ".") + m_lastKey
                             : parent.path + "[]";
    }
    m_open.push_back({isObject, std::move(path), 0, {}});
    return true;
  }
  bool close() {
    m_open.pop_back();
    return true;
  }

  const StrictJsonRules& m_rules;
  std::vector<Container> m_open;
  std::string m_lastKey;
};

}  // namespace

json parseStrictJson(std::span<const std::byte> text, const std::string& name,
                     const StrictJsonRules& rules) {
  StructureCheck check(rules);
  // nlohmann's lexer takes a NUL byte for the end of the text and ignores what follows.
  const auto nul = std::find(text.begin(), text.end(), std::byte{0});
  if (nul != text.end()) {
    throw Error(ErrorKind::InvalidData, name + ": " + check.notValid() + " (a NUL byte at byte " +
                                            std::to_string(nul - text.begin()) + ")");
  }
  const char* begin = reinterpret_cast<const char*>(text.data());
  const char* end = begin + text.size();
  if (!json::sax_parse(begin, end, &check)) {
    const Error refusal = check.refusal.value_or(Error(ErrorKind::InvalidData, check.notValid()));
    throw Error(refusal.kind(), name + ": " + refusal.what());
  }
  // Checked above: this parse cannot fail, and without a callback it is linear.
  return json::parse(begin, end);
}

}  // namespace attnscope
