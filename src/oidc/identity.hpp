#pragma once
// Who the verified ID token says the user is, in the terms Ansvar matches accounts by: an e-mail address (the
// account's e-mail) or the value of a configured claim (the account's id).
#include <string>

#include "oidc/error.hpp"
#include "oidc/id_token.hpp"

namespace ansvar::oidc {

enum class MatchBy { kEmail, kAccountId };

struct Identity {
  std::string subject;  // the provider's "sub": accounts are linked to it on first sign-in
  MatchBy by = MatchBy::kEmail;
  std::string value;  // lower case
  std::string claim;  // the claim it came from (for the log)
};

// Whether "upn" and "preferred_username" may stand in for a missing e-mail (`serve --oidc-username-fallback`):
// Microsoft Entra ID without the optional email claim, AD FS. They are names the provider's tenant gives, not
// addresses anyone verified, so only when the operator says so (issue 17).
enum class UsernameFallback { kNo, kYes };

// `claim` "email" (the default): the email claim, which the provider must say it has verified (email_verified
// true; absent or false is refused, issue 17); with UsernameFallback::kYes, when it sends no email, its "upn", then
// "preferred_username", when they look like an address. Any other claim ("preferred_username", "upn", "sub", …):
// its value, matched to the account id. An error (kRejected) names what is missing.
Result<Identity> IdentityOf(const IdToken& token, const std::string& claim,
                            UsernameFallback fallback = UsernameFallback::kNo);

}  // namespace ansvar::oidc
