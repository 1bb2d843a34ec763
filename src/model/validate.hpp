#pragma once
// Referential integrity of a register: unique ids and references that resolve.
// Each problem names the place of the fault as a path into the exchange format ("$.systems[3].roles[0].person").
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/register.hpp"

namespace ansvar::model {

// What is wrong: a field (the document is JSON, a value at `path` is not right) or the syntax (not JSON at all).
enum class ProblemKind { kField, kSyntax };

struct Problem {
  std::string path;
  std::string message;
  ProblemKind kind = ProblemKind::kField;
  friend bool operator==(const Problem&, const Problem&) = default;
};

// The collections of a register that hold entities with ids.
enum class Collection {
  kOrganization,
  kCommittee,
  kAdministration,
  kPerson,
  kSystem,
  kDelegation,
  kPowerOfAttorney,
  kProcessingActivity,
  kProcessorRecord,
  kIncident,
  kDataSubjectRequest,
  kAgreement,
  kCooperation,
  kDpaDecision,
};

// What an entity's references are checked against.
class Lookup {
 public:
  virtual ~Lookup() = default;
  [[nodiscard]] virtual bool Has(Collection collection, std::string_view id) const = 0;
  [[nodiscard]] virtual const Administration* FindAdministration(std::string_view id) const = 0;
};

// Returns every problem found (at most `limit`), in document order; empty when the register is consistent.
// A problem of the document's syntax: it is not JSON (a reader's parse failure).
inline Problem SyntaxProblem(std::string path, std::string message) {
  return {std::move(path), std::move(message), ProblemKind::kSyntax};
}
inline bool HasSyntaxProblem(const std::vector<Problem>& problems) {
  for (const auto& p : problems)
    if (p.kind == ProblemKind::kSyntax) return true;
  return false;
}

std::vector<Problem> Validate(const Register& reg, size_t limit = 100);

// The references of one entity (a system's roles, documents, …) checked against `lookup`; paths under `path`.
template <class T>
std::vector<Problem> ValidateEntity(const T& entity, const Lookup& lookup, const std::string& path = "$");

}  // namespace ansvar::model
