#pragma once
// Who is entitled to decide on a system's processor on a day (cooperation-and-decisions.md §3): the same reading
// R-DPA-DECISION and R-DPA-DECISION-AUTHORITY judge by, offered to the use cases that let a person decide in Ansvar
// (app/decisions.hpp), so that the act and the rule can never disagree.
#include <optional>
#include <vector>

#include "model/register.hpp"
#include "rules/register_index.hpp"

namespace ansvar::rules {

// The committees that must decide on the system's processor (derive's dpa_decided_by: every controller committee
// for the deputy-director case), kept inside the owner's organization.
std::vector<const model::Committee*> CommitteesThatMustDecide(const RegisterIndex& index, const model::System& s);

// The delegation matter a decision on the system's processor is taken under: decide_dpa_municipality_wide when the
// deputy municipal director decides (a municipality-wide system), else decide_dpa.
model::DelegationMatter DpaDecisionMatter(const RegisterIndex& index, const model::System& s);

// The delegate of a delegation is this person: named as delegate_person, else holding delegate_title.
bool DelegatedTo(const model::Delegation& d, const model::Person& person);

// A delegation in force on a day: valid_from <= day < valid_to.
bool DelegationValidOn(const model::Delegation& d, model::Date day);

// The committee's delegation of `matter`, valid on `day`, whose delegate is `person`; nullptr when none.
const model::Delegation* EntitlingDelegation(const RegisterIndex& index, const model::CommitteeId& committee,
                                             model::DelegationMatter matter, const model::Person& person,
                                             model::Date day);

}  // namespace ansvar::rules
