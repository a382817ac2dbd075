#pragma once

#include <algorithm>
#include <array>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/binary_parsing.h"
#include "core/error.h"

namespace attnscope {

// Reads one JSON object of a file field by field: every present field must have its type and
// range, and unknown fields are refused. Each complaint is an Error(InvalidData) that starts with
// the file's display name and names the field ("'view.step' must be one of: …").
class FieldReader {
 public:
  FieldReader(const nlohmann::json& object, std::string prefix, std::string displayName,
              std::initializer_list<std::string_view> known)
      : m_object(object), m_prefix(std::move(prefix)), m_displayName(std::move(displayName)) {
    for (const auto& item : object.items()) {
      if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
        fail("unknown field '" + clip(m_prefix + item.key(), 60) + "'");
      }
    }
  }

  [[noreturn]] void fail(const std::string& message,
                         ErrorKind kind = ErrorKind::InvalidData) const {
    throw Error(kind, m_displayName + ": " + message);
  }
  std::string name(std::string_view key) const { return "'" + m_prefix + std::string(key) + "'"; }
  const nlohmann::json* find(std::string_view key) const {
    const auto found = m_object.find(key);
    return found == m_object.end() ? nullptr : &*found;
  }
  FieldReader object(std::string_view key, std::initializer_list<std::string_view> known) const {
    const nlohmann::json* value = find(key);
    static const nlohmann::json kEmpty = nlohmann::json::object();
    if (value != nullptr && !value->is_object()) fail(name(key) + " must be an object");
    return FieldReader(value ? *value : kEmpty, m_prefix + std::string(key) + ".", m_displayName,
                       known);
  }

  std::string string(std::string_view key, std::string fallback) const {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return fallback;
    if (!value->is_string()) fail(name(key) + " must be a string");
    return value->get<std::string>();
  }
  bool boolean(std::string_view key, bool fallback) const {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) fail(name(key) + " must be true or false");
    return value->get<bool>();
  }
  int integer(std::string_view key, int low, int high, int fallback) const {
    const nlohmann::json* value = find(key);
    return value == nullptr ? fallback : integerValue(*value, name(key), low, high);
  }
  std::optional<int> optionalInteger(std::string_view key, int low, int high) const {
    const nlohmann::json* value = find(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return integerValue(*value, name(key) + " (or null)", low, high);
  }
  // low ≥ 0 throughout the format, so only unsigned JSON numbers qualify.
  int integerValue(const nlohmann::json& value, const std::string& what, int low, int high) const {
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() < std::uint64_t(low) ||
        value.get<std::uint64_t>() > std::uint64_t(high)) {
      fail(what + " must be a whole number from " + std::to_string(low) + " to " +
           std::to_string(high));
    }
    return int(value.get<std::uint64_t>());
  }
  template <std::size_t N>
  std::size_t choice(std::string_view key, const std::array<std::string_view, N>& keys,
                     std::size_t fallback) const {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return fallback;
    if (value->is_string()) {
      const auto found = std::find(keys.begin(), keys.end(), value->get<std::string>());
      if (found != keys.end()) return std::size_t(found - keys.begin());
    }
    std::string allowed;
    for (std::string_view k : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
    fail(name(key) + " must be one of: " + allowed);
  }

 private:
  const nlohmann::json& m_object;
  std::string m_prefix;
  std::string m_displayName;
};

}  // namespace attnscope
