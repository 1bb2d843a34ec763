// The relying party against a provider answered in memory: discovery checks, the authorization URL, the token
// request (client authentication, PKCE verifier), key rotation, and errors that keep secrets out of their text.
// The real provider over real HTTP: test_oidc_e2e.py.
#include "oidc/client.hpp"

#include <gtest/gtest.h>

#include "oidc/pkce.hpp"
#include "oidc/provider_metadata.hpp"
#include "test_keys.hpp"

namespace ansvar::oidc {
namespace {

using testing::Json;

const std::string kIssuer = "https://idp.kungsbacka.test";

Json Discovery() {
  return {{"issuer", kIssuer},
          {"authorization_endpoint", kIssuer + "/auth"},
          {"token_endpoint", kIssuer + "/token"},
          {"jwks_uri", kIssuer + "/jwks"},
          {"end_session_endpoint", kIssuer + "/session/end"},
          {"userinfo_endpoint", kIssuer + "/userinfo"},
          {"response_types_supported", {"code"}},
          {"code_challenge_methods_supported", {"S256"}},
          {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
          {"id_token_signing_alg_values_supported", {"RS256", "ES256"}}};
}

std::map<std::string, std::string> QueryOf(const std::string& url) {
  std::map<std::string, std::string> out;
  const auto q = url.find('?');
  size_t pos = q + 1;
  while (q != std::string::npos && pos < url.size()) {
    auto amp = url.find('&', pos);
    if (amp == std::string::npos) amp = url.size();
    const auto pair = url.substr(pos, amp - pos);
    const auto eq = pair.find('=');
    out[pair.substr(0, eq)] = pair.substr(eq + 1);
    pos = amp + 1;
  }
  return out;
}

TEST(ProviderMetadata, TakesTheConfiguredIssuerUpToATrailingSlash) {
  EXPECT_TRUE(ParseProviderMetadata(Discovery().dump(), kIssuer).ok());
  EXPECT_TRUE(ParseProviderMetadata(Discovery().dump(), kIssuer + "/").ok());
  EXPECT_EQ(DiscoveryUrl(kIssuer + "/"), kIssuer + "/.well-known/openid-configuration");
  const auto other = ParseProviderMetadata(Discovery().dump(), "https://evil.test");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConfiguration);
}

TEST(ProviderMetadata, RefusesPlainHttpExceptOnLoopback) {
  auto doc = Discovery();
  doc["token_endpoint"] = "http://idp.kungsbacka.test/token";
  EXPECT_FALSE(ParseProviderMetadata(doc.dump(), kIssuer).ok());
  doc["token_endpoint"] = "http://127.0.0.1:4000/token";
  EXPECT_TRUE(ParseProviderMetadata(doc.dump(), kIssuer).ok());
  EXPECT_TRUE(AcceptableUrl("http://localhost:3000/x"));
  EXPECT_TRUE(AcceptableUrl("http://[::1]:3000/x"));
  EXPECT_FALSE(AcceptableUrl("http://127.0.0.1.evil.test/x"));
  EXPECT_FALSE(AcceptableUrl("http://localhost.evil.test/x"));
  EXPECT_FALSE(AcceptableUrl("ftp://127.0.0.1/x"));
}

TEST(ProviderMetadata, NeedsTheCodeFlowAndS256AndASecretMethodWeSpeak) {
  auto doc = Discovery();
  doc["code_challenge_methods_supported"] = {"plain"};
  EXPECT_FALSE(ParseProviderMetadata(doc.dump(), kIssuer).ok());
  doc = Discovery();
  doc["response_types_supported"] = {"id_token"};
  EXPECT_FALSE(ParseProviderMetadata(doc.dump(), kIssuer).ok());
  doc = Discovery();
  doc["token_endpoint_auth_methods_supported"] = {"private_key_jwt"};
  EXPECT_FALSE(ParseProviderMetadata(doc.dump(), kIssuer).ok());
  doc["token_endpoint_auth_methods_supported"] = {"client_secret_post"};
  auto post = ParseProviderMetadata(doc.dump(), kIssuer);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(post.value().client_auth, ClientAuth::kSecretPost);
  doc.erase("token_endpoint_auth_methods_supported");  // the default: client_secret_basic
  EXPECT_EQ(ParseProviderMetadata(doc.dump(), kIssuer).value().client_auth, ClientAuth::kSecretBasic);
}

TEST(ProviderMetadata, AcceptsEntraIdsTenantTemplate) {
  auto doc = Discovery();
  doc["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0";
  EXPECT_TRUE(ParseProviderMetadata(doc.dump(), "https://login.microsoftonline.com/organizations/v2.0").ok());
}

// A provider in memory: it records the requests and signs what the test tells it.
struct FakeProvider {
  testing::Pkey key = testing::RsaKey();
  std::string kid = "k1";
  Json discovery = Discovery();
  int discovery_calls = 0, jwks_calls = 0;
  FetchRequest token_request;
  std::string nonce;
  int token_status = 200;
  int64_t now = 1'750'000'000;
  bool email_in_id_token = true;
  std::string userinfo_sub = "u1";
  std::string userinfo_auth;

  Fetch AsFetch() {
    return [this](const FetchRequest& r) -> FetchResponse {
      if (r.url == DiscoveryUrl(kIssuer)) return ++discovery_calls, FetchResponse{200, discovery.dump(), ""};
      if (r.url == kIssuer + "/jwks")
        return ++jwks_calls, FetchResponse{200, Json{{"keys", {testing::Jwk(key, kid)}}}.dump(), ""};
      if (r.url == kIssuer + "/token" && r.method == "POST") {
        token_request = r;
        if (token_status != 200)
          return {token_status, R"({"error":"invalid_grant","error_description":"grant request is invalid"})", ""};
        Json claims = {{"iss", kIssuer},   {"sub", "u1"}, {"aud", "ansvar"},
                       {"exp", now + 300}, {"iat", now},  {"nonce", nonce}};
        if (email_in_id_token) claims["email"] = "anna@kungsbacka.test";
        return {200,
                Json{{"id_token", testing::Jwt({{"alg", "RS256"}, {"kid", kid}}, claims, key)},
                     {"access_token", "at"},
                     {"token_type", "Bearer"}}
                    .dump(),
                ""};
      }
      if (r.url == kIssuer + "/userinfo") {
        for (const auto& [name, value] : r.headers)
          if (name == "Authorization") userinfo_auth = value;
        return {200,
                Json{{"sub", userinfo_sub},
                     {"email", "from-userinfo@kungsbacka.test"},
                     {"email_verified", true},
                     {"sub_name", "x"}}
                    .dump(),
                ""};
      }
      return {404, "", ""};
    };
  }
};

ClientConfig Config() {
  return {kIssuer,
          "ansvar",
          "s3cr3t:with/odd chars",
          "https://ansvar.kungsbacka.test/api/v1/auth/oidc/callback",
          "openid email profile",
          60,
          {}};
}

TEST(Client, TheAuthorizationUrlCarriesStateNonceAndTheS256Challenge) {
  FakeProvider idp;
  Client client(Config(), idp.AsFetch(), [&] { return idp.now; });
  const auto start = client.BeginLogin();
  ASSERT_TRUE(start.ok()) << start.error().detail;
  const auto& s = start.value();
  EXPECT_TRUE(s.authorization_url.starts_with(kIssuer + "/auth?"));
  auto q = QueryOf(s.authorization_url);
  EXPECT_EQ(q["response_type"], "code");
  EXPECT_EQ(q["client_id"], "ansvar");
  EXPECT_EQ(q["redirect_uri"], "https%3A%2F%2Fansvar.kungsbacka.test%2Fapi%2Fv1%2Fauth%2Foidc%2Fcallback");
  EXPECT_EQ(q["scope"], "openid%20email%20profile");
  EXPECT_EQ(q["state"], s.state);
  EXPECT_EQ(q["nonce"], s.nonce);
  EXPECT_EQ(q["code_challenge_method"], "S256");
  EXPECT_EQ(q["code_challenge"], S256Challenge(s.code_verifier));
  EXPECT_EQ(s.authorization_url.find(s.code_verifier), std::string::npos);  // the verifier never leaves the server
  EXPECT_EQ(s.state.size(), 43u);
  EXPECT_NE(s.state, s.nonce);
  EXPECT_NE(client.BeginLogin().value().state, s.state);
  EXPECT_EQ(idp.discovery_calls, 1);  // kept
}

TEST(Client, RedeemsTheCodeWithTheVerifierAndClientSecretBasic) {
  FakeProvider idp;
  Client client(Config(), idp.AsFetch(), [&] { return idp.now; });
  idp.nonce = "the-nonce";
  const auto token = client.CompleteLogin("the-code", "the-verifier", "the-nonce");
  ASSERT_TRUE(token.ok()) << token.error().detail;
  EXPECT_EQ(token.value().Claim("email"), "anna@kungsbacka.test");
  const auto& r = idp.token_request;
  EXPECT_EQ(r.body,
            "grant_type=authorization_code&code=the-code&redirect_uri=https%3A%2F%2Fansvar.kungsbacka.test"
            "%2Fapi%2Fv1%2Fauth%2Foidc%2Fcallback&code_verifier=the-verifier");
  std::string auth;
  for (const auto& [name, value] : r.headers)
    if (name == "Authorization") auth = value;
  // base64("ansvar:s3cr3t%3Awith%2Fodd+chars"), RFC 6749 §2.3.1
  EXPECT_EQ(auth, "Basic YW5zdmFyOnMzY3IzdCUzQXdpdGglMkZvZGQrY2hhcnM=");
}

TEST(Client, AsksUserInfoForAClaimTheIdTokenLacksWhenTheSubjectIsTheSame) {
  FakeProvider idp;
  Client client(Config(), idp.AsFetch(), [&] { return idp.now; });
  idp.nonce = "n";
  auto token = client.CompleteLogin("c", "v", "n", "email");  // in the ID token: no UserInfo request
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token.value().Claim("email"), "anna@kungsbacka.test");
  EXPECT_EQ(idp.userinfo_auth, "");
  idp.email_in_id_token = false;
  token = client.CompleteLogin("c", "v", "n", "email");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token.value().Claim("email"), "from-userinfo@kungsbacka.test");
  EXPECT_EQ(token.value().email_verified, true);
  EXPECT_EQ(token.value().subject, "u1");
  EXPECT_EQ(idp.userinfo_auth, "Bearer at");
  idp.userinfo_sub = "someone-else";  // OIDC Core §5.3.4: another subject's claims are not taken
  token = client.CompleteLogin("c", "v", "n", "email");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token.value().Claim("email"), "");
}

TEST(Client, UsesClientSecretPostWhenThatIsAllTheProviderTakes) {
  FakeProvider idp;
  idp.discovery["token_endpoint_auth_methods_supported"] = {"client_secret_post"};
  Client client(Config(), idp.AsFetch(), [&] { return idp.now; });
  idp.nonce = "n";
  ASSERT_TRUE(client.CompleteLogin("c", "v", "n").ok());
  EXPECT_NE(idp.token_request.body.find("&client_id=ansvar&client_secret=s3cr3t%3Awith%2Fodd+chars"),
            std::string::npos);
  for (const auto& [name, value] : idp.token_request.headers) EXPECT_NE(name, "Authorization");
}

TEST(Client, ARefusedCodeSaysSoWithoutEchoingAnything) {
  FakeProvider idp;
  idp.token_status = 400;
  Client client(Config(), idp.AsFetch(), [&] { return idp.now; });
  const auto r = client.CompleteLogin("secret-code-123", "secret-verifier-456", "n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kRejected);
  EXPECT_NE(r.error().detail.find("invalid_grant"), std::string::npos);
  EXPECT_EQ(r.error().detail.find("secret"), std::string::npos);
  EXPECT_EQ(r.error().detail.find("grant request is invalid"), std::string::npos);
}

TEST(Client, FetchesTheKeysAgainWhenTheProviderRotatesThem) {
  FakeProvider idp;
  Client client(Config(), idp.AsFetch(), [&] { return idp.now; });
  idp.nonce = "n";
  ASSERT_TRUE(client.CompleteLogin("c", "v", "n").ok());
  EXPECT_EQ(idp.jwks_calls, 1);
  ASSERT_TRUE(client.CompleteLogin("c", "v", "n").ok());
  EXPECT_EQ(idp.jwks_calls, 1);  // cached
  idp.now += 20;
  idp.key = testing::RsaKey(), idp.kid = "k2";  // rotated
  const auto r = client.CompleteLogin("c", "v", "n");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(idp.jwks_calls, 2);
}

TEST(Client, AnUnknownKidAfterARefetchIsRefused) {
  FakeProvider idp;
  Client client(Config(), idp.AsFetch(), [&] { return idp.now; });
  idp.nonce = "n";
  ASSERT_TRUE(client.CompleteLogin("c", "v", "n").ok());
  const auto forged = testing::Jwt(
      {{"alg", "RS256"}, {"kid", "attacker"}},
      {{"iss", kIssuer}, {"sub", "u1"}, {"aud", "ansvar"}, {"exp", idp.now + 300}, {"iat", idp.now}, {"nonce", "n"}},
      testing::RsaKey());
  idp.now += 20;
  const auto r = client.Verify(forged, "n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(idp.jwks_calls, 2);
  // ...and a flood of them does not make us fetch more than every 10 s.
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(client.Verify(forged, "n").ok());
  EXPECT_EQ(idp.jwks_calls, 2);
}

TEST(Client, EndSessionUrlIsEmptyWhenTheProviderOffersNone) {
  FakeProvider idp;
  Client client(Config(), idp.AsFetch(), [&] { return idp.now; });
  EXPECT_EQ(client.EndSessionUrl("https://ansvar.kungsbacka.test/").value(),
            kIssuer + "/session/end?client_id=ansvar&post_logout_redirect_uri=https%3A%2F%2Fansvar.kungsbacka.test%2F");
  FakeProvider bare;
  bare.discovery.erase("end_session_endpoint");
  Client other(Config(), bare.AsFetch(), [&] { return bare.now; });
  EXPECT_EQ(other.EndSessionUrl("https://ansvar.kungsbacka.test/").value(), "");
}

TEST(Client, AnUnreachableProviderIsAnErrorNotACrash) {
  Client client(Config(), [](const FetchRequest&) { return FetchResponse{0, "", "Couldn't connect to server"}; });
  const auto r = client.BeginLogin();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace ansvar::oidc
