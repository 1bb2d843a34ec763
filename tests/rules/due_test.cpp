// The annual cycle as due items (rules/due.hpp): deadlines around year ends and leap days, a system that became
// active mid-year, who answers for what, and dates in Europe/Stockholm across summer time.
#include "rules/due.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "rules/operational_messages.hpp"

namespace ansvar::rules {
namespace {

using model::Date;
using model::Timestamp;

Date D(int y, unsigned m, unsigned d) { return Date::FromYmd(y, m, d); }
Timestamp T(std::string_view iso) { return *model::ParseTimestamp(iso); }

model::RoleAssignment Role(model::RoleKind kind, const char* person) { return {kind, model::PersonId(person), {}}; }

// One organization with a DPO, KS and BN, their administrations, and one business system with every role.
model::Register Base() {
  model::Register reg;
  reg.organizations.push_back({model::OrganizationId("kba"),
                               "Kungsbacka kommun",
                               model::OrganizationKind::kMunicipality,
                               model::PersonId("p-dpo"),
                               D(2024, 11, 1),
                               {}});
  reg.committees.push_back({model::CommitteeId("ks"), model::OrganizationId("kba"), "Kommunstyrelsen",
                            model::CommitteeKind::kExecutiveBoard});
  reg.committees.push_back(
      {model::CommitteeId("bn"), model::OrganizationId("kba"), "Byggnadsnämnden", model::CommitteeKind::kCommittee});
  model::Administration ksf{model::AdministrationId("ksf"),
                            model::OrganizationId("kba"),
                            "KS förvaltning",
                            {model::CommitteeId("ks")},
                            std::nullopt,
                            {}};
  model::Administration bmf{model::AdministrationId("bmf"),
                            model::OrganizationId("kba"),
                            "Bygg- och miljö",
                            {model::CommitteeId("bn")},
                            std::nullopt,
                            {}};
  reg.administrations = {ksf, bmf};
  for (const char* id : {"p-owner", "p-budget", "p-steward", "p-dpo"})
    reg.people.push_back({model::PersonId(id), std::string("Name of ") + id, model::AdministrationId("bmf"),
                          std::nullopt, model::Title::kManager, std::string(id) + "@example.se"});
  model::System s;
  s.id = model::SystemId("ecos");
  s.name = "Ecos";
  s.category = model::Category::kBusinessSystem;
  s.owner_administration = model::AdministrationId("bmf");
  s.used_by = {model::AdministrationId("bmf")};
  s.personal_data = true;
  s.roles = {Role(model::RoleKind::kOwner, "p-owner"), Role(model::RoleKind::kBudgetHolder, "p-budget"),
             Role(model::RoleKind::kSystemSteward, "p-steward")};
  s.reviews = {{model::ReviewKind::kAccessReview, D(2025, 1, 15)}, {model::ReviewKind::kLogReview, D(2025, 1, 15)}};
  reg.systems.push_back(s);
  return reg;
}

struct Fixture {
  explicit Fixture(model::Register r) : reg(std::move(r)), index(reg) {}
  std::vector<DueItem> At(Date today, Date from, Date to) const { return DueItems(index, rb, today, from, to); }
  model::Register reg;
  RegisterIndex index;
  Rulebook rb = Rulebook::Default();
};

std::vector<DueItem> Of(const std::vector<DueItem>& items, RuleId rule, std::optional<DueAction> action = {}) {
  std::vector<DueItem> out;
  for (const auto& i : items)
    if (i.rule == rule && (!action || i.action == *action)) out.push_back(i);
  return out;
}

TEST(DueItems, PlanIsApprovedByTheBudgetHolderAndWrittenByTheStewardByNewYearsEve) {
  Fixture f(Base());
  const auto items = f.At(D(2025, 12, 15), D(2025, 12, 1), D(2026, 1, 31));
  const auto approve = Of(items, RuleId::kPlanAnnual, DueAction::kApprove);
  ASSERT_EQ(approve.size(), 1u);
  EXPECT_EQ(approve[0].due, D(2025, 12, 31));
  EXPECT_EQ(approve[0].year, 2026);
  EXPECT_EQ(approve[0].person, "p-budget");
  EXPECT_EQ(approve[0].role, "budget_holder");
  EXPECT_EQ(approve[0].state, DueState::kDue);
  EXPECT_EQ(approve[0].opens, D(2025, 8, 1));  // due from 1 August, not reminder_days before
  const auto write = Of(items, RuleId::kPlanAnnual, DueAction::kWrite);
  ASSERT_EQ(write.size(), 1u);
  EXPECT_EQ(write[0].person, "p-steward");
  EXPECT_EQ(write[0].role, "system_steward");
  EXPECT_EQ(approve[0].Key(), "R-PLAN-ANNUAL/system/ecos/2026/approve");
}

TEST(DueItems, TheDayAfterNewYearsEveThePlanIsOverdueUnlessApprovedInTime) {
  Fixture late(Base());
  auto items = Of(late.At(D(2026, 1, 1), D(2025, 12, 31), D(2025, 12, 31)), RuleId::kPlanAnnual, DueAction::kApprove);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].state, DueState::kOverdue);
  // On the deadline day itself it is still due (deadlines are inclusive).
  items = Of(late.At(D(2025, 12, 31), D(2025, 12, 31), D(2025, 12, 31)), RuleId::kPlanAnnual, DueAction::kApprove);
  EXPECT_EQ(items[0].state, DueState::kDue);

  auto reg = Base();
  model::Document plan;
  plan.id = model::DocumentId("plan26");
  plan.kind = model::DocumentKind::kManagementPlan;
  plan.year = 2026;
  plan.approved_on = D(2025, 12, 20);
  reg.systems[0].documents.push_back(plan);
  Fixture done(reg);
  items = Of(done.At(D(2026, 1, 1), D(2025, 12, 31), D(2025, 12, 31)), RuleId::kPlanAnnual);
  ASSERT_EQ(items.size(), 2u);  // write and approve
  for (const auto& i : items) {
    EXPECT_EQ(i.state, DueState::kDone);
    EXPECT_EQ(i.done_on, D(2025, 12, 20));
  }
}

TEST(DueItems, WorkOnThePlanStartsInAugust) {
  Fixture f(Base());
  auto start = Of(f.At(D(2025, 7, 15), D(2025, 7, 1), D(2025, 8, 31)), RuleId::kPlanAnnual, DueAction::kStart);
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(start[0].due, D(2025, 8, 1));
  EXPECT_EQ(start[0].person, "p-steward");
  EXPECT_EQ(start[0].state, DueState::kDue);  // within reminder_days (30) of 1 August
  start = Of(f.At(D(2025, 6, 1), D(2025, 7, 1), D(2025, 8, 31)), RuleId::kPlanAnnual, DueAction::kStart);
  EXPECT_EQ(start[0].state, DueState::kUpcoming);
}

TEST(DueItems, FollowUpReportByTheEndOfMarchForThePreviousYear) {
  Fixture f(Base());
  const auto all = f.At(D(2026, 3, 10), D(2026, 1, 1), D(2026, 12, 31));
  // cooperation-and-decisions.md §4: the steward writes it, the budget holder approves it.
  const auto writes = Of(all, RuleId::kReportAnnual, DueAction::kWrite);
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].person, "p-steward");
  const auto items = Of(all, RuleId::kReportAnnual, DueAction::kApprove);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].due, D(2026, 3, 31));
  EXPECT_EQ(items[0].year, 2025);
  EXPECT_EQ(items[0].person, "p-budget");
  EXPECT_EQ(items[0].state, DueState::kDue);
  EXPECT_EQ(DueTitle(items[0], f.index, Lang::kSv), "Godkänn uppföljningsrapporten för 2025");
  EXPECT_EQ(DueTitle(items[0], f.index, Lang::kEn), "Approve the follow-up report for 2025");
}

TEST(DueItems, ASystemActiveFromMidYearOwesNothingForTheTimeBeforeIt) {
  auto reg = Base();
  reg.systems[0].active_since = D(2025, 6, 1);
  reg.systems[0].reviews.clear();
  Fixture f(reg);
  const auto items = f.At(D(2025, 6, 1), D(2024, 1, 1), D(2027, 12, 31));
  // No plan for 2025 (due 31 Dec 2024, before it existed); the plan for 2026 is due.
  std::vector<int> plan_years;
  for (const auto& i : Of(items, RuleId::kPlanAnnual, DueAction::kApprove)) plan_years.push_back(i.year);
  EXPECT_EQ(plan_years, (std::vector<int>{2026, 2027, 2028}));
  // The first follow-up report is the one for 2025 (the system was active before 1 January 2026).
  std::vector<int> report_years;
  for (const auto& i : Of(items, RuleId::kReportAnnual, DueAction::kApprove)) report_years.push_back(i.year);
  EXPECT_EQ(report_years, (std::vector<int>{2025, 2026}));
  // The first contract review is in 2026, the first calendar year it was active on 1 January.
  std::vector<int> review_years;
  for (const auto& i : Of(items, RuleId::kForumContractReview)) review_years.push_back(i.year);
  EXPECT_EQ(review_years, (std::vector<int>{2026, 2027}));
  // Never reviewed: the first access review is due an interval after it became active.
  const auto access = Of(items, RuleId::kAccessReview);
  ASSERT_EQ(access.size(), 1u);
  EXPECT_EQ(access[0].due, D(2026, 6, 1));
  EXPECT_EQ(access[0].state, DueState::kUpcoming);
}

// cooperation-and-decisions.md §4 (K: Forum): the stewards call the contract review.
TEST(DueItems, ContractReviewEachCalendarYearCalledByTheStewards) {
  auto reg = Base();
  reg.systems[0].forums = {model::Forum::Held(model::ForumKind::kContractReview, D(2024, 5, 1))};
  Fixture f(reg);
  const auto items = Of(f.At(D(2025, 1, 2), D(2024, 12, 1), D(2025, 12, 31)), RuleId::kForumContractReview);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].due, D(2024, 12, 31));
  EXPECT_EQ(items[0].state, DueState::kDone);
  EXPECT_EQ(items[0].done_on, D(2024, 5, 1));
  EXPECT_EQ(items[0].person, "p-steward");
  EXPECT_EQ(items[1].due, D(2025, 12, 31));
  EXPECT_EQ(items[1].state, DueState::kUpcoming);
}

TEST(DueItems, ContractExpiryIsDueFromTheNoticeHorizon) {
  auto reg = Base();
  model::Document c;
  c.id = model::DocumentId("k1");
  c.kind = model::DocumentKind::kBaseContract;
  c.valid_to = D(2026, 6, 30);
  reg.systems[0].documents.push_back(c);
  Fixture f(reg);
  auto at = [&](Date today) {
    const auto items = Of(f.At(today, D(2026, 1, 1), D(2026, 12, 31)), RuleId::kContractExpiry);
    EXPECT_EQ(items.size(), 1u);
    return items.empty() ? DueItem{} : items[0];
  };
  EXPECT_EQ(at(D(2025, 12, 31)).state, DueState::kUpcoming);  // 180 days before 30 June 2026 is 1 January 2026
  EXPECT_EQ(at(D(2026, 1, 1)).state, DueState::kDue);
  EXPECT_EQ(at(D(2026, 6, 30)).state, DueState::kDue);  // its last valid day
  EXPECT_EQ(at(D(2026, 7, 1)).state, DueState::kOverdue);
  EXPECT_EQ(at(D(2026, 1, 1)).person, "p-owner");
  EXPECT_EQ(at(D(2026, 1, 1)).Key(), "R-CONTRACT-EXPIRY/system/ecos/2026/decide/k1");
}

TEST(DueItems, LeapDaysInMonthArithmetic) {
  auto reg = Base();
  reg.data_subject_requests.push_back({model::RequestId("r1"),
                                       D(2024, 1, 31),
                                       "access",
                                       {model::CommitteeId("bn")},
                                       std::nullopt,
                                       std::nullopt,
                                       std::nullopt,
                                       false});
  reg.data_subject_requests.push_back({model::RequestId("r2"),
                                       D(2023, 1, 31),
                                       "access",
                                       {model::CommitteeId("bn")},
                                       D(2023, 2, 27),
                                       std::nullopt,
                                       std::nullopt,
                                       false});
  reg.systems[0].reviews = {{model::ReviewKind::kAccessReview, D(2024, 2, 29)}};
  Fixture f(reg);
  const auto items = f.At(D(2024, 2, 29), D(2023, 1, 1), D(2025, 12, 31));
  const auto dsar = Of(items, RuleId::kDsarDeadline);
  ASSERT_EQ(dsar.size(), 2u);
  EXPECT_EQ(dsar[0].subject.id, "r2");
  EXPECT_EQ(dsar[0].due, D(2023, 2, 28));  // 31 January + 1 month in a common year
  EXPECT_EQ(dsar[0].state, DueState::kDone);
  EXPECT_EQ(dsar[1].due, D(2024, 2, 29));  // … and in a leap year
  EXPECT_EQ(dsar[1].state, DueState::kDue);
  EXPECT_EQ(dsar[1].committee, "bn");
  EXPECT_EQ(dsar[1].role, "controller");
  EXPECT_FALSE(dsar[1].person.has_value());
  const auto access = Of(items, RuleId::kAccessReview);
  ASSERT_EQ(access.size(), 1u);
  EXPECT_EQ(access[0].due, D(2025, 2, 28));  // 29 February + 12 months
}

TEST(DueItems, ReviewsMakeTheNextOneDueAndCloseThePreviousOne) {
  auto reg = Base();
  reg.systems[0].reviews = {{model::ReviewKind::kLogReview, D(2023, 3, 1)},
                            {model::ReviewKind::kLogReview, D(2024, 5, 2)}};
  Fixture f(reg);
  const auto logs = Of(f.At(D(2025, 6, 1), D(2023, 1, 1), D(2026, 12, 31)), RuleId::kLogReview);
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0].due, D(2024, 3, 1));
  EXPECT_EQ(logs[0].state, DueState::kDone);  // done, late, on 2 May 2024
  EXPECT_EQ(logs[0].done_on, D(2024, 5, 2));
  EXPECT_EQ(logs[1].due, D(2025, 5, 2));
  EXPECT_EQ(logs[1].state, DueState::kOverdue);
  EXPECT_EQ(logs[1].person, "p-steward");
}

TEST(DueItems, BreachClockIsAnInstantWithItsDateInStockholm) {
  auto reg = Base();
  model::Incident inc;
  inc.id = model::IncidentId("i1");
  inc.system = model::SystemId("ecos");
  inc.aware_at = T("2025-03-28T23:30:00Z");  // 29 March 00:30 CET
  inc.controllers = {model::CommitteeId("bn")};
  inc.assessment = model::Assessment::kHighRisk;
  reg.incidents.push_back(inc);
  Fixture f(reg);
  const DueWindow all{D(2025, 1, 1), D(2025, 12, 31)};
  auto at = [&](std::string_view now) { return DueItems(f.index, f.rb, T(now), all); };
  auto notify = Of(at("2025-03-31T12:00:00Z"), RuleId::kInc72h);
  // cooperation-and-decisions.md §4: the handler's data protection contact notifies, the DPO is informed.
  ASSERT_EQ(notify.size(), 2u);
  EXPECT_EQ(notify[0].role, "data_protection_contact");
  EXPECT_EQ(notify[0].person, std::nullopt);
  EXPECT_EQ(notify[0].committee, "bn");
  notify.erase(notify.begin());
  EXPECT_EQ(notify[0].due_at, T("2025-03-31T23:30:00Z"));
  EXPECT_EQ(notify[0].due, D(2025, 4, 1));  // 01:30 CEST: summer time began on 30 March
  EXPECT_EQ(notify[0].state, DueState::kDue);
  EXPECT_EQ(notify[0].person, "p-dpo");
  EXPECT_EQ(notify[0].role, "dpo");
  EXPECT_EQ(notify[0].committee, "bn");  // the single controller handles it
  EXPECT_EQ(Of(at("2025-03-31T23:30:00Z"), RuleId::kInc72h)[0].state, DueState::kDue);  // exactly 72 h: on time
  EXPECT_EQ(Of(at("2025-03-31T23:30:01Z"), RuleId::kInc72h)[0].state, DueState::kOverdue);
  EXPECT_EQ(Of(at("2025-03-31T12:00:00Z"), RuleId::kIncSubjects).size(),
            2u);  // high risk: inform the subjects (contact and DPO)

  reg.incidents[0].notified_authority_at = T("2025-03-30T10:00:00Z");
  Fixture notified(reg);
  const auto done = Of(DueItems(notified.index, notified.rb, T("2025-04-10T00:00:00Z"), all), RuleId::kInc72h);
  EXPECT_EQ(done[0].state, DueState::kDone);
  EXPECT_EQ(done[0].done_on, D(2025, 3, 30));
}

TEST(Stockholm, SummerTimeBeginsAndEndsAtOneUtcOnTheLastSundays) {
  EXPECT_EQ(StockholmOffsetSeconds(T("2025-03-30T00:59:59Z")), 3600);
  EXPECT_EQ(StockholmOffsetSeconds(T("2025-03-30T01:00:00Z")), 7200);
  EXPECT_EQ(StockholmOffsetSeconds(T("2025-10-26T00:59:59Z")), 7200);
  EXPECT_EQ(StockholmOffsetSeconds(T("2025-10-26T01:00:00Z")), 3600);
  EXPECT_EQ(StockholmOffsetSeconds(T("2024-03-31T01:00:00Z")), 7200);  // 2024: the last Sunday is the 31st
  EXPECT_EQ(StockholmOffsetSeconds(T("2024-03-30T12:00:00Z")), 3600);
  EXPECT_EQ(StockholmDate(T("2025-12-31T22:59:59Z")), D(2025, 12, 31));
  EXPECT_EQ(StockholmDate(T("2025-12-31T23:00:00Z")), D(2026, 1, 1));  // New Year in Stockholm, still 2025 in UTC
  EXPECT_EQ(StockholmDate(T("2025-06-30T22:00:00Z")), D(2025, 7, 1));
  EXPECT_EQ(StockholmMidnight(D(2026, 1, 1)), T("2025-12-31T23:00:00Z"));
  EXPECT_EQ(StockholmMidnight(D(2025, 7, 1)), T("2025-06-30T22:00:00Z"));
  EXPECT_EQ(StockholmMidnight(D(2024, 2, 29)), T("2024-02-28T23:00:00Z"));
}

TEST(DueItems, ManagementReviewByTheDpo) {
  Fixture f(Base());
  const auto items = Of(f.At(D(2025, 10, 15), D(2025, 1, 1), D(2025, 12, 31)), RuleId::kLisReview);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].due, D(2025, 11, 1));
  EXPECT_EQ(items[0].state, DueState::kDue);
  EXPECT_EQ(items[0].person, "p-dpo");
  EXPECT_EQ(items[0].subject.type, SubjectType::kOrganization);
}

TEST(DueItems, ARoleNobodyHoldsStillGivesAnItemWithoutAPerson) {
  auto reg = Base();
  reg.systems[0].roles = {Role(model::RoleKind::kOwner, "p-owner")};
  Fixture f(reg);
  const auto approve =
      Of(f.At(D(2025, 12, 1), D(2025, 12, 31), D(2025, 12, 31)), RuleId::kPlanAnnual, DueAction::kApprove);
  ASSERT_EQ(approve.size(), 1u);
  EXPECT_FALSE(approve[0].person.has_value());
  EXPECT_EQ(approve[0].role, "budget_holder");
  const auto write = Of(f.At(D(2025, 12, 1), D(2025, 12, 31), D(2025, 12, 31)), RuleId::kPlanAnnual, DueAction::kWrite);
  ASSERT_EQ(write.size(), 1u);
  EXPECT_EQ(write[0].role, "system_steward");  // mandatory for a business system, so someone must write it
}

TEST(DueItems, ADisabledRuleAndARetiredSystemGiveNone) {
  auto reg = Base();
  Fixture f(reg);
  f.rb.Setting(RuleId::kPlanAnnual).enabled = false;
  EXPECT_TRUE(Of(f.At(D(2025, 12, 1), D(2025, 1, 1), D(2026, 12, 31)), RuleId::kPlanAnnual).empty());
  reg.systems[0].lifecycle = model::Lifecycle::kRetired;
  Fixture retired(reg);
  const auto items = retired.At(D(2025, 12, 1), D(2025, 1, 1), D(2026, 12, 31));
  EXPECT_TRUE(std::none_of(items.begin(), items.end(),
                           [](const DueItem& i) { return i.subject.type == SubjectType::kSystem; }));
}

TEST(DueItems, SortedByDueDateAndKeysAreUnique) {
  Fixture f(Base());
  const auto items = f.At(D(2025, 6, 1), D(2024, 1, 1), D(2027, 12, 31));
  ASSERT_FALSE(items.empty());
  EXPECT_TRUE(
      std::is_sorted(items.begin(), items.end(), [](const DueItem& a, const DueItem& b) { return a.due < b.due; }));
  std::vector<std::string> keys;
  for (const auto& i : items) keys.push_back(i.Key() + "|" + i.person.value_or("-"));
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

TEST(OperationalMessages, ResolvedForMoreThanTheConfiguredDaysIsStale) {
  const auto rb = Rulebook::Default();  // message_stale_days = 3
  OperationalMessage m;
  m.id = "m1";
  m.system = "ecos";
  m.title = "Ecos nere";
  m.valid_from = T("2025-05-01T08:00:00Z");
  m.status = MessageStatus::kResolved;
  m.resolved_at = T("2025-05-02T08:00:00Z");
  EXPECT_TRUE(IsPublished(m, rb, T("2025-05-05T08:00:00Z")));  // exactly 3 days: not yet stale
  EXPECT_TRUE(IsStale(m, rb, T("2025-05-05T08:00:01Z")));
  EXPECT_FALSE(IsPublished(m, rb, T("2025-05-05T08:00:01Z")));
  const auto findings = StaleMessageFindings({m}, rb, T("2025-05-06T00:00:00Z"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, RuleId::kMsgStale);
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_EQ(findings[0].subject.id, "ecos");
  m.taken_down_at = T("2025-05-06T09:00:00Z");
  EXPECT_TRUE(StaleMessageFindings({m}, rb, T("2025-05-07T00:00:00Z")).empty());
  EXPECT_EQ(Colour(MessageStatus::kMajorImpact), "purple");
  EXPECT_EQ(Colour(MessageStatus::kLimitedImpact), "blue");
  EXPECT_EQ(Colour(MessageStatus::kResolved), "green");
}

TEST(OperationalMessages, TheTargetGroupDefaultsToTheAdministrationsThatUseTheSystem) {
  auto reg = Base();
  reg.systems[0].used_by = {model::AdministrationId("bmf"), model::AdministrationId("ksf")};
  const RegisterIndex index(reg);
  OperationalMessage m;
  m.system = "ecos";
  EXPECT_EQ(TargetAdministrations(m, index), (std::vector<std::string>{"bmf", "ksf"}));
  m.administrations = {"ksf"};
  EXPECT_EQ(TargetAdministrations(m, index), (std::vector<std::string>{"ksf"}));
}

}  // namespace
}  // namespace ansvar::rules
