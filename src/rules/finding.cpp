#include "rules/finding.hpp"

#include <array>

namespace ansvar::rules {

std::string_view ToString(SubjectType type) {
  static constexpr std::array<std::string_view, 10> kNames = {
      "system",       "committee", "processing_activity", "incident",     "data_subject_request",
      "organization", "document",  "cooperation",         "dpa_decision", "power_of_attorney"};
  return kNames[static_cast<size_t>(type)];
}

namespace {
template <class T>
const T* Lookup(const Finding& f, std::string_view key) {
  for (const auto& [k, v] : f.detail)
    if (k == key) return std::get_if<T>(&v);
  return nullptr;
}
}  // namespace

const std::string* DetailString(const Finding& f, std::string_view key) { return Lookup<std::string>(f, key); }
const int64_t* DetailInt(const Finding& f, std::string_view key) { return Lookup<int64_t>(f, key); }

}  // namespace ansvar::rules
