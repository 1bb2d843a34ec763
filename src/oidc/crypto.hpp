#pragma once
// The few primitives the sign-in needs from OpenSSL: random bytes, SHA-256, a constant-time comparison.
#include <string>
#include <string_view>

namespace ansvar::oidc {

// `n` bytes from OpenSSL's CSPRNG (RAND_bytes); throws std::runtime_error when it has no entropy (not expected).
std::string RandomBytes(size_t n);
// `n` random bytes as base64url: state, nonce and code verifier values.
std::string RandomToken(size_t n);
std::string Sha256(std::string_view bytes);  // the 32-byte digest
std::string Sha256Hex(std::string_view bytes);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ansvar::oidc
