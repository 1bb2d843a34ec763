// What the server keeps between the redirect and the callback, where the browser may go afterwards, and which
// claim of a verified ID token names the account.
#include <gtest/gtest.h>

#include "oidc/identity.hpp"
#include "oidc/pending_login.hpp"

namespace ansvar::oidc {
namespace {

TEST(PendingLogin, RoundTrips) {
  const PendingLogin p{"nonce-1", "verifier-2", "abcdef", "/systems/s1?tab=roles&x=1"};
  const auto back = DecodePendingLogin(EncodePendingLogin(p));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->nonce, p.nonce);
  EXPECT_EQ(back->code_verifier, p.code_verifier);
  EXPECT_EQ(back->browser_hash, p.browser_hash);
  EXPECT_EQ(back->return_to, p.return_to);
}

TEST(PendingLogin, RefusesWhatItDidNotWrite) {
  EXPECT_FALSE(DecodePendingLogin(""));
  EXPECT_FALSE(DecodePendingLogin("v2\na\nb\nc\n/"));
  EXPECT_FALSE(DecodePendingLogin("v1\n\nb\nc\n/"));
  EXPECT_FALSE(DecodePendingLogin("v1\na\nb\nc"));
  EXPECT_FALSE(DecodePendingLogin("v1\na\nb\nc\n/\nextra"));
}

TEST(SafeReturnPath, KeepsPathsOfThisServerOnly) {
  EXPECT_EQ(SafeReturnPath("/systems/s1?tab=roles#x"), "/systems/s1?tab=roles#x");
  EXPECT_EQ(SafeReturnPath("/"), "/");
  for (const char* bad : {"", "systems", "//evil.test", "//evil.test/x", "/\\evil.test", "https://evil.test/",
                          "javascript:alert(1)", "/a\r\nSet-Cookie: x=1", "/a\tb", "/a\\b"})
    EXPECT_EQ(SafeReturnPath(bad), "/") << bad;
  EXPECT_EQ(SafeReturnPath("/" + std::string(3000, 'a')), "/");
}

IdToken Token(std::map<std::string, std::string> claims, std::optional<bool> verified = std::nullopt) {
  IdToken t;
  t.subject = "sub-1";
  t.claims = std::move(claims);
  t.email_verified = verified;
  return t;
}

TEST(Identity, MatchesByTheEmailInLowerCase) {
  const auto id = IdentityOf(Token({{"email", "Anna.DPO@Kungsbacka.test"}}, true), "email");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value().by, MatchBy::kEmail);
  EXPECT_EQ(id.value().value, "anna.dpo@kungsbacka.test");
  EXPECT_EQ(id.value().subject, "sub-1");
}

TEST(Identity, AnUnverifiedEmailIsRefused) {
  const auto id =
      IdentityOf(Token({{"email", "anna@kungsbacka.test"}, {"upn", "anna@kungsbacka.test"}}, false), "email");
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().detail.find("verified"), std::string::npos);
}

TEST(Identity, AnEmailWithoutEmailVerifiedIsRefused) {
  // Entra ID sends no email_verified: its e-mail is whatever a tenant's administrator typed (issue 17).
  const auto id = IdentityOf(Token({{"email", "anna@kungsbacka.test"}}), "email");
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().detail.find("email_verified"), std::string::npos);
}

TEST(Identity, UpnAndPreferredUsernameStandInOnlyWhenTheOperatorSaysSo) {
  const auto entra = Token({{"upn", "Sven@Kungsbacka.test"}, {"preferred_username", "other@x.test"}});
  EXPECT_FALSE(IdentityOf(entra, "email").ok());
  EXPECT_FALSE(IdentityOf(Token({{"preferred_username", "dora@kungsbacka.test"}}), "email").ok());
  auto id = IdentityOf(entra, "email", UsernameFallback::kYes);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value().value, "sven@kungsbacka.test");
  EXPECT_EQ(id.value().claim, "upn");
  id = IdentityOf(Token({{"preferred_username", "dora@kungsbacka.test"}}), "email", UsernameFallback::kYes);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value().claim, "preferred_username");
  EXPECT_FALSE(IdentityOf(Token({{"preferred_username", "dora"}}), "email", UsernameFallback::kYes).ok());
  EXPECT_FALSE(IdentityOf(Token({}), "email", UsernameFallback::kYes).ok());
  // An unverified e-mail is not passed over for a fallback.
  EXPECT_FALSE(
      IdentityOf(Token({{"email", "a@x.test"}, {"upn", "a@x.test"}}, false), "email", UsernameFallback::kYes).ok());
}

TEST(Identity, AConfiguredClaimNamesTheAccountId) {
  auto id = IdentityOf(Token({{"preferred_username", "KOMMUN\\Anna"}, {"email", "a@x.test"}}), "preferred_username");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value().by, MatchBy::kAccountId);
  EXPECT_EQ(id.value().value, "kommun\\anna");
  EXPECT_EQ(IdentityOf(Token({}), "sub").value().value, "sub-1");
  const auto missing = IdentityOf(Token({{"email", "a@x.test"}}), "upn");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().detail.find("upn"), std::string::npos);
}

}  // namespace
}  // namespace ansvar::oidc
