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
  // A fragment: the items of an array nested `depth` levels deep in a document (the findings of a report are at
  // depth 2), indented and separated as the whole document would have them. TakeFragment() gives the items
  // from the separator before the first ("\n  {…},\n  {…}" pretty, "{…},{…}" compact), so that fragments
  // written apart, joined with "," and framed, read as the document written in one piece.
  JsonOut(bool pretty, int depth);
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
  // The fragment's items, appended to `out` (only for the fragment constructor); the writer starts afresh.
  void TakeFragment(std::string& out);

 private:
  void Open();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ansvar::io::internal
