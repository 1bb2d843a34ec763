#pragma once
// The relying party of one provider: the authorization code flow with PKCE (OpenID Connect Core 1.0 §3.1,
// RFC 7636). Thread-safe; the discovery document and the JWKS are fetched when first needed and kept (the JWKS
// again when a token names an unknown key, at most every 10 s, and after an hour). Calls into the network block the
// caller (5 s to connect, 15 s at most).
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "oidc/error.hpp"
#include "oidc/fetch.hpp"
#include "oidc/id_token.hpp"
#include "oidc/jwks.hpp"
#include "oidc/provider_metadata.hpp"

namespace ansvar::oidc {

struct ClientConfig {
  std::string issuer;
  std::string client_id;
  std::string client_secret;  // never logged, never in an error
  std::string redirect_uri;   // <public URL>/api/v1/auth/oidc/callback, registered at the provider
  std::string scope = "openid email profile";
  int64_t leeway = 60;  // seconds of clock skew
  // A provider shared by many organizations (its issuer holds "{tenantid}"): the tenants accepted (IdTokenCheck).
  std::vector<std::string> allowed_tenants;
};

// What one sign-in needs to remember between the redirect and the callback (the server keeps it, never the browser).
struct LoginStart {
  std::string authorization_url;
  std::string state;
  std::string nonce;
  std::string code_verifier;
};

using Clock = std::function<int64_t()>;  // seconds since the epoch
int64_t SystemSeconds();

class Client {
 public:
  explicit Client(ClientConfig config, Fetch fetch = CurlFetch(), Clock clock = SystemSeconds);

  [[nodiscard]] const ClientConfig& config() const { return config_; }
  // The discovery document (fetched on first use; an error again fetches next time).
  Result<ProviderMetadata> Metadata();
  // A fresh state, nonce and code verifier (32 random bytes each) and the URL that sends the browser to the provider.
  Result<LoginStart> BeginLogin();
  // Redeems the code at the token endpoint with the verifier and verifies the ID token against the nonce. When the
  // ID token lacks `wanted_claim` (providers may keep profile claims for the UserInfo endpoint, OIDC Core §5.4),
  // the string claims of the UserInfo answer are added to those the ID token lacks, provided that it names the
  // same subject (§5.3.4).
  Result<IdToken> CompleteLogin(const std::string& code, const std::string& code_verifier, const std::string& nonce,
                                const std::string& wanted_claim = "");
  // The provider's end_session_endpoint with client_id and post_logout_redirect_uri; "" when it offers none.
  Result<std::string> EndSessionUrl(const std::string& post_logout_redirect_uri);
  // Verifies an ID token with the provider's keys (refetching them once for an unknown kid).
  Result<IdToken> Verify(const std::string& id_token, const std::string& nonce);

 private:
  Result<KeySet> Keys(bool refresh);
  void AddUserInfo(const ProviderMetadata& metadata, const std::string& access_token, IdToken& token);

  ClientConfig config_;
  Fetch fetch_;
  Clock clock_;
  std::mutex mutex_;  // guards the two caches
  std::optional<ProviderMetadata> metadata_;
  std::optional<KeySet> keys_;
  int64_t keys_fetched_at_ = 0;
};

// RFC 3986 percent-encoding of everything but the unreserved characters, for query strings we build.
std::string PercentEncode(std::string_view value);

}  // namespace ansvar::oidc
