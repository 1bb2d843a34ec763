#pragma once
// Referential integrity of a register: unique ids and references that resolve.
// Each problem names the place of the fault as a path into the exchange format ("$.systems[3].roles[0].person").
#include <string>
#include <string_view>
#include <vector>

#include "model/register.hpp"

namespace ansvar::model {

struct Problem {
  std::string path;
  std::string message;
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
std::vector<Problem> Validate(const Register& reg, size_t limit = 100);

// The references of one entity (a system's roles, documents, …) checked against `lookup`; paths under `path`.
template <class T>
std::vector<Problem> ValidateEntity(const T& entity, const Lookup& lookup, const std::string& path = "$");

}  // namespace ansvar::model
