#pragma once
// A finding: one rule not met by one subject of the register, with the facts that identify it (detail).
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "rules/catalog.hpp"

namespace ansvar::rules {

enum class SubjectType {
  kSystem,
  kCommittee,
  kProcessingActivity,
  kIncident,
  kDataSubjectRequest,
  kOrganization,
  kDocument,
  kCooperation,
  kDpaDecision,
  kPowerOfAttorney,
};
std::string_view ToString(SubjectType type);

struct Subject {
  SubjectType type = SubjectType::kSystem;
  std::string id;
  friend bool operator==(const Subject&, const Subject&) = default;
  friend auto operator<=>(const Subject&, const Subject&) = default;
};

using DetailValue = std::variant<std::string, int64_t, std::vector<std::string>>;
using Detail = std::vector<std::pair<std::string, DetailValue>>;

struct Finding {
  RuleId rule = RuleId::kRoleMandatory;
  Severity severity = Severity::kError;
  Subject subject;
  Detail detail;  // keys in insertion order; the keys the spec requires come first
  friend bool operator==(const Finding&, const Finding&) = default;
};

// Lookup of a detail value by key; nullptr when absent or of another type.
const std::string* DetailString(const Finding& f, std::string_view key);
const int64_t* DetailInt(const Finding& f, std::string_view key);

}  // namespace ansvar::rules
