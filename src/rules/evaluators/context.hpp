#pragma once
// What an evaluator sees (the register, its index, the rulebook, the instant) and where it puts findings.
// Internal to rules/: not part of the layer's interface.
#include <algorithm>
#include <cstdint>
#include <string_view>
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

  // The effective rulebook of the organization that judges a subject (cooperation-and-decisions.md §1).
  [[nodiscard]] const Rulebook& ForOrganization(const model::Organization* o) const {
    return o == nullptr ? rulebook : rulebook.ForOrganization(o->id.str());
  }
  [[nodiscard]] const Rulebook& ForOrganization(std::string_view id) const { return rulebook.ForOrganization(id); }
  // A system: its owner administration's organization (else its first user's).
  [[nodiscard]] const Rulebook& ForSystem(const model::System& s) const {
    return ForOrganization(index.OrganizationOf(s));
  }
  [[nodiscard]] const Rulebook& ForCommittee(std::string_view committee) const {
    const auto* c = index.FindCommittee(committee);
    return c == nullptr ? rulebook : rulebook.ForOrganization(c->organization.str());
  }
  // Incidents and requests: the organization of the first listed controller.
  template <class T>
  [[nodiscard]] const Rulebook& ForControllers(const std::vector<T>& controllers) const {
    return controllers.empty() ? rulebook : ForCommittee(controllers.front().str());
  }
  // A cooperation: its lead party's (else the register's).
  [[nodiscard]] const Rulebook& ForCooperation(const model::Cooperation& c) const {
    return c.lead ? ForOrganization(c.lead->str()) : rulebook;
  }
  // Rules on roles, documents and forums apply to active or retiring systems (register-format.md).
  [[nodiscard]] static bool InOperation(const model::System& s) {
    return s.lifecycle == model::Lifecycle::kActive || s.lifecycle == model::Lifecycle::kRetiring;
  }
};

// Each finding is kept with the rulebook that judges it (whose enabled and severity settings apply): the one last
// named by Judge().
// A delegation in force on a day: valid_from <= day < valid_to (register-format.md, R-DELEG-KF33).
inline bool ValidOn(const model::Delegation& d, model::Date day) {
  return (!d.valid_from || *d.valid_from <= day) && (!d.valid_to || day < *d.valid_to);
}

// Whether a DPA document covers an organization: its `organizations`, else its `organization`, else the owner's
// organization `home` (cooperation-and-decisions.md §2).
inline bool DpaCovers(const model::Document& dpa, std::string_view organization, const model::Organization* home) {
  if (!dpa.organizations.empty())
    return std::any_of(dpa.organizations.begin(), dpa.organizations.end(),
                       [&](const model::OrganizationId& o) { return o.str() == organization; });
  if (dpa.organization) return dpa.organization->str() == organization;
  return home != nullptr && home->id.str() == organization;
}

// Each is also kept with the kind of family that made it (Origin, check.hpp), the one last named by From().
class Sink {
 public:
  void Judge(const Rulebook& rulebook) { judge_ = &rulebook; }
  void From(uint8_t origin) { origin_ = origin; }
  void Add(RuleId rule, Severity severity, SubjectType type, const std::string& id, Detail detail = {}) {
    findings_.push_back(Finding{rule, severity, Subject{type, id}, std::move(detail)});
    judges_.push_back(judge_);
    origins_.push_back(origin_);
  }
  [[nodiscard]] const Rulebook* JudgeOf(size_t i) const { return judges_[i]; }
  [[nodiscard]] uint8_t OriginOf(size_t i) const { return origins_[i]; }
  void System(RuleId rule, Severity severity, const model::System& s, Detail detail = {}) {
    Add(rule, severity, SubjectType::kSystem, s.id.str(), std::move(detail));
  }
  std::vector<Finding>& findings() { return findings_; }

 private:
  const Rulebook* judge_ = nullptr;
  uint8_t origin_ = 0;
  std::vector<Finding> findings_;
  std::vector<const Rulebook*> judges_;
  std::vector<uint8_t> origins_;
};

// Per-system families: called once for every system, in any order and from several threads.
void EvaluateRoles(const EvalContext& ctx, const model::System& s, Sink& out);            // roles.cpp
void EvaluateScope(const EvalContext& ctx, const model::System& s, Sink& out);            // roles.cpp
void EvaluateDocuments(const EvalContext& ctx, const model::System& s, Sink& out);        // documents.cpp
void EvaluateAnnualCycle(const EvalContext& ctx, const model::System& s, Sink& out);      // annual_cycle.cpp
void EvaluateDpa(const EvalContext& ctx, const model::System& s, Sink& out);              // dpa.cpp
void EvaluateProcessorRecord(const EvalContext& ctx, const model::System& s, Sink& out);  // processing.cpp
void EvaluateSecurity(const EvalContext& ctx, const model::System& s, Sink& out);         // security.cpp
void EvaluateCooperation(const EvalContext& ctx, const model::System& s, Sink& out);      // cooperation.cpp
void EvaluateReferenceDpia(const EvalContext& ctx, const model::System& s, Sink& out);    // dpia.cpp

// Register-wide families.
void EvaluateDelegations(const EvalContext& ctx, Sink& out);                             // dpa.cpp
void EvaluateProcessingActivities(const EvalContext& ctx, Sink& out);                    // processing.cpp
void EvaluateDpias(const EvalContext& ctx, Sink& out);                                   // dpia.cpp
void EvaluateIncidents(const EvalContext& ctx, Sink& out);                               // incidents.cpp
void EvaluateRequests(const EvalContext& ctx, Sink& out);                                // requests.cpp
void EvaluateManagementReviews(const EvalContext& ctx, Sink& out);                       // cooperation.cpp
void EvaluateCooperations(const EvalContext& ctx, Sink& out);                            // cooperations.cpp
void EvaluateDpaDecisions(const EvalContext& ctx, Sink& out);                            // decisions.cpp
void EvaluatePowersOfAttorney(const EvalContext& ctx, Sink& out);                        // decisions.cpp
void EvaluateMeasures(const EvalContext& ctx, Sink& out);                                // measures.cpp
void EvaluateCooperationDpa(const EvalContext& ctx, const model::System& s, Sink& out);  // cooperations.cpp
void EvaluateDecisionsOf(const EvalContext& ctx, const model::System& s, Sink& out);     // decisions.cpp

}  // namespace ansvar::rules::internal
