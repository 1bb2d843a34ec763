#pragma once
// Verification of an ID token (OpenID Connect Core 1.0 §3.1.3.7): a compact JWS (RFC 7515) signed with one of the
// provider's keys by an allowed asymmetric algorithm, issued by the expected issuer for this client, current, and
// carrying the nonce of this sign-in.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oidc/error.hpp"
#include "oidc/jwks.hpp"

namespace ansvar::oidc {

// RS256 is the one every provider must support (OIDC Core §15.1); "none" and the HMAC family are never accepted.
inline const std::vector<std::string> kDefaultAlgorithms = {"RS256", "RS384", "RS512", "PS256",
                                                            "PS384", "PS512", "ES256", "ES384"};

struct IdTokenCheck {
  std::string issuer;  // exactly; "{tenantid}" in it (Microsoft Entra ID's common endpoint) is the token's "tid"
  // With "{tenantid}" in the issuer (a provider shared by many organizations): the tenant ids whose tokens are
  // accepted (case aside). Empty: none is — a token from any tenant would otherwise sign in (issue 17).
  std::vector<std::string> allowed_tenants;
  std::string client_id;
  std::string nonce;
  std::vector<std::string> algorithms = kDefaultAlgorithms;
  int64_t now = 0;            // seconds since the epoch
  int64_t leeway = 60;        // seconds of clock skew allowed on exp, iat and nbf
  int64_t max_age = 15 * 60;  // an ID token issued longer ago than this (+ leeway) is stale
};

struct IdToken {
  std::string issuer;
  std::string subject;
  int64_t issued_at = 0;
  int64_t expires_at = 0;
  std::map<std::string, std::string> claims;  // every top-level claim whose value is a string
  std::optional<bool> email_verified;         // absent at many providers (Entra ID, AD FS)

  [[nodiscard]] std::string Claim(const std::string& name) const {
    const auto it = claims.find(name);
    return it == claims.end() ? std::string() : it->second;
  }
};

// kInvalidToken with what failed, or kUnknownKey when the token names a key `keys` does not hold.
Result<IdToken> VerifyIdToken(std::string_view token, const KeySet& keys, const IdTokenCheck& check);

}  // namespace ansvar::oidc
