#pragma once
// Reading JSON into model values with simdjson's On-Demand API, naming the JSON path of every fault.
// Internal to io/. Type faults are collected and reading goes on; a syntax fault stops the reading.
#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model/enums.hpp"
#include "model/ids.hpp"
#include "model/time.hpp"
#include "model/validate.hpp"

namespace ansvar::io::internal {

namespace od = simdjson::ondemand;

// The key of an object field, the string unescaped_key() gives. A key without escapes (the usual case) is read in
// place from the input; one with escapes is unescaped into the parser's string buffer.
inline simdjson::error_code FieldKey(od::field& field, std::string_view& key) {
  const char* raw = field.key().raw();
  const char* end = raw;
  while (*end != '"' && *end != '\\') ++end;
  if (*end == '"') {
    key = std::string_view(raw, static_cast<size_t>(end - raw));
    return simdjson::SUCCESS;
  }
  return field.unescaped_key().get(key);
}

// True when something follows the root value that was read.
inline bool HasTrailingContent(od::document& doc) {
  const char* location = nullptr;
  return doc.current_location().get(location) == simdjson::SUCCESS;
}

class JsonIn {
 public:
  explicit JsonIn(std::string root = "$", size_t limit = 100) : root_(std::move(root)), limit_(limit) {}

  [[nodiscard]] bool ok() const { return problems_.empty(); }
  [[nodiscard]] bool fatal() const { return fatal_; }
  std::vector<model::Problem> TakeProblems() { return std::move(problems_); }

  [[nodiscard]] std::string Path() const;
  void Error(std::string message) { ErrorAt(Path(), std::move(message)); }
  void ErrorAt(std::string path, std::string message);
  // Records a simdjson error; returns false. Syntax errors are fatal.
  bool Fail(simdjson::error_code code, std::string_view expected);

  // Visits each field of an object: fn(std::string_view key, od::value value). Reports the `required` keys it
  // lacks. null is accepted as "absent" when `nullable`.
  template <class Fn>
  void Object(od::value v, Fn&& fn, std::initializer_list<std::string_view> required = {});
  template <class Fn>
  void Object(od::object obj, Fn&& fn, std::initializer_list<std::string_view> required = {});
  // Visits each element of an array: fn(od::value element). null reads as an empty array.
  template <class Fn>
  void Array(od::value v, Fn&& fn);

  void Get(od::value v, std::string& out);  // null reads as ""
  void Get(od::value v, std::optional<std::string>& out);
  void Get(od::value v, bool& out);  // null reads as false
  void Get(od::value v, std::optional<bool>& out);
  void Get(od::value v, int& out);
  void Get(od::value v, std::optional<int>& out);
  void Get(od::value v, model::Date& out);
  void Get(od::value v, std::optional<model::Date>& out);
  void Get(od::value v, model::Timestamp& out);
  void Get(od::value v, std::optional<model::Timestamp>& out);
  template <class Tag>
  void Get(od::value v, model::Id<Tag>& out);
  template <class Tag>
  void Get(od::value v, std::optional<model::Id<Tag>>& out);
  template <class E>
    requires std::is_enum_v<E>
  void Get(od::value v, E& out);
  template <class E>
    requires std::is_enum_v<E>
  void Get(od::value v, std::optional<E>& out);
  template <class T>
  void Get(od::value v, std::vector<T>& out) {
    Array(v, [&](od::value e) { Get(e, out.emplace_back()); });
  }

  // The string of a value, or nullopt (error reported) when it is not one; with `nullable`, null gives "".
  std::optional<std::string_view> String(od::value v, bool nullable);
  bool IsNull(od::value v);

 private:
  struct Segment {
    std::string_view key;
    size_t index = 0;
    bool is_index = false;
  };
  template <class Fn>
  void Fields(od::object obj, Fn&& fn, std::initializer_list<std::string_view> required);
  template <class E>
  bool ParseEnumValue(od::value v, E& out);

  std::string root_;
  size_t limit_;
  bool fatal_ = false;
  std::vector<Segment> path_;
  std::vector<model::Problem> problems_;
};

template <class Fn>
void JsonIn::Object(od::value v, Fn&& fn, std::initializer_list<std::string_view> required) {
  if (fatal_) return;
  od::object obj;
  if (auto e = v.get_object().get(obj)) {
    Fail(e, "an object");
    return;
  }
  Fields(obj, fn, required);
}

template <class Fn>
void JsonIn::Object(od::object obj, Fn&& fn, std::initializer_list<std::string_view> required) {
  if (!fatal_) Fields(obj, fn, required);
}

template <class Fn>
void JsonIn::Fields(od::object obj, Fn&& fn, std::initializer_list<std::string_view> required) {
  uint32_t seen = 0;
  for (auto field_result : obj) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) {
      Fail(e, "an object");
      return;
    }
    std::string_view key;
    if (auto e = FieldKey(field, key)) {
      Fail(e, "a key");
      return;
    }
    uint32_t bit = 1;
    for (auto r : required) {
      if (r == key) seen |= bit;
      bit <<= 1;
    }
    path_.push_back({key, 0, false});
    fn(key, field.value());
    path_.pop_back();
    if (fatal_) return;
  }
  uint32_t bit = 1;
  for (auto r : required) {
    if ((seen & bit) == 0) ErrorAt(Path() + "." + std::string(r), "missing required field");
    bit <<= 1;
  }
}

template <class Fn>
void JsonIn::Array(od::value v, Fn&& fn) {
  if (fatal_ || IsNull(v)) return;
  od::array arr;
  if (auto e = v.get_array().get(arr)) {
    Fail(e, "an array");
    return;
  }
  size_t i = 0;
  for (auto element : arr) {
    od::value value;
    if (auto e = element.get(value)) {
      Fail(e, "an array element");
      return;
    }
    path_.push_back({{}, i++, true});
    fn(value);
    path_.pop_back();
    if (fatal_) return;
  }
}

template <class Tag>
void JsonIn::Get(od::value v, model::Id<Tag>& out) {
  if (auto s = String(v, false)) {
    if (s->empty()) Error("must not be empty");
    else out = model::Id<Tag>(*s);
  }
}

template <class Tag>
void JsonIn::Get(od::value v, std::optional<model::Id<Tag>>& out) {
  if (IsNull(v)) {
    out.reset();
    return;
  }
  if (auto s = String(v, false)) {
    if (s->empty()) out.reset();
    else out = model::Id<Tag>(*s);
  }
}

template <class E>
bool JsonIn::ParseEnumValue(od::value v, E& out) {
  auto s = String(v, false);
  if (!s) return false;
  if (auto parsed = model::ParseEnum<E>(*s)) {
    out = *parsed;
    return true;
  }
  std::string allowed;
  for (auto name : model::EnumNames<E>::kNames) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  Error("unknown value \"" + std::string(*s) + "\" (expected one of: " + allowed + ")");
  return false;
}

template <class E>
  requires std::is_enum_v<E>
void JsonIn::Get(od::value v, E& out) {
  ParseEnumValue(v, out);
}

template <class E>
  requires std::is_enum_v<E>
void JsonIn::Get(od::value v, std::optional<E>& out) {
  if (IsNull(v)) {
    out.reset();
    return;
  }
  E value{};
  if (ParseEnumValue(v, value)) out = value;
}

}  // namespace ansvar::io::internal
