#pragma once
// What the server keeps of a sign-in between the redirect to the provider and the callback (at most 10 minutes, in
// a short-lived store record named by the SHA-256 of the state), and where the browser goes afterwards.
#include <optional>
#include <string>
#include <string_view>

namespace ansvar::oidc {

inline constexpr int64_t kPendingLoginSeconds = 600;

struct PendingLogin {
  std::string nonce;
  std::string code_verifier;
  std::string browser_hash;  // SHA-256 (hex) of the random value in the browser's ansvar_oidc cookie
  std::string return_to;     // a path of this server
};

// One line per field (none can hold a line break: base64url, hex, and a path checked by SafeReturnPath).
std::string EncodePendingLogin(const PendingLogin& login);
std::optional<PendingLogin> DecodePendingLogin(std::string_view text);

// `wanted` when it is a path on this server ("/systems/s1?tab=roles"), "/" otherwise: no scheme, no host, no
// "//evil.test" (a scheme-relative URL) or "/\evil.test" (which browsers read alike), no control characters.
std::string SafeReturnPath(std::string_view wanted);

}  // namespace ansvar::oidc
