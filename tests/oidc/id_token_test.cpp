// ID token verification (OpenID Connect Core 1.0 §3.1.3.7) with keys OpenSSL makes here: what a forger, a
// confused provider or an old token may bring is refused, and what the provider signed is accepted.
#include "oidc/id_token.hpp"

#include <gtest/gtest.h>

#include "oidc/base64url.hpp"
#include "test_keys.hpp"

namespace ansvar::oidc {
namespace {

using testing::Json;
using testing::Jwt;

constexpr int64_t kNow = 1'750'000'000;
const std::string kIssuer = "https://idp.kungsbacka.test/realms/kommun";

class IdTokenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = testing::RsaKey();
    ec_ = testing::EcKey();
    other_ = testing::RsaKey();
  }
  static testing::Pkey rsa_, ec_, other_;

  KeySet Keys() const {
    Json jwks = {{"keys", Json::array({testing::Jwk(rsa_, "rsa-1"), testing::Jwk(ec_, "ec-1")})}};
    auto parsed = ParseJwks(jwks.dump());
    EXPECT_TRUE(parsed.ok());
    return parsed.value();
  }
  static Json Claims() {
    return {{"iss", kIssuer},
            {"sub", "248289761001"},
            {"aud", "ansvar"},
            {"exp", kNow + 300},
            {"iat", kNow - 5},
            {"nonce", "n-0S6_WzA2Mj"},
            {"email", "anna.dpo@kungsbacka.test"},
            {"email_verified", true}};
  }
  static IdTokenCheck Check() {
    IdTokenCheck c;
    c.issuer = kIssuer, c.client_id = "ansvar", c.nonce = "n-0S6_WzA2Mj", c.now = kNow;
    return c;
  }
  Result<IdToken> Verify(const std::string& token, const IdTokenCheck& check = Check()) const {
    return VerifyIdToken(token, Keys(), check);
  }
  static std::string Rs256(const Json& claims, const std::string& kid = "rsa-1", const testing::Pkey& key = rsa_) {
    return Jwt({{"alg", "RS256"}, {"kid", kid}, {"typ", "JWT"}}, claims, key);
  }
  static void ExpectRefused(const Result<IdToken>& r, const std::string& why) {
    ASSERT_FALSE(r.ok()) << "accepted, expected: " << why;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidToken);
    EXPECT_NE(r.error().detail.find(why), std::string::npos) << r.error().detail;
  }
};
testing::Pkey IdTokenTest::rsa_, IdTokenTest::ec_, IdTokenTest::other_;

TEST_F(IdTokenTest, AcceptsWhatTheProviderSignedWithRs256) {
  const auto r = Verify(Rs256(Claims()));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r.value().subject, "248289761001");
  EXPECT_EQ(r.value().issuer, kIssuer);
  EXPECT_EQ(r.value().Claim("email"), "anna.dpo@kungsbacka.test");
  EXPECT_EQ(r.value().email_verified, true);
  EXPECT_EQ(r.value().expires_at, kNow + 300);
}

TEST_F(IdTokenTest, AcceptsEs256AndPs256) {
  auto es = Verify(Jwt({{"alg", "ES256"}, {"kid", "ec-1"}}, Claims(), ec_));
  EXPECT_TRUE(es.ok()) << es.error().detail;
  auto ps = Verify(Jwt({{"alg", "PS256"}, {"kid", "rsa-1"}}, Claims(), rsa_));
  EXPECT_TRUE(ps.ok()) << ps.error().detail;
}

TEST_F(IdTokenTest, RefusesATamperedPayload) {
  const auto token = Rs256(Claims());
  auto claims = Claims();
  claims["email"] = "admin@kungsbacka.test";
  const auto dot1 = token.find('.'), dot2 = token.rfind('.');
  const auto forged = token.substr(0, dot1 + 1) + Base64UrlEncode(claims.dump()) + token.substr(dot2);
  ExpectRefused(Verify(forged), "signature");
}

TEST_F(IdTokenTest, RefusesATamperedSignature) {
  auto token = Rs256(Claims());
  const auto dot2 = token.rfind('.');
  token[dot2 + 10] = token[dot2 + 10] == 'A' ? 'B' : 'A';
  ExpectRefused(Verify(token), "signature");
  ExpectRefused(Verify(token.substr(0, dot2 + 1)), "signature");  // no signature at all
}

TEST_F(IdTokenTest, RefusesASignatureByAnotherKeyUnderTheProvidersKid) {
  ExpectRefused(Verify(Rs256(Claims(), "rsa-1", other_)), "signature");
}

TEST_F(IdTokenTest, RefusesAlgNone) {
  const std::string unsigned_token =
      Base64UrlEncode(Json{{"alg", "none"}}.dump()) + "." + Base64UrlEncode(Claims().dump()) + ".";
  ExpectRefused(Verify(unsigned_token), "algorithm");
  const std::string upper =
      Base64UrlEncode(Json{{"alg", "None"}}.dump()) + "." + Base64UrlEncode(Claims().dump()) + ".";
  ExpectRefused(Verify(upper), "algorithm");
}

TEST_F(IdTokenTest, RefusesHs256KeyedWithThePublicKey) {
  // The classic confusion: HMAC keyed with the public RSA modulus, which anyone can read from the JWKS.
  const std::string input =
      Base64UrlEncode(Json{{"alg", "HS256"}, {"kid", "rsa-1"}}.dump()) + "." + Base64UrlEncode(Claims().dump());
  const auto token = input + "." + Base64UrlEncode(testing::HmacSha256(testing::Jwk(rsa_, "x")["n"], input));
  ExpectRefused(Verify(token), "algorithm");
}

TEST_F(IdTokenTest, RefusesAnAlgorithmNotAllowedHereEvenIfSupported) {
  auto check = Check();
  check.algorithms = {"ES256"};
  ExpectRefused(Verify(Rs256(Claims()), check), "algorithm");
}

TEST_F(IdTokenTest, RefusesAnRsaAlgorithmOnAnEcKey) {
  ExpectRefused(Verify(Jwt({{"alg", "RS256"}, {"kid", "ec-1"}}, Claims(), rsa_)), "signature");
}

TEST_F(IdTokenTest, RefusesAnotherAudience) {
  auto claims = Claims();
  claims["aud"] = "another-client";
  ExpectRefused(Verify(Rs256(claims)), "aud");
  claims["aud"] = Json::array({"another-client", "third"});
  ExpectRefused(Verify(Rs256(claims)), "aud");
}

TEST_F(IdTokenTest, SeveralAudiencesNeedOurAzp) {
  auto claims = Claims();
  claims["aud"] = Json::array({"ansvar", "another-client"});
  ExpectRefused(Verify(Rs256(claims)), "azp");
  claims["azp"] = "another-client";
  ExpectRefused(Verify(Rs256(claims)), "azp");
  claims["azp"] = "ansvar";
  EXPECT_TRUE(Verify(Rs256(claims)).ok());
}

TEST_F(IdTokenTest, RefusesAnotherIssuer) {
  auto claims = Claims();
  claims["iss"] = "https://idp.kungsbacka.test/realms/other";
  ExpectRefused(Verify(Rs256(claims)), "issuer");
  claims["iss"] = kIssuer + "/";
  ExpectRefused(Verify(Rs256(claims)), "issuer");
}

TEST_F(IdTokenTest, RefusesAnExpiredTokenBeyondTheLeeway) {
  auto claims = Claims();
  claims["exp"] = kNow - 61;
  ExpectRefused(Verify(Rs256(claims)), "expired");
  claims["exp"] = kNow - 30;  // within 60 s of skew
  EXPECT_TRUE(Verify(Rs256(claims)).ok());
  claims.erase("exp");
  ExpectRefused(Verify(Rs256(claims)), "exp");
}

TEST_F(IdTokenTest, RefusesATokenIssuedInTheFutureOrLongAgo) {
  auto claims = Claims();
  claims["iat"] = kNow + 3600;
  ExpectRefused(Verify(Rs256(claims)), "future");
  claims["iat"] = kNow - 7200;
  ExpectRefused(Verify(Rs256(claims)), "stale");
  claims["iat"] = kNow - 5;
  claims["nbf"] = kNow + 3600;
  ExpectRefused(Verify(Rs256(claims)), "nbf");
}

TEST_F(IdTokenTest, RefusesAnotherNonceOrNone) {
  auto claims = Claims();
  claims["nonce"] = "n-other";
  ExpectRefused(Verify(Rs256(claims)), "nonce");
  claims.erase("nonce");
  ExpectRefused(Verify(Rs256(claims)), "nonce");
  auto check = Check();
  check.nonce = "";
  ExpectRefused(Verify(Rs256(Claims()), check), "nonce");
}

TEST_F(IdTokenTest, AnUnknownKidIsReportedSoThatTheKeysAreFetchedAgain) {
  const auto r = Verify(Rs256(Claims(), "rotated-2", other_));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnknownKey);
}

TEST_F(IdTokenTest, RefusesMalformedTokens) {
  ExpectRefused(Verify(""), "not a signed JWT");
  ExpectRefused(Verify("a.b.c.d.e"), "not a signed JWT");  // an encrypted JWT
  ExpectRefused(Verify("eyJ.e30.AAAA"), "base64url");
  ExpectRefused(Verify(Base64UrlEncode("[1]") + "." + Base64UrlEncode("{}") + ".AAAA"), "base64url");
  auto crit = Jwt({{"alg", "RS256"}, {"kid", "rsa-1"}, {"crit", {"exp"}}}, Claims(), rsa_);
  ExpectRefused(Verify(crit), "critical");
  auto claims = Claims();
  claims.erase("sub");
  ExpectRefused(Verify(Rs256(claims)), "sub");
}

TEST_F(IdTokenTest, EntraIdTenantTemplateTakesTheTokensTid) {
  auto check = Check();
  check.issuer = "https://login.microsoftonline.com/{tenantid}/v2.0";
  check.allowed_tenants = {"9188040D-6C67-4C5B-B112-36A304B66DAD"};  // case aside
  auto claims = Claims();
  claims["tid"] = "9188040d-6c67-4c5b-b112-36a304b66dad";
  claims["iss"] = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0";
  EXPECT_TRUE(Verify(Rs256(claims), check).ok());
  // The issuer must still be the tenant's own.
  claims["iss"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0";
  ExpectRefused(Verify(Rs256(claims), check), "issuer");
  claims.erase("tid");
  ExpectRefused(Verify(Rs256(claims), check), "tenant");
}

TEST_F(IdTokenTest, AMultiTenantIssuerAcceptsOnlyTheAllowedTenants) {
  // Another organization's tenant, its own issuer and a consistent token: refused (issue 17, account takeover).
  auto check = Check();
  check.issuer = "https://login.microsoftonline.com/{tenantid}/v2.0";
  auto claims = Claims();
  claims["tid"] = "11111111-2222-3333-4444-555555555555";
  claims["iss"] = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0";
  ExpectRefused(Verify(Rs256(claims), check), "tenant");  // no allow-list: none
  check.allowed_tenants = {"9188040d-6c67-4c5b-b112-36a304b66dad"};
  ExpectRefused(Verify(Rs256(claims), check), "tenant");
  check.allowed_tenants.push_back("11111111-2222-3333-4444-555555555555");
  EXPECT_TRUE(Verify(Rs256(claims), check).ok());
}

TEST(Jwks, SkipsShortRsaKeysEncryptionKeysAndUnknownCurves) {
  auto weak = testing::Jwk(testing::RsaKey(1024), "weak");
  auto enc = testing::Jwk(testing::RsaKey(), "enc");
  enc["use"] = "enc";
  Json odd = {{"kty", "EC"}, {"crv", "P-521"}, {"x", "AAAA"}, {"y", "AAAA"}};
  Json sym = {{"kty", "oct"}, {"k", "c2VjcmV0"}};
  const auto none = ParseJwks(Json{{"keys", {weak, enc, odd, sym}}}.dump());
  EXPECT_FALSE(none.ok());
  const auto one = ParseJwks(Json{{"keys", {weak, testing::Jwk(testing::RsaKey(), "good")}}}.dump());
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one.value().keys.size(), 1u);
  EXPECT_EQ(one.value().keys[0].kid, "good");
  EXPECT_FALSE(ParseJwks("not json").ok());
}

TEST(Jwks, RefusesAnEcPointOffTheCurve) {
  auto jwk = testing::Jwk(testing::EcKey(), "ec");
  auto y = *Base64UrlDecode(jwk["y"].get<std::string>());
  y[31] = static_cast<char>(y[31] ^ 1);
  jwk["y"] = Base64UrlEncode(y);
  EXPECT_FALSE(ParseJwks(Json{{"keys", {jwk}}}.dump()).ok());
}

}  // namespace
}  // namespace ansvar::oidc
