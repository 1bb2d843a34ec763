#pragma once
// base64url without padding (RFC 4648 §5), as JOSE (RFC 7515 §2) and PKCE (RFC 7636 §3) use it.
#include <optional>
#include <string>
#include <string_view>

namespace ansvar::oidc {

std::string Base64UrlEncode(std::string_view bytes);
// nullopt on a character outside the alphabet, on '=' padding, or on a length no encoder makes.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace ansvar::oidc
