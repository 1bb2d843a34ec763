// Accounts, sessions, API tokens, throttling and short-lived records (app/accounts.hpp) over a real SQLite store,
// with a controlled clock.
#include "app/accounts.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <vector>

#include "store/sqlite/sqlite_store.hpp"

namespace ansvar::app {
namespace {

const store::Actor kAdmin{"root", "Root Admin"};
const std::string kPassword = "correct horse battery staple";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("ansvar-accounts-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    Remove();
    store_ = store::OpenSqliteStore(path_.string());
    accounts_ = std::make_unique<Accounts>(*store_, [this] { return model::Timestamp::FromSeconds(now_.load()); });
    ASSERT_TRUE(Make("root", auth::Role::kAdmin, kPassword).ok());
  }
  void TearDown() override {
    accounts_.reset();
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  Result<auth::Account> Make(const std::string& id, auth::Role role, std::optional<std::string> password,
                             std::string administration = "", std::string person = "", std::string email = "") {
    AccountChange c;
    c.role = role;
    c.password = std::move(password);
    if (!administration.empty()) c.administration = administration;
    if (!person.empty()) c.person = person;
    if (!email.empty()) c.email = email;
    return accounts_->Create(id, c, kAdmin);
  }
  void Advance(int64_t seconds) { now_ += seconds; }

  std::filesystem::path path_;
  std::atomic<int64_t> now_{1'750'000'000};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsTest, CreatesAnAccountWithAHashedPasswordKeptOutOfTheAuditTrail) {
  const auto a = Make("Eva.Andersson@kommun.se", auth::Role::kDpo, kPassword, "", "", "Eva@Kommun.se");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().id, "eva.andersson@kommun.se");  // user names are lower case
  EXPECT_EQ(a.value().email, "eva@kommun.se");
  EXPECT_TRUE(accounts_->HasPassword("eva.andersson@kommun.se"));
  const auto record = store_->GetRecord("password/eva.andersson@kommun.se");
  ASSERT_TRUE(record);
  EXPECT_TRUE(record->data.starts_with("$argon2id$")) << "Argon2id, libsodium's crypto_pwhash_str";
  EXPECT_EQ(record->data.find(kPassword), std::string::npos);
  for (const auto& e : store_->ReadDocumentAudit("accounts", "", 0)) {
    EXPECT_EQ(e.after_json.find("argon2"), std::string::npos);
    EXPECT_EQ(e.after_json.find(kPassword), std::string::npos);
    EXPECT_EQ(e.actor_id, "root");  // attribution: the account that made the change
  }
}

TEST_F(AccountsTest, RefusesBadIdsDuplicatesWeakPasswordsAndRolesWithoutTheirScope) {
  EXPECT_EQ(Make("", auth::Role::kReader, std::nullopt).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(Make("a b", auth::Role::kReader, std::nullopt).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(Make(std::string(101, 'a'), auth::Role::kReader, std::nullopt).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(Make("root", auth::Role::kReader, std::nullopt).error().code, ErrorCode::kConflict);
  EXPECT_EQ(Make("weak", auth::Role::kReader, std::string("short")).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(Make("dpc", auth::Role::kDataProtectionContact, std::nullopt).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(Make("stw", auth::Role::kSteward, std::nullopt).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(Make("rdr", auth::Role::kReader, std::nullopt, "adm-a").error().code, ErrorCode::kInvalid);
  AccountChange no_role;
  EXPECT_EQ(accounts_->Create("x", no_role, kAdmin).error().code, ErrorCode::kInvalid);
}

TEST_F(AccountsTest, ChecksAdministrationAndPersonAgainstTheRegister) {
  accounts_->SetReferenceCheck([](model::Collection kind, const std::string& id) {
    return (kind == model::Collection::kAdministration && id == "adm-a") ||
           (kind == model::Collection::kPerson && id == "p1");
  });
  EXPECT_TRUE(Make("dpc", auth::Role::kDataProtectionContact, std::nullopt, "adm-a").ok());
  const auto bad = Make("dpc2", auth::Role::kDataProtectionContact, std::nullopt, "adm-x", "p-x");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().problems.size(), 2u);
  EXPECT_EQ(bad.error().problems[0].path, "$.administration");
  EXPECT_EQ(bad.error().problems[1].path, "$.person");
}

TEST_F(AccountsTest, LoginGivesANewSessionEveryTime) {
  const auto first = accounts_->Login("root", kPassword, "10.0.0.1");
  const auto second = accounts_->Login("ROOT", kPassword, "10.0.0.1");
  ASSERT_EQ(first.outcome, LoginOutcome::kSignedIn);
  ASSERT_EQ(second.outcome, LoginOutcome::kSignedIn);
  EXPECT_NE(first.session->id, second.session->id);
  EXPECT_NE(first.session->csrf, second.session->csrf);
  EXPECT_EQ(first.session->id.size(), 64u);  // 32 random bytes
  const auto who = accounts_->FromSession(first.session->id);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->account.id, "root");
  EXPECT_EQ(who->session->csrf, first.session->csrf);
  // The store knows the session by the SHA-256 of its id only.
  for (const auto& r : store_->ListRecords("session/")) {
    EXPECT_EQ(r.key.find(first.session->id), std::string::npos);
    EXPECT_EQ(r.data.find(first.session->id), std::string::npos);
  }
}

TEST_F(AccountsTest, WrongPasswordUnknownUserAndDisabledAccountAreRefusedAlike) {
  ASSERT_TRUE(Make("off", auth::Role::kReader, kPassword).ok());
  AccountChange disable;
  disable.disabled = true;
  ASSERT_TRUE(accounts_->Update("off", disable, kAdmin).ok());
  ASSERT_TRUE(Make("sso", auth::Role::kReader, std::nullopt).ok());
  EXPECT_EQ(accounts_->Login("root", "wrong password!", "a").outcome, LoginOutcome::kRefused);
  EXPECT_EQ(accounts_->Login("nobody", kPassword, "b").outcome, LoginOutcome::kRefused);
  EXPECT_EQ(accounts_->Login("off", kPassword, "c").outcome, LoginOutcome::kRefused);
  EXPECT_EQ(accounts_->Login("sso", "", "d").outcome, LoginOutcome::kRefused);
  EXPECT_EQ(accounts_->Login("not a name", kPassword, "e").outcome, LoginOutcome::kRefused);
}

TEST_F(AccountsTest, SessionsExpireWhenIdleAndAtTheirAbsoluteEnd) {
  const auto s = accounts_->Login("root", kPassword, "a").session->id;
  Advance(accounts_->settings().session_idle_seconds - 10);
  ASSERT_TRUE(accounts_->FromSession(s));  // used: the idle clock starts again
  Advance(accounts_->settings().session_idle_seconds - 10);
  ASSERT_TRUE(accounts_->FromSession(s));
  Advance(accounts_->settings().session_idle_seconds);
  EXPECT_FALSE(accounts_->FromSession(s)) << "idle too long";
  EXPECT_TRUE(store_->ListRecords("session/").empty()) << "an expired session is deleted when met";

  const auto t = accounts_->Login("root", kPassword, "a").session->id;
  for (int64_t used = 0; used < accounts_->settings().session_absolute_seconds; used += 3600) {
    Advance(3600);
    if (used + 3600 < accounts_->settings().session_absolute_seconds) {
      ASSERT_TRUE(accounts_->FromSession(t)) << used;
    }
  }
  EXPECT_FALSE(accounts_->FromSession(t)) << "past the absolute expiry";
}

TEST_F(AccountsTest, LogoutDisablingAndANewPasswordEndSessions) {
  ASSERT_TRUE(Make("eva", auth::Role::kReader, kPassword).ok());
  const auto a = accounts_->Login("eva", kPassword, "x").session->id;
  accounts_->EndSession(a);
  EXPECT_FALSE(accounts_->FromSession(a));

  const auto b = accounts_->Login("eva", kPassword, "x").session->id;
  AccountChange password;
  password.password = "another long password";
  ASSERT_TRUE(accounts_->Update("eva", password, kAdmin).ok());
  EXPECT_FALSE(accounts_->FromSession(b));
  EXPECT_EQ(accounts_->Login("eva", kPassword, "x").outcome, LoginOutcome::kRefused);

  const auto c = accounts_->Login("eva", "another long password", "x").session->id;
  ASSERT_TRUE(accounts_->FromSession(c));
  AccountChange disable;
  disable.disabled = true;
  ASSERT_TRUE(accounts_->Update("eva", disable, kAdmin).ok());
  EXPECT_FALSE(accounts_->FromSession(c));
}

TEST_F(AccountsTest, ARoleChangeTakesEffectOnTheNextRequest) {
  ASSERT_TRUE(Make("eva", auth::Role::kReader, kPassword).ok());
  const auto s = accounts_->Login("eva", kPassword, "x").session->id;
  AccountChange promote;
  promote.role = auth::Role::kDpo;
  ASSERT_TRUE(accounts_->Update("eva", promote, kAdmin).ok());
  EXPECT_EQ(accounts_->FromSession(s)->account.role, auth::Role::kDpo);
}

TEST_F(AccountsTest, TheLastEnabledAdminCannotBeDisabledOrDemoted) {
  AccountChange disable;
  disable.disabled = true;
  EXPECT_EQ(accounts_->Update("root", disable, kAdmin).error().code, ErrorCode::kConflict);
  AccountChange demote;
  demote.role = auth::Role::kReader;
  EXPECT_EQ(accounts_->Update("root", demote, kAdmin).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Make("second", auth::Role::kAdmin, std::nullopt).ok());
  EXPECT_TRUE(accounts_->Update("root", demote, kAdmin).ok());
}

TEST_F(AccountsTest, FailuresFromOneAddressSlowThatAddressDownWithGrowingDelays) {
  for (int i = 0; i < 3; ++i)  // the first three cost nothing
    EXPECT_EQ(accounts_->Login("root", "wrong password " + std::to_string(i), "10.0.0.1").outcome,
              LoginOutcome::kRefused);
  std::vector<int64_t> delays;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(accounts_->Login("root", "wrong password!", "10.0.0.1").outcome, LoginOutcome::kRefused);
    const auto throttled = accounts_->Login("root", kPassword, "10.0.0.1");  // even the right password waits
    EXPECT_EQ(throttled.outcome, LoginOutcome::kThrottled);
    delays.push_back(throttled.retry_after_seconds);
    Advance(throttled.retry_after_seconds);
  }
  EXPECT_EQ(delays, (std::vector<int64_t>{1, 2, 4, 8, 16}));
  EXPECT_EQ(accounts_->Login("root", kPassword, "10.0.0.1").outcome, LoginOutcome::kSignedIn);
  // A success starts the count again.
  for (int i = 0; i < 3; ++i) accounts_->Login("root", "wrong password!", "10.0.0.1");
  EXPECT_EQ(accounts_->Login("root", kPassword, "10.0.0.1").outcome, LoginOutcome::kSignedIn);
}

TEST_F(AccountsTest, AnAttackerElsewhereCannotLockTheUserOut) {
  // The lockout of issue 17: failures for root from one address; root signs in from another at once.
  for (int i = 0; i < 15; ++i) accounts_->Login("root", "wrong password!", "203.0.113.66");
  EXPECT_EQ(accounts_->Login("root", kPassword, "203.0.113.66").outcome, LoginOutcome::kThrottled);
  EXPECT_EQ(accounts_->Login("root", kPassword, "10.0.0.5").outcome, LoginOutcome::kSignedIn);
}

TEST_F(AccountsTest, ThrottlesAnAddressAfterTwentyFailuresAcrossAccounts) {
  ASSERT_TRUE(Make("eva", auth::Role::kReader, kPassword).ok());
  for (int i = 0; i < 20; ++i) accounts_->Login("user" + std::to_string(i), "wrong password!", "192.0.2.7");
  EXPECT_EQ(accounts_->Login("eva", kPassword, "192.0.2.7").outcome, LoginOutcome::kThrottled);
  EXPECT_EQ(accounts_->Login("eva", kPassword, "192.0.2.8").outcome, LoginOutcome::kSignedIn);
}

TEST_F(AccountsTest, TwoInstancesOnOneDatabaseShareTheThrottle) {
  auto other_store = store::OpenSqliteStore(path_.string());
  Accounts other(*other_store, [this] { return model::Timestamp::FromSeconds(now_.load()); });
  for (int i = 0; i < 5; ++i) (i % 2 == 0 ? *accounts_ : other).Login("root", "wrong password!", "a");
  EXPECT_EQ(other.Login("root", kPassword, "a").outcome, LoginOutcome::kThrottled);
  EXPECT_EQ(accounts_->Login("root", kPassword, "a").outcome, LoginOutcome::kThrottled);
}

TEST_F(AccountsTest, ApiTokensWorkUntilRevokedAndAreStoredHashed) {
  ASSERT_TRUE(Make("integration", auth::Role::kReader, std::nullopt).ok());
  const auto issued = accounts_->CreateToken("integration", "the e-service platform", kAdmin);
  ASSERT_TRUE(issued.ok());
  const std::string& token = issued.value().token;
  EXPECT_TRUE(token.starts_with("ansvar_" + issued.value().record.id + "_"));
  EXPECT_EQ(token.size(), 7u + 16 + 1 + 64);
  const auto who = accounts_->FromToken(token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->account.id, "integration");
  EXPECT_FALSE(who->session);
  for (const auto& d : store_->ListDocuments("api_tokens")) EXPECT_EQ(d.json.find(token), std::string::npos);

  std::string forged = token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_FALSE(accounts_->FromToken(forged));
  EXPECT_FALSE(accounts_->FromToken("ansvar_nothex"));
  EXPECT_FALSE(accounts_->FromToken(""));

  ASSERT_TRUE(accounts_->RevokeToken(issued.value().record.id, kAdmin).ok());
  EXPECT_FALSE(accounts_->FromToken(token)) << "revoked: stops working at once";
  const auto listed = accounts_->ListTokens();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed.value().size(), 1u);
  EXPECT_TRUE(listed.value()[0].revoked_at);
  EXPECT_EQ(accounts_->RevokeToken("0000000000000000", kAdmin).error().code, ErrorCode::kNotFound);
}

TEST_F(AccountsTest, ATokenOfADisabledAccountStopsWorking) {
  ASSERT_TRUE(Make("integration", auth::Role::kReader, std::nullopt).ok());
  const auto token = accounts_->CreateToken("integration", "x", kAdmin).value().token;
  AccountChange disable;
  disable.disabled = true;
  ASSERT_TRUE(accounts_->Update("integration", disable, kAdmin).ok());
  EXPECT_FALSE(accounts_->FromToken(token));
  EXPECT_EQ(accounts_->CreateToken("nobody", "x", kAdmin).error().code, ErrorCode::kInvalid);
}

TEST_F(AccountsTest, ATokenWithAnExpiryStopsWorkingThen) {
  ASSERT_TRUE(Make("integration", auth::Role::kReader, std::nullopt).ok());
  const auto issued = accounts_->CreateToken("integration", "x", kAdmin, 30);
  ASSERT_TRUE(issued.ok());
  ASSERT_TRUE(issued.value().record.expires_at);
  EXPECT_TRUE(accounts_->FromToken(issued.value().token));
  Advance(30 * 86400 - 1);
  EXPECT_TRUE(accounts_->FromToken(issued.value().token));
  Advance(1);
  EXPECT_FALSE(accounts_->FromToken(issued.value().token));
  EXPECT_EQ(accounts_->CreateToken("integration", "x", kAdmin, 0).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(accounts_->CreateToken("integration", "x", kAdmin, 4000).error().code, ErrorCode::kInvalid);
}

TEST_F(AccountsTest, FindsAnAccountByEmailOrSubjectButNotAmbiguously) {
  ASSERT_TRUE(Make("eva", auth::Role::kReader, std::nullopt, "", "", "eva@kommun.se").ok());
  AccountChange link;
  link.oidc_subject = "sub-123";
  ASSERT_TRUE(accounts_->Update("eva", link, kAdmin).ok());
  EXPECT_EQ(accounts_->Find(AccountMatch::kEmail, "EVA@kommun.se")->id, "eva");
  EXPECT_EQ(accounts_->Find(AccountMatch::kOidcSubject, "sub-123")->id, "eva");
  EXPECT_EQ(accounts_->Find(AccountMatch::kId, "eva")->id, "eva");
  EXPECT_FALSE(accounts_->Find(AccountMatch::kOidcSubject, "sub-999"));
  ASSERT_TRUE(Make("eva2", auth::Role::kReader, std::nullopt, "", "", "eva@kommun.se").ok());
  EXPECT_FALSE(accounts_->Find(AccountMatch::kEmail, "eva@kommun.se")) << "two accounts share it: refuse, not guess";
}

TEST_F(AccountsTest, OidcSessionsAreSessionsToo) {
  const auto s = accounts_->CreateSession("root", auth::SignIn::kOidc);
  ASSERT_TRUE(s.ok());
  const auto who = accounts_->FromSession(s.value().id);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->session->via, auth::SignIn::kOidc);
  EXPECT_EQ(accounts_->CreateSession("nobody", auth::SignIn::kOidc).error().code, ErrorCode::kNotFound);
}

TEST_F(AccountsTest, ShortLivedRecordsAreTakenOnceBeforeTheyExpire) {
  ASSERT_TRUE(accounts_->PutShortLived("oidc/state1", "{\"nonce\":\"n\"}", 600).ok());
  EXPECT_EQ(accounts_->TakeShortLived("oidc/state1"), "{\"nonce\":\"n\"}");
  EXPECT_FALSE(accounts_->TakeShortLived("oidc/state1")) << "a replay finds nothing";
  ASSERT_TRUE(accounts_->PutShortLived("oidc/state2", "x", 600).ok());
  Advance(601);
  EXPECT_FALSE(accounts_->TakeShortLived("oidc/state2"));
  EXPECT_FALSE(accounts_->PutShortLived("session/abc", "x", 600).ok());
  EXPECT_FALSE(accounts_->TakeShortLived("password/root"));
  EXPECT_TRUE(store_->GetRecord("password/root"));
}

TEST_F(AccountsTest, AbandonedShortLivedRecordsGoOnceExpired) {
  ASSERT_TRUE(accounts_->PutShortLived("oidc/abandoned", "x", 600).ok());
  ASSERT_TRUE(accounts_->PutShortLived("oidc/recent", "y", 900).ok());
  Advance(601);
  ASSERT_TRUE(accounts_->PutShortLived("oidc/next", "z", 600).ok());
  EXPECT_FALSE(store_->GetRecord("oidc/abandoned")) << "expired and never taken: removed";
  EXPECT_TRUE(store_->GetRecord("oidc/recent"));
  EXPECT_EQ(accounts_->TakeShortLived("oidc/next"), "z");
}

TEST(Passwords, GeneratedOnesAreLongAndDiffer) {
  const auto a = GeneratePassword(), b = GeneratePassword();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
  EXPECT_FALSE(PasswordProblem(a));
  EXPECT_TRUE(PasswordProblem("elva tecken"));  // 11
  EXPECT_FALSE(PasswordProblem("tolv tecken!"));
  EXPECT_FALSE(PasswordProblem("åäöåäöåäöåäö"));  // characters, not bytes
  EXPECT_TRUE(PasswordProblem("åäöåäöåäöåä"));
}

}  // namespace
}  // namespace ansvar::app
