#pragma once
// Referential integrity of a register: unique ids and references that resolve.
// Each problem names the place of the fault as a path into the exchange format ("$.systems[3].roles[0].person").
#include <string>
#include <vector>

#include "model/register.hpp"

namespace ansvar::model {

struct Problem {
  std::string path;
  std::string message;
  friend bool operator==(const Problem&, const Problem&) = default;
};

// Returns every problem found (at most `limit`), in document order; empty when the register is consistent.
std::vector<Problem> Validate(const Register& reg, size_t limit = 100);

}  // namespace ansvar::model
