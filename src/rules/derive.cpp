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

std::string_view DutyHolder(const model::Cooperation& cooperation, std::string_view duty) {
  for (const auto& r : cooperation.responsibilities)
    if (r.duty == duty) return r.party;
  return {};
}

const model::CooperationParty* PartyOf(const model::Cooperation& cooperation, std::string_view organization) {
  for (const auto& p : cooperation.parties)
    if (p.organization.str() == organization) return &p;
  return nullptr;
}

HandlerRule IncidentHandlerRule(const RegisterIndex& index, const model::System& system) {
  HandlerRule rule;
  // cooperation-and-decisions.md §2: the arrangement's breach_handling party decides.
  if (const auto* coop = index.CooperationOf(system)) {
    const auto holder = DutyHolder(*coop, "breach_handling");
    if (holder == model::kEachParty) {
      rule.each_controller = true;
      return rule;
    }
    if (!holder.empty()) {
      const auto* party = PartyOf(*coop, holder);
      if (party != nullptr && party->committee) rule.committee = index.FindCommittee(party->committee->str());
      return rule;
    }
  }
  const auto controllers = index.Controllers(index.IndexOf(system));
  if (system.scope == model::Scope::kMunicipalityWide || controllers.size() >= 2) {
    const auto* owner = Owner(index, system);
    rule.committee = owner ? index.CommitteeOfPerson(*owner) : nullptr;
  } else if (controllers.size() == 1) {
    rule.committee = controllers.front();
  }
  return rule;
}

const model::Committee* IncidentHandler(const RegisterIndex& index, const model::System& system) {
  return IncidentHandlerRule(index, system).committee;
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

Responsibilities Derive(const RegisterIndex& index, const Rulebook& base, const model::System& system) {
  const auto* org = index.OrganizationOf(system);
  const Rulebook& rulebook = org != nullptr ? base.ForOrganization(org->id.str()) : base;
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
