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

}  // namespace
}  // namespace ansvar::app
