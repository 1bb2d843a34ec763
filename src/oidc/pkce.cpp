#include "oidc/pkce.hpp"

#include "oidc/base64url.hpp"
#include "oidc/crypto.hpp"

namespace ansvar::oidc {

std::string MakeCodeVerifier() { return RandomToken(32); }

std::string S256Challenge(std::string_view code_verifier) { return Base64UrlEncode(Sha256(code_verifier)); }

}  // namespace ansvar::oidc
