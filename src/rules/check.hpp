#pragma once
// `check`: every finding of the rulebook against a register at an instant.
#include <cstdint>
#include <string>
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

// Which kinds of family made a finding (bits: one finding can come from both).
enum Origin : uint8_t {
  kFromSystemFamilies = 1,    // the per-system families, on the system that is its subject
  kFromRegisterFamilies = 2,  // the register-wide families
};

// Check's findings with, for each, the families that made it: what Reevaluate needs to take an evaluation up again
// after writes instead of evaluating everything.
struct Evaluation {
  std::vector<Finding> findings;  // as Check answers them
  std::vector<uint8_t> origins;   // position for position; 0 for findings merged in from elsewhere (Merge)
  model::Date day;                // the as-of date the findings hold for
  // Every finding of the per-system families had the system judged as its subject, so that a system's findings can
  // be told by their subject; when not, Reevaluate evaluates everything.
  bool keyed = true;
  bool taken_up = false;  // Reevaluate took the previous evaluation up (it did not evaluate everything)
  // After Reevaluate (and through Merge), position for position: where a finding taken up from the previous
  // evaluation stood there, kNew for the others; empty after Evaluate. What lets a view of the findings built on
  // positions (the service's grouping) be carried over rather than built again.
  static constexpr uint32_t kNew = UINT32_MAX;
  std::vector<uint32_t> was;
};
Evaluation Evaluate(const RegisterIndex& index, const Rulebook& rulebook, const CheckOptions& options);

// What Evaluate would answer now, from an evaluation of the register as it stood before some writes: the
// register-wide families run again in full, the per-system families only on `systems` (ids; those gone are only
// dropped), and the other systems' per-system findings are taken from `previous`. `systems` must hold every system
// whose per-system findings the writes may have changed (rules::Touched says which) and `rulebook` must be the one
// `previous` was made with; on another day than previous's, or when previous is not keyed, it evaluates everything.
Evaluation Reevaluate(Evaluation previous, const std::vector<std::string>& systems, const RegisterIndex& index,
                      const Rulebook& rulebook, const CheckOptions& options);

// Merges findings made elsewhere (in any order) into the evaluation, in Check's order and each once, with `origin`.
void Merge(Evaluation& into, std::vector<Finding> more, uint8_t origin = 0);

struct Summary {
  size_t error = 0;
  size_t warning = 0;
  size_t info = 0;
};
Summary Summarize(const std::vector<Finding>& findings);

}  // namespace ansvar::rules
