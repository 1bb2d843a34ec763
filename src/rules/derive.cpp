#include "rules/derive.hpp"

namespace ansvar::rules {

using model::Category;
using model::CommitteeKind;

const model::Person* Owner(const RegisterIndex& index, const model::System& system) {
  for (const auto& r : system.roles)
    if (r.role == model::RoleKind::kOwner && r.person)
      if (const auto* p = index.FindPerson(r.person->str())) return p;
  return nullptr;
}

const model::Committee* InternalProcessor(const RegisterIndex& index, const model::System& system) {
  if (system.hosting != model::Hosting::kInternal) return nullptr;
  const auto* org = index.OrganizationOf(system);
  return org ? index.CommitteeOfKind(org->id.str(), CommitteeKind::kServiceCommittee) : nullptr;
}

const model::Committee* IncidentHandler(const RegisterIndex& index, const model::System& system) {
  const auto controllers = index.Controllers(index.IndexOf(system));
  if (system.scope == model::Scope::kMunicipalityWide || controllers.size() >= 2) {
    const auto* owner = Owner(index, system);
    return owner ? index.CommitteeOfPerson(*owner) : nullptr;
  }
  return controllers.size() == 1 ? controllers.front() : nullptr;
}

// model.md §5.3 and register-format.md "DPA decided by"; first match wins.
DpaDecider DpaDecidedBy(const RegisterIndex& index, const model::System& system) {
  DpaDecider d;
  if (!system.personal_data || system.category == Category::kPublicService ||
      system.category == Category::kAuthorityService)
    return d;
  if (system.category == Category::kItInfrastructure) {
    const auto* org = index.OrganizationOf(system);
    if (const auto* service = org ? index.CommitteeOfKind(org->id.str(), CommitteeKind::kServiceCommittee) : nullptr) {
      d.which = DpaDeciderCase::kServiceCommittee;
      d.committees = {service};
    }
    return d;
  }
  if (system.own_support_process) {
    const auto* owner = Owner(index, system);
    if (const auto* c = owner ? index.CommitteeOfPerson(*owner) : nullptr) {
      d.which = DpaDeciderCase::kSupportProcess;
      d.committees = {c};
    }
    return d;
  }
  if (system.scope == model::Scope::kMunicipalityWide) {
    d.which = DpaDeciderCase::kDeputyDirector;
    return d;
  }
  const auto controllers = index.Controllers(index.IndexOf(system));
  if (controllers.empty()) return d;
  d.which = controllers.size() == 1 ? DpaDeciderCase::kSingleController : DpaDeciderCase::kEachController;
  d.committees.assign(controllers.begin(), controllers.end());
  return d;
}

Responsibilities Derive(const RegisterIndex& index, const Rulebook& rulebook, const model::System& system) {
  Responsibilities r;
  r.controllers = index.Controllers(index.IndexOf(system));
  r.internal_processor = InternalProcessor(index, system);
  r.mandatory_roles = MandatoryRoles(rulebook, system.category, system.fee);
  r.mandatory_documents = MandatoryDocuments(rulebook, system.category, system.personal_data);
  r.dpa_decided_by = DpaDecidedBy(index, system);
  r.incident_handler = IncidentHandler(index, system);
  r.owner = Owner(index, system);
  return r;
}

}  // namespace ansvar::rules
