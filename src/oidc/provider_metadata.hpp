#pragma once
// What the provider says of itself at <issuer>/.well-known/openid-configuration (OpenID Connect Discovery 1.0 §3).
#include <string>
#include <string_view>
#include <vector>

#include "oidc/error.hpp"

namespace ansvar::oidc {

enum class ClientAuth { kSecretBasic, kSecretPost };

struct ProviderMetadata {
  std::string issuer;  // as the provider spells it: ID tokens must carry exactly this
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string userinfo_endpoint;     // "" when none: claims then come from the ID token only
  std::string end_session_endpoint;  // "" when the provider offers no RP-initiated logout
  ClientAuth client_auth = ClientAuth::kSecretBasic;
  std::vector<std::string> algorithms;  // id_token_signing_alg_values_supported
};

// The discovery URL of an issuer: the issuer without a trailing '/', then "/.well-known/openid-configuration".
std::string DiscoveryUrl(std::string_view issuer);
// True for https, and for http to a loopback host (tests, a provider on the same machine).
bool AcceptableUrl(std::string_view url);
// Parses and checks the document: the issuer must be the configured one (up to a trailing '/', or the
// "{tenantid}" template of Microsoft Entra ID's multi-tenant endpoints); the endpoints must be acceptable URLs;
// the provider must allow the code flow and, when it says which, PKCE S256 and a client secret method we speak.
Result<ProviderMetadata> ParseProviderMetadata(std::string_view json, std::string_view configured_issuer);

}  // namespace ansvar::oidc
