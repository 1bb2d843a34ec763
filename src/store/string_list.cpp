#include "store/string_list.hpp"

#include <cstdint>

#include "model/utf8.hpp"

namespace ansvar::store {
namespace {

constexpr char kHex[] = "0123456789abcdef";

class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}

  std::optional<std::vector<std::string>> Run() {
    std::vector<std::string> out;
    Ws();
    if (!Eat('[')) return std::nullopt;
    Ws();
    if (Eat(']')) return End(std::move(out));
    while (true) {
      Ws();
      std::string s;
      if (!String(s)) return std::nullopt;
      out.push_back(std::move(s));
      Ws();
      if (Eat(']')) return End(std::move(out));
      if (!Eat(',')) return std::nullopt;
    }
  }

 private:
  std::optional<std::vector<std::string>> End(std::vector<std::string> out) {
    Ws();
    if (i_ != t_.size()) return std::nullopt;
    return out;
  }
  void Ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
  }
  bool Eat(char c) {
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Hex4(uint32_t& v) {
    if (i_ + 4 > t_.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = t_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }
  bool String(std::string& s) {
    if (!Eat('"')) return false;
    while (i_ < t_.size()) {
      // The plain run up to the next quote, backslash or control character, appended at once: most strings are one
      // such run (a national register's lists are read at every start).
      const size_t run = i_;
      while (i_ < t_.size() && t_[i_] != '"' && t_[i_] != '\\' && static_cast<unsigned char>(t_[i_]) >= 0x20) ++i_;
      s.append(t_.data() + run, i_ - run);
      if (i_ == t_.size()) break;
      const char c = t_[i_++];
      if (c == '"') return true;
      if (c != '\\') return false;  // a control character
      if (i_ >= t_.size()) return false;
      switch (t_[i_++]) {
        case '"':
          s += '"';
          break;
        case '\\':
          s += '\\';
          break;
        case '/':
          s += '/';
          break;
        case 'b':
          s += '\b';
          break;
        case 'f':
          s += '\f';
          break;
        case 'n':
          s += '\n';
          break;
        case 'r':
          s += '\r';
          break;
        case 't':
          s += '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {  // a surrogate pair
            uint32_t lo = 0;
            if (!Eat('\\') || !Eat('u') || !Hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          model::AppendUtf8(s, cp);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  std::string_view t_;
  size_t i_ = 0;
};

}  // namespace

std::string EncodeStringList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t n = 0; n < items.size(); ++n) {
    if (n > 0) out += ',';
    out += '"';
    for (const char c : items[n]) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (u < 0x20) {
        out += "\\u00";
        out += kHex[u >> 4];
        out += kHex[u & 0xF];
      } else {
        out += c;  // UTF-8 passes through
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

std::optional<std::vector<std::string>> DecodeStringList(std::string_view text) { return Parser(text).Run(); }

}  // namespace ansvar::store
