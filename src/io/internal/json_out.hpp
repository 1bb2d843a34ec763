#pragma once
// Writing JSON with RapidJSON's streaming writer, behind a small interface so that RapidJSON stays in io/.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ansvar::io::internal {

class JsonOut {
 public:
  explicit JsonOut(bool pretty);
  ~JsonOut();
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view s);
  void Int(int64_t i);
  void Bool(bool b);
  void Null();
  void Raw(std::string_view json);  // an already valid JSON value, written as is

  // Key and value together; optionals write null when empty.
  void Field(std::string_view key, std::string_view s) { Key(key), String(s); }
  void Field(std::string_view key, const char* s) { Key(key), String(s); }
  void Field(std::string_view key, const std::string& s) { Key(key), String(s); }
  void Field(std::string_view key, int64_t i) { Key(key), Int(i); }
  void Field(std::string_view key, int i) { Key(key), Int(i); }
  void Field(std::string_view key, bool b) { Key(key), Bool(b); }
  void Field(std::string_view key, const std::vector<std::string>& list) {
    Key(key);
    BeginArray();
    for (const auto& s : list) String(s);
    EndArray();
  }

  [[nodiscard]] std::string Take();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ansvar::io::internal
