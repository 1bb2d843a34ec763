#pragma once
// Accounts, sessions and API tokens as JSON (issue 6, docs/access-control.md): the documents and records the store
// keeps, what the API answers (never a credential or its hash), and the bodies of the sign-in and account requests.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/account.hpp"
#include "model/validate.hpp"

namespace ansvar::io {

template <class T>
struct AuthRead {
  T value;
  std::vector<std::string> present;  // the keys the document had
  std::vector<model::Problem> problems;
  [[nodiscard]] bool Has(std::string_view key) const;
};

// ---- As stored (documents "accounts", "api_tokens"; records "session/…") ----
std::string WriteStoredAccount(const auth::Account& a);
AuthRead<auth::Account> ReadStoredAccount(std::string_view json);
std::string WriteStoredSession(const auth::Session& s);
AuthRead<auth::Session> ReadStoredSession(std::string_view json);
std::string WriteStoredApiToken(const auth::ApiToken& t);
AuthRead<auth::ApiToken> ReadStoredApiToken(std::string_view json);

// ---- As the API answers ----
// {"id","name","email","role","administration","person","disabled","password","oidc","single_sign_on","created_at"}:
// password and oidc say whether the account can sign in so, never how; single_sign_on whether a first sign-in
// through the identity provider may link to it.
std::string AccountJson(const auth::Account& a, bool has_password);
// {"id","account","name","created_at","created_by","revoked_at"} (no hash); with "token" only when it is created.
std::string ApiTokenJson(const auth::ApiToken& t, std::string_view token = {});

// ---- Request bodies ----
struct LoginRequest {
  std::string username;
  std::string password;
};
AuthRead<LoginRequest> ReadLoginRequest(std::string_view json);

// POST /accounts and PATCH /accounts/{id}: the fields present, with null or "" clearing an optional one.
struct AccountRequest {
  std::string id;
  std::optional<std::string> name, email, administration, person, oidc_subject, password;
  std::optional<auth::Role> role;
  std::optional<bool> disabled, single_sign_on;
};
AuthRead<AccountRequest> ReadAccountRequest(std::string_view json);

struct ApiTokenRequest {
  std::string account;
  std::string name;
  std::optional<int> expires_in_days;
};
AuthRead<ApiTokenRequest> ReadApiTokenRequest(std::string_view json);

}  // namespace ansvar::io
