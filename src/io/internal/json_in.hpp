#pragma once
// Reading JSON into model values with simdjson's On-Demand API, naming the JSON path of every fault.
// Internal to io/. Type faults are collected and reading goes on; a syntax fault stops the reading.
#include <simdjson.h>

#include <bit>
#include <cstring>
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
// place from the input, eight bytes at a time up to its closing quote (reading past it stays within the document
// and its padding: a key is followed by a colon and a value); one with escapes is unescaped into the parser's
// string buffer.
inline simdjson::error_code FieldKey(od::field& field, std::string_view& key) {
  const char* raw = field.key().raw();
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    for (size_t i = 0;; i += 8) {
      uint64_t w = 0;
      std::memcpy(&w, raw + i, sizeof w);
      const uint64_t q = w ^ (kOnes * '"'), b = w ^ (kOnes * '\\');
      // A byte of q (b) is zero where w has a quote (backslash); the lowest flagged byte is exact.
      const uint64_t zq = (q - kOnes) & ~q & kHigh, zb = (b - kOnes) & ~b & kHigh;
      if ((zq | zb) == 0) continue;
      const int at_quote = zq != 0 ? std::countr_zero(zq) : 64, at_backslash = zb != 0 ? std::countr_zero(zb) : 64;
      if (at_backslash < at_quote) break;
      key = std::string_view(raw, i + static_cast<size_t>(at_quote / 8));
      return simdjson::SUCCESS;
    }
  } else {
    const char* end = raw;
    while (*end != '"' && *end != '\\') ++end;
    if (*end == '"') {
      key = std::string_view(raw, static_cast<size_t>(end - raw));
      return simdjson::SUCCESS;
    }
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
  explicit JsonIn(std::string root = "$", size_t limit = 100) : root_(std::move(root)), limit_(limit) {
    path_.reserve(16);  // deeper than the format nests: entering a field never reallocates
  }

  [[nodiscard]] bool ok() const { return problems_.empty(); }
  // Count the elements of an array before reading it, so that vectors are allocated once (register_reader.cpp's
  // fast pass). Off by default: counting a malformed array reports its fault elsewhere than reading it does.
  void CountArrays(bool on) { count_arrays_ = on; }
  [[nodiscard]] bool fatal() const { return fatal_; }
  std::vector<model::Problem> TakeProblems() { return std::move(problems_); }

  [[nodiscard]] std::string Path() const;
  void Error(std::string message) { ErrorAt(Path(), std::move(message)); }
  void ErrorAt(std::string path, std::string message);
  // A problem of the syntax (not JSON at all): model::ProblemKind::kSyntax.
  void SyntaxErrorAt(std::string path, std::string message);
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
  // The same; with CountArrays(true), first reserve(element count).
  template <class Fn, class Reserve>
  void Array(od::value v, Fn&& fn, Reserve&& reserve);

  void Get(od::value v, std::string& out);  // null reads as ""
  void Get(od::value v, std::optional<std::string>& out);
  void Get(od::value v, bool& out);  // null reads as false
  void Get(od::value v, std::optional<bool>& out);
  void Get(od::value v, int& out);
  void Get(od::value v, std::optional<int>& out);
  void Get(od::value v, std::optional<int64_t>& out);  // a count; negative numbers are refused
  // Text that may be written as a string or as a list of strings (joined by "\n"); null reads as "".
  void Text(od::value v, std::string& out);
  // A list of strings that may be written as one string; null reads as an empty list.
  void Strings(od::value v, std::vector<std::string>& out);
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
    Array(
        v, [&](od::value e) { Get(e, out.emplace_back()); }, [&](size_t n) { out.reserve(out.size() + n); });
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
  template <class Fn, class Reserve>
  void ArrayImpl(od::value v, Fn& fn, Reserve& reserve, bool count);
  template <class E>
  bool ParseEnumValue(od::value v, E& out);

  std::string root_;
  size_t limit_;
  bool fatal_ = false;
  bool count_arrays_ = false;
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
  auto none = [](size_t) {};
  ArrayImpl(v, fn, none, false);
}

template <class Fn, class Reserve>
void JsonIn::Array(od::value v, Fn&& fn, Reserve&& reserve) {
  ArrayImpl(v, fn, reserve, count_arrays_);
}

template <class Fn, class Reserve>
void JsonIn::ArrayImpl(od::value v, Fn& fn, Reserve& reserve, bool count) {
  if (fatal_ || IsNull(v)) return;
  od::array arr;
  if (auto e = v.get_array().get(arr)) {
    Fail(e, "an array");
    return;
  }
  if (count) {
    size_t n = 0;
    if (auto e = arr.count_elements().get(n)) {
      Fail(e, "an array");
      return;
    }
    reserve(n);
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
    if (s->empty())
      Error("must not be empty");
    else
      out = model::Id<Tag>(*s);
  }
}

template <class Tag>
void JsonIn::Get(od::value v, std::optional<model::Id<Tag>>& out) {
  if (IsNull(v)) {
    out.reset();
    return;
  }
  if (auto s = String(v, false)) {
    if (s->empty())
      out.reset();
    else
      out = model::Id<Tag>(*s);
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
void JsonIn::Get(od::value v, E& out) { ParseEnumValue(v, out); }

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
