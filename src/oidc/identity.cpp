#include "oidc/identity.hpp"

#include <cctype>

namespace ansvar::oidc {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool LooksLikeAddress(const std::string& s) {
  const auto at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() && s.find('@', at + 1) == std::string::npos &&
         s.find(' ') == std::string::npos;
}

}  // namespace

Result<Identity> IdentityOf(const IdToken& token, const std::string& claim, UsernameFallback fallback) {
  Identity id;
  id.subject = token.subject;
  if (claim.empty() || claim == "email") {
    id.by = MatchBy::kEmail;
    if (const auto email = token.Claim("email"); !email.empty()) {
      if (!LooksLikeAddress(email)) return Error{ErrorCode::kRejected, "the ID token's email is not an address"};
      if (token.email_verified != true)
        return Error{ErrorCode::kRejected, "the provider has not verified the e-mail address (email_verified)"};
      id.value = Lower(email), id.claim = "email";
      return id;
    }
    if (fallback == UsernameFallback::kYes) {
      for (const char* name : {"upn", "preferred_username"}) {
        const auto value = token.Claim(name);
        if (!LooksLikeAddress(value)) continue;
        id.value = Lower(value), id.claim = name;
        return id;
      }
      return Error{ErrorCode::kRejected, "the ID token carries no e-mail address (email, upn or preferred_username)"};
    }
    return Error{ErrorCode::kRejected, "the ID token carries no e-mail address (email)"};
  }
  id.by = MatchBy::kAccountId;
  id.claim = claim;
  id.value = Lower(claim == "sub" ? token.subject : token.Claim(claim));
  if (id.value.empty()) return Error{ErrorCode::kRejected, "the ID token carries no \"" + claim + "\" claim"};
  return id;
}

}  // namespace ansvar::oidc
