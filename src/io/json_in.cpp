#include "io/internal/json_in.hpp"

namespace ansvar::io::internal {

std::string JsonIn::Path() const {
  std::string p = root_;
  for (const auto& s : path_) {
    if (s.is_index) {
      p += '[';
      p += std::to_string(s.index);
      p += ']';
    } else {
      p += '.';
      p += s.key;
    }
  }
  return p;
}

void JsonIn::ErrorAt(std::string path, std::string message) {
  if (problems_.size() < limit_) problems_.push_back({std::move(path), std::move(message)});
}

void JsonIn::SyntaxErrorAt(std::string path, std::string message) {
  if (problems_.size() < limit_) problems_.push_back(model::SyntaxProblem(std::move(path), std::move(message)));
}

bool JsonIn::Fail(simdjson::error_code code, std::string_view expected) {
  using simdjson::error_code;
  if (code == error_code::INCORRECT_TYPE || code == error_code::NUMBER_OUT_OF_RANGE) {
    Error("expected " + std::string(expected));
    return false;
  }
  if (!fatal_) SyntaxErrorAt(Path(), std::string("invalid JSON: ") + simdjson::error_message(code));
  fatal_ = true;
  return false;
}

bool JsonIn::IsNull(od::value v) {
  od::json_type t;
  if (auto e = v.type().get(t)) return Fail(e, "a value");
  return t == od::json_type::null;
}

std::optional<std::string_view> JsonIn::String(od::value v, bool nullable) {
  if (fatal_) return std::nullopt;
  od::json_type t;
  if (auto e = v.type().get(t)) {
    Fail(e, "a string");
    return std::nullopt;
  }
  if (t == od::json_type::null && nullable) return std::string_view{};
  if (t != od::json_type::string) {
    Error("expected a string");
    return std::nullopt;
  }
  // A string without escapes (the usual case) is read in place: its raw token is the quoted text followed by
  // whitespace. It is consumed with get_raw_json_string(), which moves the iterator as get_string() does, without
  // copying the text into the parser's string buffer. A string with escapes is unescaped there by get_string().
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
    raw.remove_suffix(1);
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
    const std::string_view text = raw.substr(1, raw.size() - 2);
    if (text.find('\\') == std::string_view::npos) {
      od::raw_json_string consumed;
      if (auto e = v.get_raw_json_string().get(consumed)) {
        Fail(e, "a string");
        return std::nullopt;
      }
      return text;
    }
  }
  std::string_view s;
  if (auto e = v.get_string().get(s)) {
    Fail(e, "a string");
    return std::nullopt;
  }
  return s;
}

void JsonIn::Get(od::value v, std::string& out) {
  if (auto s = String(v, true)) out = *s;
}

void JsonIn::Get(od::value v, std::optional<std::string>& out) {
  if (IsNull(v)) {
    out.reset();
    return;
  }
  if (auto s = String(v, false)) out = std::string(*s);
}

void JsonIn::Get(od::value v, bool& out) {
  if (fatal_ || IsNull(v)) return;
  bool b = false;
  if (auto e = v.get_bool().get(b)) {
    Fail(e, "true or false");
    return;
  }
  out = b;
}

void JsonIn::Get(od::value v, std::optional<bool>& out) {
  if (fatal_) return;
  if (IsNull(v)) {
    out.reset();
    return;
  }
  bool b = false;
  Get(v, b);
  out = b;
}

void JsonIn::Get(od::value v, int& out) {
  if (fatal_) return;
  od::json_type t;
  if (auto e = v.type().get(t)) {
    Fail(e, "an integer");
    return;
  }
  int64_t i = 0;
  if (t != od::json_type::number || v.get_int64().get(i) != simdjson::SUCCESS || i < INT32_MIN || i > INT32_MAX) {
    Error("expected an integer");
    return;
  }
  out = static_cast<int>(i);
}

void JsonIn::Get(od::value v, std::optional<int>& out) {
  if (fatal_) return;
  if (IsNull(v)) {
    out.reset();
    return;
  }
  int i = 0;
  const size_t before = problems_.size();
  Get(v, i);
  if (problems_.size() == before) out = i;
}

void JsonIn::Get(od::value v, std::optional<int64_t>& out) {
  if (fatal_) return;
  if (IsNull(v)) {
    out.reset();
    return;
  }
  od::json_type t;
  if (auto e = v.type().get(t)) {
    Fail(e, "a number");
    return;
  }
  int64_t i = 0;
  if (t != od::json_type::number || v.get_int64().get(i) != simdjson::SUCCESS || i < 0) {
    Error("expected a whole number, 0 or more");
    return;
  }
  out = i;
}

void JsonIn::Text(od::value v, std::string& out) {
  if (fatal_) return;
  od::json_type t;
  if (auto e = v.type().get(t)) {
    Fail(e, "a string");
    return;
  }
  if (t != od::json_type::array) {
    Get(v, out);
    return;
  }
  std::vector<std::string> lines;
  Get(v, lines);
  out.clear();
  for (const auto& line : lines) {
    if (!out.empty()) out += '\n';
    out += line;
  }
}

void JsonIn::Strings(od::value v, std::vector<std::string>& out) {
  if (fatal_) return;
  od::json_type t;
  if (auto e = v.type().get(t)) {
    Fail(e, "a list of strings");
    return;
  }
  if (t == od::json_type::string) {
    Get(v, out.emplace_back());
    return;
  }
  Get(v, out);
}

void JsonIn::Get(od::value v, model::Date& out) {
  if (auto s = String(v, false)) {
    if (auto d = model::ParseDate(*s))
      out = *d;
    else
      Error("expected a date YYYY-MM-DD, got \"" + std::string(*s) + "\"");
  }
}

void JsonIn::Get(od::value v, std::optional<model::Date>& out) {
  if (IsNull(v)) {
    out.reset();
    return;
  }
  model::Date d;
  const size_t before = problems_.size();
  Get(v, d);
  if (problems_.size() == before && !fatal_) out = d;
}

void JsonIn::Get(od::value v, model::Timestamp& out) {
  if (auto s = String(v, false)) {
    if (auto t = model::ParseDateOrTimestamp(*s))
      out = *t;
    else
      Error("expected an RFC 3339 timestamp, got \"" + std::string(*s) + "\"");
  }
}

void JsonIn::Get(od::value v, std::optional<model::Timestamp>& out) {
  if (IsNull(v)) {
    out.reset();
    return;
  }
  model::Timestamp t;
  const size_t before = problems_.size();
  Get(v, t);
  if (problems_.size() == before && !fatal_) out = t;
}

}  // namespace ansvar::io::internal
