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
  const model::Committee* incident_handler = nullptr;    // R-INC-HANDLER
  const model::Person* owner = nullptr;                  // the (first) owner
};

Responsibilities Derive(const RegisterIndex& index, const Rulebook& rulebook, const model::System& system);

// R-INC-HANDLER: municipality-wide or multi-committee → the committee of the owner; otherwise the single
// controller committee; nullptr when the rule needs an owner the system lacks.
const model::Committee* IncidentHandler(const RegisterIndex& index, const model::System& system);
DpaDecider DpaDecidedBy(const RegisterIndex& index, const model::System& system);
// Internal processor: `hosting: internal` → the organization's service committee.
const model::Committee* InternalProcessor(const RegisterIndex& index, const model::System& system);
const model::Person* Owner(const RegisterIndex& index, const model::System& system);

}  // namespace ansvar::rules
