#pragma once
// What writes since an evaluation may have changed in the per-system families' findings: the systems whose findings
// Reevaluate (check.hpp) must make again, or everything. Each kind of entity says what of it a per-system family
// reads (src/rules/evaluators/, rules/derive.cpp, rules/entitlement.cpp), beyond the system judged itself:
//   - another system: its classification, through the judged system's integrations (R-FLOW-SECURITY);
//   - a person: through the judged system's roles (Holders, Owner) and its documents' signed_by (R-DPA-SIGNER);
//   - processing activities, processor records, agreements, cooperations and DPA decisions: the index's lists of
//     those that name the system (ActivitiesOf, Controllers, ProcessorRecordsOf, AgreementsOf, CooperationsOf,
//     DpaDecisionsOf);
//   - a power of attorney: only on the system it names (R-DPA-FULLMAKT compares f.system with the system);
//   - delegations, incidents and data subject requests: none (only the register-wide families read them);
//   - organizations, committees and administrations: a system's organization, and so its judge, its controllers,
//     its people's committees and units: read by nearly every family, so such a write evaluates everything again.
#include <string>
#include <unordered_set>
#include <vector>

#include "model/register.hpp"

namespace ansvar::rules {

class Touched {
 public:
  // One entity written: `before` is null when it was created, `after` when it was deleted.
  void Note(const model::System* before, const model::System* after);
  void Note(const model::Person* before, const model::Person* after);
  void Note(const model::ProcessingActivity* before, const model::ProcessingActivity* after);
  void Note(const model::ProcessorRecord* before, const model::ProcessorRecord* after);
  void Note(const model::Agreement* before, const model::Agreement* after);
  void Note(const model::Cooperation* before, const model::Cooperation* after);
  void Note(const model::DpaDecision* before, const model::DpaDecision* after);
  void Note(const model::PowerOfAttorney* before, const model::PowerOfAttorney* after);
  void Note(const model::Delegation*, const model::Delegation*) {}
  void Note(const model::Incident*, const model::Incident*) {}
  void Note(const model::DataSubjectRequest*, const model::DataSubjectRequest*) {}
  void Note(const model::Organization*, const model::Organization*) { Everything(); }
  void Note(const model::Committee*, const model::Committee*) { Everything(); }
  void Note(const model::Administration*, const model::Administration*) { Everything(); }
  // Something the notes cannot follow (a register replaced, others' writes caught up with).
  void Everything();

  [[nodiscard]] bool everything() const { return everything_; }
  // The systems whose findings to make again, in the register as it is now (after the writes): those named, and
  // those that read a written system or person.
  [[nodiscard]] std::vector<std::string> Systems(const model::Register& now) const;
  void Clear();

 private:
  void Name(const model::SystemId& system);
  void Name(const std::vector<model::SystemId>& systems);
  // Past kMaxNoted systems and people noted, everything: the notes would weigh more than evaluating it all again.
  void Capped();

  bool everything_ = false;
  std::unordered_set<std::string> named_;    // systems whose findings the writes may have changed directly
  std::unordered_set<std::string> systems_;  // written systems: their readers too
  std::unordered_set<std::string> people_;   // written people: their readers
};

}  // namespace ansvar::rules
