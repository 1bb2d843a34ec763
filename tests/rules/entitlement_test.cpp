// Who is entitled to decide on a processor on a day (rules/entitlement.hpp): the reading R-DPA-DECISION-AUTHORITY
// judges by and the decision act of the service uses.
#include "rules/entitlement.hpp"

#include <gtest/gtest.h>

#include "rules/register_index.hpp"

namespace ansvar::rules {
namespace {

using model::Date;

model::Register Sample() {
  model::Register reg;
  model::Organization kba;
  kba.id = model::OrganizationId("kba"), kba.name = "Kommunen";
  reg.organizations.push_back(kba);
  for (const char* id : {"bn", "mh"}) {
    model::Committee c;
    c.id = model::CommitteeId(id), c.organization = kba.id, c.name = id;
    reg.committees.push_back(c);
  }
  model::Person anna;
  anna.id = model::PersonId("anna"), anna.name = "Anna", anna.title = model::Title::kAdministrationDirector;
  model::Person bo;
  bo.id = model::PersonId("bo"), bo.name = "Bo", bo.title = model::Title::kAdministrationDirector;
  reg.people = {anna, bo};
  model::Delegation by_person;
  by_person.id = model::DelegationId("d-person");
  by_person.committee = model::CommitteeId("bn");
  by_person.matter = model::DelegationMatter::kDecideDpa;
  by_person.delegate_person = model::PersonId("anna");
  by_person.valid_from = Date::FromYmd(2025, 1, 1);
  by_person.valid_to = Date::FromYmd(2026, 1, 1);
  model::Delegation by_title;
  by_title.id = model::DelegationId("d-title");
  by_title.committee = model::CommitteeId("mh");
  by_title.matter = model::DelegationMatter::kDecideDpa;
  by_title.delegate_title = model::Title::kAdministrationDirector;
  by_title.valid_from = Date::FromYmd(2025, 6, 1);
  reg.delegations = {by_person, by_title};
  return reg;
}

TEST(Entitlement, ADelegationToAPersonEntitlesThatPersonWhileValid) {
  const auto reg = Sample();
  const RegisterIndex index(reg);
  const auto& anna = reg.people[0];
  const auto& bo = reg.people[1];
  const auto bn = model::CommitteeId("bn");
  const auto* d = EntitlingDelegation(index, bn, model::DelegationMatter::kDecideDpa, anna, Date::FromYmd(2025, 1, 1));
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->id.str(), "d-person");
  // valid_to is exclusive; before valid_from nothing; another person nothing; another matter nothing.
  EXPECT_EQ(EntitlingDelegation(index, bn, model::DelegationMatter::kDecideDpa, anna, Date::FromYmd(2026, 1, 1)),
            nullptr);
  EXPECT_EQ(EntitlingDelegation(index, bn, model::DelegationMatter::kDecideDpa, anna, Date::FromYmd(2024, 12, 31)),
            nullptr);
  EXPECT_EQ(EntitlingDelegation(index, bn, model::DelegationMatter::kDecideDpa, bo, Date::FromYmd(2025, 3, 1)),
            nullptr);
  EXPECT_EQ(EntitlingDelegation(index, bn, model::DelegationMatter::kDecideDpaMunicipalityWide, anna,
                                Date::FromYmd(2025, 3, 1)),
            nullptr);
}

TEST(Entitlement, ADelegationToATitleEntitlesEveryoneWithTheTitle) {
  const auto reg = Sample();
  const RegisterIndex index(reg);
  const auto mh = model::CommitteeId("mh");
  for (const auto& p : reg.people)
    EXPECT_NE(EntitlingDelegation(index, mh, model::DelegationMatter::kDecideDpa, p, Date::FromYmd(2030, 1, 1)),
              nullptr)
        << p.id.str();
  auto employee = reg.people[0];
  employee.title = model::Title::kEmployee;
  EXPECT_FALSE(DelegatedTo(reg.delegations[1], employee));
  EXPECT_TRUE(DelegationValidOn(reg.delegations[1], Date::FromYmd(2025, 6, 1)));
  EXPECT_FALSE(DelegationValidOn(reg.delegations[1], Date::FromYmd(2025, 5, 31)));
}

}  // namespace
}  // namespace ansvar::rules
