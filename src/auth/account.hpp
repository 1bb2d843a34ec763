#pragma once
// The value types of sign-in: an account, a session, an API token. Plain data; the store keeps them beside the
// register (app/accounts.hpp), io/account_json.hpp reads and writes them. No credential is ever held here in clear:
// sessions and tokens are known by their SHA-256, passwords by their Argon2id hash (kept apart, app/accounts.cpp).
#include <optional>
#include <string>

#include "auth/role.hpp"
#include "model/time.hpp"

namespace ansvar::auth {

// An account: id is the user name, lower case, [a-z0-9._@-]{1,100}.
struct Account {
  std::string id;
  std::string name;   // shown in the audit trail and the UI
  std::string email;  // "" when none
  Role role = Role::kReader;
  std::string administration;  // the administration of a data_protection_contact ("" otherwise)
  std::string person;          // people[].id of the register: a steward's systems are where this person has a role
  bool disabled = false;
  std::string oidc_subject;  // the identity provider's subject, once linked ("" when none)
  // Provisioned for single sign-on by an administrator: only then may a first sign-in through the identity provider
  // link its subject to this account (a matching e-mail alone never does, issue 17).
  bool single_sign_on = false;
  model::Timestamp created_at;
  friend bool operator==(const Account&, const Account&) = default;
};

// How a session was opened.
enum class SignIn { kPassword, kOidc };

// A session, kept under the SHA-256 of its id. Idle expiry counts from last_seen (the record's time).
struct Session {
  std::string account;
  std::string csrf;  // the value X-CSRF-Token must carry on a state-changing request
  model::Timestamp created_at;
  model::Timestamp expires_at;  // absolute expiry
  SignIn via = SignIn::kPassword;
  friend bool operator==(const Session&, const Session&) = default;
};

// An API token for an integration. The token itself ("ansvar_<id>_<64 hex>") is shown once; `hash` is the SHA-256
// of the whole token.
struct ApiToken {
  std::string id;  // 16 hex
  std::string account;
  std::string name;  // a label: what the integration is
  std::string hash;
  model::Timestamp created_at;
  std::string created_by;
  std::optional<model::Timestamp> revoked_at;
  std::optional<model::Timestamp> expires_at;  // none: until revoked (issue 17: tokens can expire)
  friend bool operator==(const ApiToken&, const ApiToken&) = default;
};

}  // namespace ansvar::auth

template <>
struct ansvar::model::EnumNames<ansvar::auth::SignIn> {
  static constexpr auto kNames = std::to_array<std::string_view>({"password", "oidc"});
  static constexpr std::string_view kWhat = "SignIn";
};
