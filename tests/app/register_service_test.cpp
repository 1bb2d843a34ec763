// The register's use cases over a real SQLite store in a temporary file, without HTTP: what each answers, and the
// reason (ErrorCode) each refusal carries.
#include "app/register_service.hpp"

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
    {"id": "p-steward", "name": "Åsa Öberg", "administration": "bmf", "title": "employee"}],
  "systems": [{"id": "ecos", "name": "Ecos", "category": "business_system", "scope": "administration_specific",
               "owner_administration": "bmf", "used_by": ["bmf"], "personal_data": false, "lifecycle": "active",
               "roles": [{"role": "owner", "person": "p-owner"}, {"role": "system_steward", "person": "p-steward"}]}]
})json";

const store::Actor kActor{"test", "Test"};

class RegisterServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("ansvar-app-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    service_ = std::make_unique<RegisterService>(store::OpenSqliteStore(path_.string()), rules::Rulebook::Default(),
                                                 [] { return *model::ParseTimestamp("2025-06-01T09:00:00Z"); });
    ASSERT_TRUE(service_->ImportRegister(kRegister, kActor).ok());
  }
  void TearDown() override {
    service_.reset();
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  std::filesystem::path path_;
  std::unique_ptr<RegisterService> service_;
};

constexpr std::string_view kPerson = R"({"id": "p-new", "name": "Nils Ny", "administration": "bmf"})";

TEST_F(RegisterServiceTest, CreateAnswersTheEntityItsIdAndVersionOne) {
  auto created = service_->Create(Kind::kPerson, kPerson, kActor);
  ASSERT_TRUE(created.ok()) << created.error().detail;
  EXPECT_EQ(created.value().id, "p-new");  // what the Location header names
  EXPECT_EQ(created.value().version, 1);
  EXPECT_EQ(service_->Count(Kind::kPerson), 3u);
  auto read = service_->Get(Kind::kPerson, "p-new");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value().json, created.value().json);
}

TEST_F(RegisterServiceTest, RefusalsCarryTheirReason) {
  ASSERT_TRUE(service_->Create(Kind::kPerson, kPerson, kActor).ok());
  EXPECT_EQ(service_->Create(Kind::kPerson, kPerson, kActor).error().code, ErrorCode::kConflict);  // exists
  EXPECT_EQ(service_->Create(Kind::kPerson, "{not json", kActor).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(service_->Create(Kind::kPerson, R"({"id": "p-x", "name": "X", "administration": "nowhere"})", kActor)
                .error()
                .code,
            ErrorCode::kInvalid);  // refers to what does not exist
  EXPECT_EQ(service_->Get(Kind::kPerson, "p-none").error().code, ErrorCode::kNotFound);

  // Someone else saved first: the version the client read is stale.
  const std::string changed = R"({"id": "p-new", "name": "Nils Nyare", "administration": "bmf"})";
  ASSERT_TRUE(service_->Replace(Kind::kPerson, "p-new", changed, 1, kActor).ok());
  EXPECT_EQ(service_->Replace(Kind::kPerson, "p-new", changed, 1, kActor).error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(service_->Delete(Kind::kPerson, "p-new", 1, {}, kActor).error().code, ErrorCode::kPreconditionFailed);
  // Still referenced: a person who holds roles is not deleted unless the roles go too.
  EXPECT_EQ(service_->Delete(Kind::kPerson, "p-owner", 1, {}, kActor).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(service_->Delete(Kind::kPerson, "p-new", 2, {}, kActor).ok());
  EXPECT_EQ(service_->Delete(Kind::kPerson, "p-new", 2, {}, kActor).error().code, ErrorCode::kNotFound);
}

TEST_F(RegisterServiceTest, ListPagesAndFiltersWithSwedishLettersFolded) {
  ListQuery q;
  q.q = "ÅSA";  // matches "Åsa Öberg" whatever the case of Å
  auto page = service_->List(Kind::kPerson, q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page.value().total, 1u);
  ASSERT_EQ(page.value().items.size(), 1u);
  EXPECT_NE(page.value().items[0].find("p-steward"), std::string::npos);
  ListQuery paged;
  paged.limit = 1;
  paged.offset = 1;
  page = service_->List(Kind::kPerson, paged);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page.value().total, 2u);
  EXPECT_EQ(page.value().items.size(), 1u);
  paged.limit = kMaxPageSize + 1;
  EXPECT_EQ(service_->List(Kind::kPerson, paged).error().code, ErrorCode::kBadRequest);
}

TEST_F(RegisterServiceTest, AuditPagesAndNamesEachChange) {
  ASSERT_TRUE(service_->Create(Kind::kPerson, kPerson, kActor).ok());
  store::AuditFilter all;
  all.limit = 1000;
  auto trail = service_->Audit(all);
  ASSERT_TRUE(trail.ok());
  const size_t n = trail.value().size();
  ASSERT_GE(n, 7u);                                     // the import's six entities and the new person
  EXPECT_EQ(trail.value().front().entity_id, "p-new");  // newest first
  EXPECT_EQ(trail.value().front().action, "create");
  EXPECT_EQ(trail.value().back().entity_id, "kba");  // the import's first
  store::AuditFilter page;
  page.limit = 2;
  page.entity_id = "p-new";
  trail = service_->Audit(page);
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail.value().size(), 1u);
  EXPECT_EQ(trail.value()[0].actor_id, "test");
}

TEST_F(RegisterServiceTest, FindingsArePagedWithTheSummaryOfAllSelected) {
  FindingsQuery q;
  auto all = service_->Findings(q);
  ASSERT_TRUE(all.ok());
  const auto& p = all.value();
  EXPECT_EQ(p.total, p.items.size());
  EXPECT_EQ(p.summary.error + p.summary.warning + p.summary.info, p.total);
  ASSERT_GE(p.total, 2u);
  q.limit = 1;
  q.offset = 1;
  auto one = service_->Findings(q);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one.value().items.size(), 1u);
  EXPECT_EQ(one.value().total, p.total);
  EXPECT_EQ(one.value().items[0].message, p.items[1].message);
  q.rule = "R-NOPE";
  EXPECT_EQ(service_->Findings(q).error().code, ErrorCode::kBadRequest);
}

TEST_F(RegisterServiceTest, DiffListsWhatReplaceWithThenCounts) {
  auto next = service_->Current().reg;
  next.people.pop_back();  // Åsa goes: her role on Ecos must go too
  next.systems[0].roles.pop_back();
  auto diff = service_->Diff(next);
  ASSERT_TRUE(diff.ok()) << diff.error().detail;
  EXPECT_TRUE(diff.value().listed);
  EXPECT_EQ(diff.value().deleted, 1u);
  EXPECT_EQ(diff.value().updated, 1u);
  EXPECT_EQ(diff.value().changes.size(), 2u);
  auto applied = service_->ReplaceWith(next, kActor, service_->Current().seq);
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied.value().deleted, 1u);
  EXPECT_EQ(applied.value().updated, 1u);
  EXPECT_FALSE(applied.value().listed);
  // A snapshot taken before that change is stale now.
  EXPECT_EQ(service_->ReplaceWith(next, kActor, 0).error().code, ErrorCode::kPreconditionFailed);
}

TEST_F(RegisterServiceTest, ResponsibilitiesAreAValueWithTheirReasons) {
  EXPECT_EQ(service_->Responsibilities("none").error().code, ErrorCode::kNotFound);

  auto r = service_->Responsibilities("ecos");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  const auto& ecos = r.value();
  EXPECT_EQ(ecos.name, "Ecos");
  EXPECT_EQ(ecos.controllers, std::vector<std::string>{"bn"});
  EXPECT_FALSE(ecos.joint_controllers);
  ASSERT_TRUE(ecos.owner.has_value());
  EXPECT_EQ(ecos.owner->id, "p-owner");
  EXPECT_EQ(ecos.owner->title, model::Title::kAdministrationDirector);
  EXPECT_EQ(ecos.owner_committee, "bn");
  // No personal data: no DPA to decide (R-DPA-DECIDER's first row), and the reason says so in both languages.
  EXPECT_EQ(ecos.dpa_case, rules::DpaDeciderCase::kNone);
  EXPECT_EQ(ecos.dpa_explanation.rule, "R-DPA-DECIDER");
  EXPECT_FALSE(ecos.dpa_explanation.sv.empty());
  EXPECT_FALSE(ecos.dpa_explanation.en.empty());
  EXPECT_EQ(ecos.incident_explanation.rule, "R-INC-HANDLER");
  // The roles held, each with its holders, and whether the category makes it mandatory.
  bool steward = false;
  for (const auto& role : ecos.roles)
    if (role.role == model::RoleKind::kSystemSteward) {
      steward = true;
      ASSERT_EQ(role.holders.size(), 1u);
      ASSERT_TRUE(role.holders[0].person.has_value());
      EXPECT_EQ(role.holders[0].person->name, "Åsa Öberg");
    }
  EXPECT_TRUE(steward);

  // With personal data, one controller committee decides the DPA; a municipality-wide system is decided by the
  // deputy municipal director on delegation from every controller, and a missing delegation is named.
  const std::string with_personal_data =
      R"({"id": "ecos", "name": "Ecos", "category": "business_system", "scope": "administration_specific",
          "owner_administration": "bmf", "used_by": ["bmf"], "personal_data": true, "lifecycle": "active",
          "roles": [{"role": "owner", "person": "p-owner"}, {"role": "system_steward", "person": "p-steward"}]})";
  ASSERT_TRUE(service_->Replace(Kind::kSystem, "ecos", with_personal_data, 1, kActor).ok());
  r = service_->Responsibilities("ecos");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().dpa_case, rules::DpaDeciderCase::kSingleController);
  EXPECT_EQ(r.value().dpa_committees, std::vector<std::string>{"bn"});
  EXPECT_EQ(r.value().incident_handler, "bn");

  std::string wide = with_personal_data;
  wide.replace(wide.find("administration_specific"), std::string_view("administration_specific").size(),
               "municipality_wide");
  ASSERT_TRUE(service_->Replace(Kind::kSystem, "ecos", wide, 2, kActor).ok());
  r = service_->Responsibilities("ecos");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().dpa_case, rules::DpaDeciderCase::kDeputyDirector);
  EXPECT_EQ(r.value().missing_delegations, std::vector<std::string>{"bn"});
  EXPECT_TRUE(r.value().dpa_delegations.empty());
}

}  // namespace
}  // namespace ansvar::app
