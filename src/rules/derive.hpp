#pragma once
// Who is responsible for what, per system: the derivations of spec/register-format.md ("derive").
#include <string>
#include <vector>

#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::rules {

// R-DPA-DECIDER (model.md §5.3): which row of the table decides the system's DPA. First match wins.
enum class DpaDeciderCase {
  kNone,              // no personal data, or a public or authority service: no DPA
  kServiceCommittee,  // processors for IT infrastructure: the Service committee
  kSupportProcess,    // KS's or Service's own support process: the committee of the owner
  kDeputyDirector,    // municipality-wide: the deputy municipal director, by delegation from every committee
  kSingleController,  // one controller committee: that committee
  kEachController,    // several: each controller committee; the owner signs with powers of attorney
};

struct DpaDecider {
  DpaDeciderCase which = DpaDeciderCase::kNone;
  std::vector<const model::Committee*> committees;  // sorted by id; empty for kNone and kDeputyDirector
};

struct Responsibilities {
  std::span<const model::Committee* const> controllers;  // sorted by id
  const model::Committee* internal_processor = nullptr;
  std::vector<model::RoleKind> mandatory_roles;          // sorted by wire name
  std::vector<model::DocumentKind> mandatory_documents;  // sorted by wire name
  DpaDecider dpa_decided_by;
  const model::Committee* incident_handler = nullptr;  // R-INC-HANDLER
  const model::Person* owner = nullptr;                // the (first) owner
};

Responsibilities Derive(const RegisterIndex& index, const Rulebook& rulebook, const model::System& system);

// R-INC-HANDLER: on a system of a cooperation whose arrangement assigns breach handling, the committee of that party,
// or — for "each" — whichever of the incident's controllers (each_controller); otherwise municipality-wide or
// multi-committee → the committee of the owner, else the single controller committee. committee is nullptr when the
// rule names none (an owner the system lacks, a party without a committee, "each").
struct HandlerRule {
  const model::Committee* committee = nullptr;
  bool each_controller = false;
};
HandlerRule IncidentHandlerRule(const RegisterIndex& index, const model::System& system);
const model::Committee* IncidentHandler(const RegisterIndex& index, const model::System& system);

// The holder of a duty of a cooperation's art. 26 arrangement: a party's organization id, "each", or "" (unassigned).
std::string_view DutyHolder(const model::Cooperation& cooperation, std::string_view duty);
const model::CooperationParty* PartyOf(const model::Cooperation& cooperation, std::string_view organization);
DpaDecider DpaDecidedBy(const RegisterIndex& index, const model::System& system);
// Internal processor: `hosting: internal` → the organization's service committee.
const model::Committee* InternalProcessor(const RegisterIndex& index, const model::System& system);
const model::Person* Owner(const RegisterIndex& index, const model::System& system);

}  // namespace ansvar::rules
