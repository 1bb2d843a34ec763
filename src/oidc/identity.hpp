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

// `claim` "email" (the default): the email claim, or when a provider sends none (Microsoft Entra ID without the
// optional claim, AD FS) its "upn", then "preferred_username", when they look like an address. An e-mail the
// provider says it has not verified (email_verified false) is refused. Any other claim ("preferred_username",
// "upn", "sub", …): its value, matched to the account id. An error (kRejected) names the missing claim.
Result<Identity> IdentityOf(const IdToken& token, const std::string& claim);

}  // namespace ansvar::oidc
