// Decisions as acts (app/decisions.hpp) over a real SQLite store, without HTTP: the entitlement to decide or approve
// is judged under the same lock as the write, on the register as it stands then. Two services share one database
// file (two instances of `ansvar serve`, or a register changed under a service that has not seen it yet): the second
// takes away the entitlement between the first's last read and its act; the act is refused, nothing is written.
#include "app/decisions.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kRegister = R"json({
  "format": "ansvar-register/1",
  "organizations": [{"id": "kba", "name": "Kungsbacka kommun", "kind": "municipality"}],
  "committees": [{"id": "bn", "organization": "kba", "name": "Byggnadsnämnden", "kind": "committee"}],
  "administrations": [{"id": "bmf", "organization": "kba", "name": "Bygg- och miljöförvaltningen", "committees": ["bn"]}],
  "people": [
    {"id": "p-owner", "name": "Olle Owner", "administration": "bmf", "title": "administration_director"},
    {"id": "p-budget", "name": "Berit Budget", "administration": "bmf", "title": "manager"},
    {"id": "p-steward", "name": "Åsa Öberg", "administration": "bmf", "title": "employee"}],
  "delegations": [{"id": "deleg-bn-dpa", "committee": "bn", "matter": "decide_dpa", "delegate_person": "p-owner",
                   "decision": "BN 2024-09-24 § 101", "valid_from": "2025-01-01", "valid_to": "2026-01-01"}],
  "systems": [{"id": "ecos", "name": "Ecos", "category": "business_system", "scope": "administration_specific",
               "owner_administration": "bmf", "used_by": ["bmf"], "personal_data": true, "lifecycle": "active",
               "supplier": "Ecos AB",
               "roles": [{"role": "owner", "person": "p-owner"}, {"role": "budget_holder", "person": "p-budget"},
                         {"role": "system_steward", "person": "p-steward"}],
               "documents": [{"id": "dpa1", "kind": "dpa"},
                             {"id": "plan-2026", "kind": "management_plan", "year": 2026}]}]
})json";

const store::Actor kActor{"test", "Test"};

auth::Account LinkedTo(const std::string& id, const std::string& person) {
  auth::Account a;
  a.id = id;
  a.name = id;
  a.person = person;
  return a;
}

class DecisionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("ansvar-decisions-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    first_ = Open();
    ASSERT_TRUE(first_->ImportRegister(kRegister, kActor).ok());
    second_ = Open();  // another service on the same database: it reads the register as the first wrote it
  }
  void TearDown() override {
    first_.reset();
    second_.reset();
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::unique_ptr<RegisterService> Open() const {
    return std::make_unique<RegisterService>(store::OpenSqliteStore(path_.string()), rules::Rulebook::Default(),
                                             [] { return *model::ParseTimestamp("2025-06-01T09:00:00Z"); });
  }
  // The second service changes an entity; the first, which has not seen it, learns that its copy is behind when its
  // own write of the same entity is refused by the store (what happens when two instances write).
  void ChangeBehindTheFirst(Kind kind, const std::string& id, const std::string& json) {
    const auto version = second_->Get(kind, id).value().version;
    ASSERT_TRUE(second_->Replace(kind, id, json, version, kActor).ok());
    const auto stale = first_->Get(kind, id).value();
    EXPECT_EQ(first_->Replace(kind, id, stale.json, stale.version, kActor).error().code,
              ErrorCode::kPreconditionFailed);
  }

  std::filesystem::path path_;
  std::unique_ptr<RegisterService> first_, second_;
};

TEST_F(DecisionsTest, ADelegationEndedBeforeTheActIsJudgedAsItIsThen) {
  const auto olle = LinkedTo("olle", "p-owner");
  // The first service's view: Olle holds the committee's delegation today.
  const auto view = Decisions(*first_).View("ecos", olle);
  ASSERT_TRUE(view.ok()) << view.error().detail;
  ASSERT_TRUE(view.value().entitled) << view.value().why_not;
  // Meanwhile the delegation is ended (the committee took it back on 2025-05-31).
  ChangeBehindTheFirst(Kind::kDelegation, "deleg-bn-dpa",
                       R"({"id": "deleg-bn-dpa", "committee": "bn", "matter": "decide_dpa",
                           "delegate_person": "p-owner", "decision": "BN 2024-09-24 § 101",
                           "valid_from": "2025-01-01", "valid_to": "2025-05-31"})");
  // The act is judged on the register as it is when it writes: refused, and no decision is recorded.
  const auto decided = Decisions(*first_).Decide("ecos", {}, olle, kActor);
  ASSERT_FALSE(decided.ok());
  EXPECT_EQ(decided.error().code, ErrorCode::kForbidden) << decided.error().detail;
  EXPECT_NE(decided.error().detail.find("delegation"), std::string::npos) << decided.error().detail;
  EXPECT_EQ(first_->Count(Kind::kDpaDecision), 0u);
  EXPECT_EQ(second_->List(Kind::kDpaDecision, {}).value().total, 0u);
}

TEST_F(DecisionsTest, ABudgetHolderReplacedBeforeTheApprovalIsRefused) {
  const auto berit = LinkedTo("berit", "p-budget");
  // Berit is no longer the budget holder: the role went to Åsa.
  auto system = second_->Get(Kind::kSystem, "ecos").value().json;
  const std::string from = R"("role":"budget_holder","person":"p-budget")";
  const auto at = system.find(from);
  ASSERT_NE(at, std::string::npos) << system;
  system.replace(at, from.size(), R"("role":"budget_holder","person":"p-steward")");
  const auto version = first_->Get(Kind::kSystem, "ecos").value().version;
  ChangeBehindTheFirst(Kind::kSystem, "ecos", system);
  // She approves with the version she read: refused as no longer entitled (not merely stale), nothing stamped.
  const auto approved = Decisions(*first_).Approve("ecos", "plan-2026", version + 1, berit, kActor);
  ASSERT_FALSE(approved.ok());
  EXPECT_EQ(approved.error().code, ErrorCode::kForbidden) << approved.error().detail;
  EXPECT_EQ(second_->Get(Kind::kSystem, "ecos").value().json.find("approved_by"), std::string::npos);
}

TEST_F(DecisionsTest, TheEntitledPersonDecides) {
  const auto decided = Decisions(*first_).Decide("ecos", {}, LinkedTo("olle", "p-owner"), kActor);
  ASSERT_TRUE(decided.ok()) << decided.error().detail;
  EXPECT_NE(decided.value().json.find(R"("delegation":"deleg-bn-dpa")"), std::string::npos) << decided.value().json;
  EXPECT_EQ(first_->Count(Kind::kDpaDecision), 1u);
}

}  // namespace
}  // namespace ansvar::app
