#pragma once
// Accounts, sessions, API tokens and login throttling (issue 6, docs/access-control.md), kept by the store beside
// the register, so that several instances on one PostgreSQL database share them:
//  - accounts: documents of "accounts" (id = user name), every change in the store's document trail;
//  - passwords: records "password/<account>" holding the Argon2id hash (libsodium crypto_pwhash_str), apart from
//    the audited documents so that no credential, not even a hash, stays in the append-only trail;
//  - sessions: records "session/<SHA-256 of the session id>"; the record's time is when it was last used;
//  - API tokens: documents of "api_tokens" (id = 16 hex) holding the SHA-256 of the token;
//  - throttling: records "throttle/pair/<id> <address>" (an account from one address: growing delays, so that an
//    attacker elsewhere cannot lock the user out, issue 17) and "throttle/address/<address>" (all accounts from one
//    address: a hard limit against guessing across accounts), the recent failures;
//  - short-lived records (an OpenID Connect login's state): records under a caller's key, with an expiry.
// Used by the HTTP layer (http/access.cpp, http/auth_routes.cpp, http/oidc_routes.cpp) and the CLI
// (cli/user_command.cpp). Thread-safe: it keeps no state but its settings; the store serializes.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/result.hpp"
#include "auth/account.hpp"
#include "store/store.hpp"

namespace ansvar::app {

struct AccountSettings {
  int64_t session_idle_seconds = 8 * 3600;
  int64_t session_absolute_seconds = 7 * 24 * 3600;
  int64_t session_touch_seconds = 60;  // last_seen is written at most this often
  // An account from one address: the first pair_free_failures failures within the window cost nothing; after
  // that each attempt waits pair_base_delay_seconds · 2^(failures − free − 1) after the last failure, at most
  // pair_max_delay_seconds. The same account from another address is not slowed.
  int pair_free_failures = 3;
  int64_t pair_base_delay_seconds = 1;
  int64_t pair_max_delay_seconds = 15 * 60;
  int address_failures = 20;  // failed logins per client address (any accounts) within the window before it waits
  int64_t throttle_window_seconds = 15 * 60;
};

// What an administrator (or the CLI) writes of an account: absent fields stay as they are on an update.
struct AccountChange {
  std::optional<std::string> name, email, administration, person, oidc_subject;
  std::optional<auth::Role> role;
  std::optional<bool> disabled, single_sign_on;
  std::optional<std::string> password;  // sets (or replaces) the password; "" removes it (SSO only)
};

// How an account is found by a sign-in that is not by user name.
enum class AccountMatch { kId, kEmail, kOidcSubject };

// A new session: the id goes into the cookie, the csrf token to the client; the store keeps neither in clear.
struct NewSession {
  std::string id;
  std::string csrf;
  auth::Session session;
};

// Who a request is, once its cookie or token has been checked.
struct Authenticated {
  auth::Account account;
  std::optional<auth::Session> session;  // set when signed in by cookie (CSRF applies)
  std::string token_id;                  // set when by an API token
  // What the audit trail records as the change's credential (store::Actor::credential): "session:<16 hex of the
  // session id's SHA-256>" or "token:<id>"; a token issued by someone else for the account (an admin's for an
  // integration's account) acts on the account's behalf and says who issued it: "token:<id>;issued_by:<issuer>".
  std::string credential;
};

// The credential an API token writes into the audit trail (Authenticated::credential), and the issuer a credential
// names ("" when the account's own: a session, or a token the account issued itself).
std::string TokenCredential(const auth::ApiToken& token);
std::string CredentialIssuer(std::string_view credential);

enum class LoginOutcome { kSignedIn, kRefused, kThrottled };
struct LoginResult {
  LoginOutcome outcome = LoginOutcome::kRefused;
  std::optional<NewSession> session;
  std::optional<auth::Account> account;
  int64_t retry_after_seconds = 0;  // kThrottled
};

struct IssuedApiToken {
  std::string token;  // shown once
  auth::ApiToken record;
};

// One entry of an account's or an API token's trail (Accounts::AccountTrail, TokenTrail).
struct TrailEntry {
  model::Timestamp at;
  store::Actor actor;      // who; actor.credential: with which session or API token
  std::string subject;     // "account" or "token"
  std::string subject_id;  // the account's or token's id
  // create / update / delete of the account or token (before and after: what changed, e.g. the role), or an event:
  // sign_in, sign_out, login_failed, token_used (after: its details).
  std::string action;
  std::string before_json, after_json;
};

struct TrailPage {
  std::vector<TrailEntry> entries;  // newest first
  bool more = false;                // there are older entries (ask with offset + limit)
};

// The rules of a user name: lower case letters, digits and . _ @ -, 1 to 100 characters.
bool ValidAccountId(std::string_view id);
// A random password of 20 characters from an alphabet without look-alikes (about 100 bits), for the demo's admin.
std::string GeneratePassword();
// Passwords: at least 12 characters (NIST SP 800-63B §5.1.1.2: length, no composition rules), at most 1024 bytes.
std::optional<std::string> PasswordProblem(std::string_view password);

class Accounts {
 public:
  using Clock = std::function<model::Timestamp()>;
  // Whether the register holds an administration or person of that id (an account's references are checked).
  using Exists = std::function<bool(model::Collection, const std::string&)>;
  Accounts(store::Beside& store, Clock clock, AccountSettings settings = {});
  // Without it, administration and person are not checked against the register.
  void SetReferenceCheck(Exists exists);

  // ---- Accounts ----
  Result<auth::Account> Create(const std::string& id, const AccountChange& change, const store::Actor& actor);
  Result<auth::Account> Update(const std::string& id, const AccountChange& change, const store::Actor& actor);
  Result<auth::Account> Get(const std::string& id) const;
  Result<std::vector<auth::Account>> List() const;
  // An enabled or disabled account by id, e-mail (case-insensitive) or linked OIDC subject; nullopt when none or
  // when the store fails. E-mail: nullopt when two accounts share it (ambiguous, refuse rather than guess).
  std::optional<auth::Account> Find(AccountMatch by, const std::string& value) const;
  [[nodiscard]] bool HasPassword(const std::string& id) const;
  // True when the store holds no account at all (the demo then creates its admin). Throws store::StoreError.
  [[nodiscard]] bool Empty() const;

  // ---- Signing in ----
  // Checks the password under the throttle of the account and of the address. A disabled or unknown account and a
  // wrong password answer alike (kRefused), after the same work. Throws store::StoreError when the store fails.
  LoginResult Login(const std::string& id, const std::string& password, const std::string& address);
  // A new session for an enabled account (a password login, or an OIDC callback with via = kOidc).
  // The sign-in is put in the account's trail with `address` (the client's, as the HTTP layer found it).
  Result<NewSession> CreateSession(const std::string& account_id, auth::SignIn via, const std::string& address = "");
  // The account of a session cookie's value: nullopt when unknown, expired (idle or absolute) or the account is
  // disabled. Touches the session's last use. These three throw store::StoreError when the store fails.
  std::optional<Authenticated> FromSession(const std::string& session_id);
  // The account of an API token ("ansvar_<id>_<secret>"): nullopt when unknown, revoked or the account is disabled.
  std::optional<Authenticated> FromToken(const std::string& token) const;
  void EndSession(const std::string& session_id);
  // Ends every session of an account (disabled, password changed); returns how many.
  size_t EndSessionsOf(const std::string& account_id);

  // ---- API tokens ----
  // `expires_in_days`: the token stops working that many days from now (1–3650); none: until revoked.
  Result<IssuedApiToken> CreateToken(const std::string& account_id, const std::string& name, const store::Actor& actor,
                                     std::optional<int> expires_in_days = std::nullopt);
  Result<bool> RevokeToken(const std::string& token_id, const store::Actor& actor);
  Result<std::vector<auth::ApiToken>> ListTokens() const;

  // ---- Trails (issue 17; app/account_trails.cpp) ----
  // An account's trail: its creation and changes (role, disabled, …), its sign-ins, sign-outs and failed logins,
  // and the creation, revocation and use of its API tokens. A token's: its creation, revocation and use. Newest
  // first, `limit` from `offset` (at most 10,000 entries back). NotFound when there is no such account or token.
  Result<TrailPage> AccountTrail(const std::string& id, size_t offset, size_t limit) const;
  Result<TrailPage> TokenTrail(const std::string& id, size_t offset, size_t limit) const;

  // ---- Short-lived records (an OIDC login's state, nonce and PKCE verifier) ----
  // Keeps `data` under `key` (a caller's prefix, e.g. "oidc/<state>") for `ttl_seconds`.
  Result<bool> PutShortLived(const std::string& key, const std::string& data, int64_t ttl_seconds);
  // The data once: read and deleted in one go; nullopt when missing, expired or already taken.
  std::optional<std::string> TakeShortLived(const std::string& key);

  [[nodiscard]] const AccountSettings& settings() const { return settings_; }
  [[nodiscard]] model::Timestamp Now() const { return clock_(); }

 private:
  // Appends an event to the trail of `id` in `collection` ("account_events", "token_events"): the events are the
  // changes of one document per account or token, whose trail is the store's append-only, hash-chained one.
  void RecordEvent(const std::string& collection, const std::string& id, const std::string& json,
                   const store::Actor& actor, model::Timestamp at) const;
  void RecordSignIn(const std::string& account_id, const std::string& name, const std::string& credential,
                    std::string_view via, const std::string& address) const;
  void RecordSignOut(const std::string& account_id, const std::string& credential) const;
  void RecordLoginFailure(const std::string& account_id, const std::string& address) const;
  void RecordTokenUse(const auth::ApiToken& token, const std::string& account_name) const;
  static constexpr int64_t kTokenUseEverySeconds = 3600;
  // Seconds until `key` may try again; 0 when it may now.
  int64_t Throttled(const std::string& key, int limit, model::Timestamp now) const;
  int64_t Delayed(const std::string& key, model::Timestamp now) const;
  void RecordFailure(const std::string& key, model::Timestamp now);
  void PurgeExpired(model::Timestamp now);

  store::Beside& store_;
  Clock clock_;
  AccountSettings settings_;
  Exists exists_;
  // When each token's use was last put in its trail (at most once an hour each; per instance).
  mutable std::mutex used_mu_;
  mutable std::unordered_map<std::string, int64_t> token_used_at_;
};

}  // namespace ansvar::app
