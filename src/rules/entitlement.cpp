#include "rules/entitlement.hpp"

#include <algorithm>

#include "rules/derive.hpp"
#include "rules/evaluators/context.hpp"

namespace ansvar::rules {

std::vector<const model::Committee*> CommitteesThatMustDecide(const RegisterIndex& index, const model::System& s) {
  const auto decider = DpaDecidedBy(index, s);
  std::vector<const model::Committee*> out;
  if (decider.which == DpaDeciderCase::kDeputyDirector) {
    const auto controllers = index.Controllers(index.IndexOf(s));
    out.assign(controllers.begin(), controllers.end());
  } else {
    out = decider.committees;
  }
  // A decision never crosses from one legal person to another.
  const auto* home = index.OrganizationOf(s);
  std::erase_if(out, [&](const model::Committee* c) { return home != nullptr && c->organization != home->id; });
  return out;
}

model::DelegationMatter DpaDecisionMatter(const RegisterIndex& index, const model::System& s) {
  return DpaDecidedBy(index, s).which == DpaDeciderCase::kDeputyDirector
             ? model::DelegationMatter::kDecideDpaMunicipalityWide
             : model::DelegationMatter::kDecideDpa;
}

bool DelegatedTo(const model::Delegation& d, const model::Person& person) {
  if (d.delegate_person) return *d.delegate_person == person.id;
  return d.delegate_title && person.title == d.delegate_title;
}

bool DelegationValidOn(const model::Delegation& d, model::Date day) { return internal::ValidOn(d, day); }

const model::Delegation* EntitlingDelegation(const RegisterIndex& index, const model::CommitteeId& committee,
                                             model::DelegationMatter matter, const model::Person& person,
                                             model::Date day) {
  for (const auto* x : index.DelegationsOf(committee.str()))
    if (x->matter == matter && internal::ValidOn(*x, day) && DelegatedTo(*x, person)) return x;
  return nullptr;
}

}  // namespace ansvar::rules
