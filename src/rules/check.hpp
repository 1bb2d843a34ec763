#pragma once
// `check`: every finding of the rulebook against a register at an instant.
#include <vector>

#include "model/register.hpp"
#include "rules/finding.hpp"
#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::rules {

struct CheckOptions {
  model::Timestamp as_of;
  unsigned threads = 0;  // 0: one per core, at most 2 for registers under 2,000 systems
};

// Findings sorted by severity, subject and rule, one per (rule, subject, detail).
std::vector<Finding> Check(const RegisterIndex& index, const Rulebook& rulebook, const CheckOptions& options);
std::vector<Finding> Check(const model::Register& reg, const Rulebook& rulebook, const CheckOptions& options);

struct Summary {
  size_t error = 0;
  size_t warning = 0;
  size_t info = 0;
};
Summary Summarize(const std::vector<Finding>& findings);

}  // namespace ansvar::rules
