#pragma once
// Proof Key for Code Exchange with the S256 method (RFC 7636): the verifier stays on the server, the provider
// sees only its SHA-256, so a stolen authorization code cannot be redeemed by anyone else.
#include <string>
#include <string_view>

namespace ansvar::oidc {

// 32 random bytes, base64url: a 43-character code_verifier (RFC 7636 §4.1 recommends exactly this).
std::string MakeCodeVerifier();
// code_challenge = BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2).
std::string S256Challenge(std::string_view code_verifier);

}  // namespace ansvar::oidc
