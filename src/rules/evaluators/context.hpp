#pragma once
// What an evaluator sees (the register, its index, the rulebook, the instant) and where it puts findings.
// Internal to rules/: not part of the layer's interface.
#include <vector>

#include "model/register.hpp"
#include "rules/finding.hpp"
#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::rules::internal {

struct EvalContext {
  const RegisterIndex& index;
  const Rulebook& rulebook;
  model::Timestamp as_of;
  model::Date today;  // the UTC date of as_of

  [[nodiscard]] const model::Register& reg() const { return index.reg(); }
  // Rules on roles, documents and forums apply to active or retiring systems (register-format.md).
  [[nodiscard]] static bool InOperation(const model::System& s) {
    return s.lifecycle == model::Lifecycle::kActive || s.lifecycle == model::Lifecycle::kRetiring;
  }
};

class Sink {
 public:
  void Add(RuleId rule, Severity severity, SubjectType type, const std::string& id, Detail detail = {}) {
    findings_.push_back(Finding{rule, severity, Subject{type, id}, std::move(detail)});
  }
  void System(RuleId rule, Severity severity, const model::System& s, Detail detail = {}) {
    Add(rule, severity, SubjectType::kSystem, s.id.str(), std::move(detail));
  }
  std::vector<Finding>& findings() { return findings_; }

 private:
  std::vector<Finding> findings_;
};

// Per-system families: called once for every system, in any order and from several threads.
void EvaluateRoles(const EvalContext& ctx, const model::System& s, Sink& out);        // roles.cpp
void EvaluateScope(const EvalContext& ctx, const model::System& s, Sink& out);        // roles.cpp
void EvaluateDocuments(const EvalContext& ctx, const model::System& s, Sink& out);    // documents.cpp
void EvaluateAnnualCycle(const EvalContext& ctx, const model::System& s, Sink& out);  // annual_cycle.cpp
void EvaluateDpa(const EvalContext& ctx, const model::System& s, Sink& out);          // dpa.cpp
void EvaluateProcessorRecord(const EvalContext& ctx, const model::System& s, Sink& out);  // processing.cpp
void EvaluateSecurity(const EvalContext& ctx, const model::System& s, Sink& out);     // security.cpp
void EvaluateCooperation(const EvalContext& ctx, const model::System& s, Sink& out);  // cooperation.cpp
void EvaluateReferenceDpia(const EvalContext& ctx, const model::System& s, Sink& out);  // dpia.cpp

// Register-wide families.
void EvaluateDelegations(const EvalContext& ctx, Sink& out);          // dpa.cpp
void EvaluateProcessingActivities(const EvalContext& ctx, Sink& out);  // processing.cpp
void EvaluateDpias(const EvalContext& ctx, Sink& out);                // dpia.cpp
void EvaluateIncidents(const EvalContext& ctx, Sink& out);            // incidents.cpp
void EvaluateRequests(const EvalContext& ctx, Sink& out);             // requests.cpp
void EvaluateManagementReviews(const EvalContext& ctx, Sink& out);    // cooperation.cpp

}  // namespace ansvar::rules::internal
