#include "io/internal/json_out.hpp"

// rapidjson copies the runs of a string that need no escape 16 bytes at a time with SSE2 (part of every x86-64
// CPU) or NEON; by default it tests each byte. The output is the same. This file is the only one that includes
// rapidjson, so its writer is instantiated with these settings alone.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#elif defined(__ARM_NEON) && !defined(RAPIDJSON_NEON)
#define RAPIDJSON_NEON
#endif
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstring>

namespace ansvar::io::internal {

struct JsonOut::Impl {
  explicit Impl(bool p) : pretty(p), compact(buffer), indented(buffer) { indented.SetIndent(' ', 1); }
  bool pretty;
  int depth = 0;      // a fragment's nesting, 0 for a whole document
  size_t prefix = 0;  // bytes of the enclosing arrays' opening, not part of the fragment
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> compact;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> indented;

  template <class Fn>
  void Do(Fn&& fn) {
    if (pretty)
      fn(indented);
    else
      fn(compact);
  }
};

JsonOut::JsonOut(bool pretty) : impl_(std::make_unique<Impl>(pretty)) {}

JsonOut::JsonOut(bool pretty, int depth) : impl_(std::make_unique<Impl>(pretty)) {
  impl_->depth = depth;
  Open();
}

// The enclosing arrays a fragment's items sit in; what they write before the first item is not the fragment's.
void JsonOut::Open() {
  for (int i = 0; i < impl_->depth; ++i) BeginArray();
  impl_->prefix = impl_->buffer.GetSize();
}
JsonOut::~JsonOut() = default;

namespace {
rapidjson::SizeType Size(std::string_view s) { return static_cast<rapidjson::SizeType>(s.size()); }
}  // namespace

void JsonOut::BeginObject() {
  impl_->Do([](auto& w) { w.StartObject(); });
}
void JsonOut::EndObject() {
  impl_->Do([](auto& w) { w.EndObject(); });
}
void JsonOut::BeginArray() {
  impl_->Do([](auto& w) { w.StartArray(); });
}
void JsonOut::EndArray() {
  impl_->Do([](auto& w) { w.EndArray(); });
}
void JsonOut::Key(std::string_view key) {
  impl_->Do([&](auto& w) { w.Key(key.data(), Size(key)); });
}
void JsonOut::String(std::string_view s) {
  impl_->Do([&](auto& w) { w.String(s.data(), Size(s)); });
}
void JsonOut::Int(int64_t i) {
  impl_->Do([&](auto& w) { w.Int64(i); });
}
void JsonOut::Bool(bool b) {
  impl_->Do([&](auto& w) { w.Bool(b); });
}
void JsonOut::Null() {
  impl_->Do([](auto& w) { w.Null(); });
}
void JsonOut::Raw(std::string_view json) {
  // The writer puts the separator (and, pretty, the indentation) before the value and keeps its state; the value is
  // then copied in one piece. RawValue would copy it byte by byte: a third of the server's CPU when it lists
  // 2,000 systems from their kept JSON.
  impl_->Do([](auto& w) { w.RawValue("", 0, rapidjson::kObjectType); });
  if (!json.empty()) std::memcpy(impl_->buffer.Push(json.size()), json.data(), json.size());
}

std::string JsonOut::Take() {
  std::string out;
  out.reserve(impl_->buffer.GetSize() + 1);  // with the pretty newline, one allocation (a list of systems is MBs)
  out.append(impl_->buffer.GetString(), impl_->buffer.GetSize());
  if (impl_->pretty) out += '\n';
  return out;
}

void JsonOut::TakeFragment(std::string& out) {
  out.append(impl_->buffer.GetString() + impl_->prefix, impl_->buffer.GetSize() - impl_->prefix);
  impl_->buffer.Clear();
  impl_->compact.Reset(impl_->buffer);
  impl_->indented.Reset(impl_->buffer);
  Open();
}

}  // namespace ansvar::io::internal
