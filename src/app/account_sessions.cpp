// Signing in: passwords, sessions, the throttle of failed logins, and short-lived records — all store records, so
// that several instances on one database share them.
//
// A session id and its CSRF token are 32 random bytes each (hex); the record's key is the SHA-256 of the id, so a
// copy of the database does not hold a usable cookie. The record's state is the account (for signing an account
// out everywhere), its time the session's last use (idle expiry), written at most once a minute.
//
// Throttle records hold the recent failures' times (seconds, space-separated) and are updated compare-and-swap, so
// that two instances counting at once lose no failure.
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "app/account_store.hpp"
#include "app/accounts.hpp"
#include "app/cycle_crypto.hpp"
#include "app/password_hash.hpp"
#include "io/account_json.hpp"

namespace ansvar::app {
namespace {

using internal::kSessionPrefix;
using internal::kThrottlePrefix;
using internal::RandomHex;
using internal::Sha256Hex;

constexpr size_t kSecretBytes = 32;
constexpr int kMaxSwapAttempts = 20;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsHex(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

std::string SessionKey(const std::string& session_id) { return std::string(kSessionPrefix) + Sha256Hex(session_id); }
// How the audit trail names a session: a prefix of its key's hash, which tells sessions apart and gives no cookie.
std::string SessionCredential(const std::string& session_id) {
  return "session:" + Sha256Hex(session_id).substr(0, 16);
}

// An account from one address (the space cannot be in an account id).
std::string PairThrottleKey(const std::string& id, const std::string& address) {
  return std::string(kThrottlePrefix) + "pair/" + id + " " + address;
}
std::string AddressThrottleKey(const std::string& address) {
  return std::string(kThrottlePrefix) + "address/" + address;
}

std::vector<int64_t> Failures(const std::string& data) {
  std::vector<int64_t> out;
  std::istringstream in(data);
  for (int64_t t = 0; in >> t;) out.push_back(t);
  return out;
}

std::string FailuresText(const std::vector<int64_t>& times) {
  std::string out;
  for (auto t : times) out += (out.empty() ? "" : " ") + std::to_string(t);
  return out;
}

// Keys a caller may use for a short-lived record: not one of the accounts' own.
bool ReservedKey(const std::string& key) {
  for (std::string_view p : {internal::kPasswordPrefix, internal::kSessionPrefix, internal::kThrottlePrefix})
    if (key.starts_with(p)) return true;
  return key.empty();
}

}  // namespace

std::string GeneratePassword() {
  internal::EnsureSodium();
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out(20, ' ');
  for (auto& c : out) c = kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  return out;
}

void internal::StorePassword(store::Beside& store, const std::string& account, std::string_view password,
                             model::Timestamp at) {
  store.PutRecord({PasswordKey(account), "argon2id", HashPassword(password), at});
}

// ---- The throttle ----

int64_t Accounts::Throttled(const std::string& key, int limit, model::Timestamp now) const {
  const auto record = store_.GetRecord(key);
  if (!record) return 0;
  auto times = Failures(record->data);
  const int64_t window_start = now.seconds() - settings_.throttle_window_seconds;
  std::erase_if(times, [&](int64_t t) { return t <= window_start; });
  if (static_cast<int>(times.size()) < limit) return 0;
  std::sort(times.begin(), times.end());
  // Free again when enough of the failures have left the window to bring the count below the limit.
  const int64_t frees_at = times[times.size() - static_cast<size_t>(limit)] + settings_.throttle_window_seconds;
  return std::max<int64_t>(1, frees_at - now.seconds());
}

// Growing delays for one account from one address.
int64_t Accounts::Delayed(const std::string& key, model::Timestamp now) const {
  const auto record = store_.GetRecord(key);
  if (!record) return 0;
  auto times = Failures(record->data);
  const int64_t window_start = now.seconds() - settings_.throttle_window_seconds;
  std::erase_if(times, [&](int64_t t) { return t <= window_start; });
  const int over = static_cast<int>(times.size()) - settings_.pair_free_failures;
  if (over <= 0) return 0;
  const int64_t delay =
      std::min(settings_.pair_max_delay_seconds, settings_.pair_base_delay_seconds << std::min(over - 1, 30));
  const int64_t last = *std::max_element(times.begin(), times.end());
  return std::max<int64_t>(0, last + delay - now.seconds());
}

void Accounts::RecordFailure(const std::string& key, model::Timestamp now) {
  const int64_t window_start = now.seconds() - settings_.throttle_window_seconds;
  for (int attempt = 0; attempt < kMaxSwapAttempts; ++attempt) {
    const auto record = store_.GetRecord(key);
    if (!record) {
      if (store_.RecordOnce({key, "failures", std::to_string(now.seconds()), now})) return;
      continue;
    }
    auto times = Failures(record->data);
    std::erase_if(times, [&](int64_t t) { return t <= window_start; });
    times.push_back(now.seconds());
    // Bounded: more than the larger limit tells nothing more.
    if (times.size() > 200) times.erase(times.begin(), times.end() - 200);
    if (store_.SwapRecord(*record, {key, "failures", FailuresText(times), now})) return;
  }
}

// ---- Logging in ----

LoginResult Accounts::Login(const std::string& raw_id, const std::string& password, const std::string& address) {
  const model::Timestamp now = clock_();
  const std::string id = Lower(raw_id);
  // Only names that could be accounts get a throttle record of their own; any other is refused by its address's.
  const bool plausible = ValidAccountId(id);
  const std::string from = address.empty() ? "unknown" : address;
  const std::string address_key = AddressThrottleKey(from);
  const std::string pair_key = PairThrottleKey(plausible ? id : "-", from);

  LoginResult out;
  const int64_t wait =
      std::max(Throttled(address_key, settings_.address_failures, now), plausible ? Delayed(pair_key, now) : 0);
  if (wait > 0) {
    out.outcome = LoginOutcome::kThrottled;
    out.retry_after_seconds = wait;
    return out;
  }

  std::optional<auth::Account> account;
  std::optional<store::Record> hash;
  if (plausible) {
    if (const auto doc = store_.GetDocument(std::string(internal::kAccounts), id)) {
      auto read = io::ReadStoredAccount(doc->json);
      if (read.problems.empty() && !read.value.disabled) account = std::move(read.value);
    }
    if (account) hash = store_.GetRecord(internal::PasswordKey(id));
  }
  bool ok = false;
  if (account && hash)
    ok = internal::VerifyPassword(password, hash->data);
  else
    internal::VerifyNothing(password);
  if (!ok) {
    RecordFailure(address_key, now);
    if (plausible) RecordFailure(pair_key, now);
    if (account) RecordLoginFailure(id, from);  // in the trail of an account that exists (a guessed name has none)
    out.outcome = LoginOutcome::kRefused;
    return out;
  }
  store_.DeleteRecord(pair_key);  // this account's count from this address starts again; the address's stays
  if (internal::NeedsRehash(hash->data)) internal::StorePassword(store_, id, password, now);
  auto session = CreateSession(id, auth::SignIn::kPassword, address);
  if (!session.ok()) throw store::StoreError(session.error().detail);
  out.outcome = LoginOutcome::kSignedIn;
  out.account = std::move(account);
  out.session = std::move(session.value());
  return out;
}

// ---- Sessions ----

Result<NewSession> Accounts::CreateSession(const std::string& account_id, auth::SignIn via,
                                           const std::string& address) {
  auto account = Get(account_id);
  if (!account.ok()) return account.error();
  if (account.value().disabled)
    return Error{ErrorCode::kConflict, "Kontot är avstängt / Account disabled", "the account is disabled", {}};
  const model::Timestamp now = clock_();
  NewSession s;
  s.id = RandomHex(kSecretBytes);
  s.csrf = RandomHex(kSecretBytes);
  s.session = {account.value().id, s.csrf, now,
               model::Timestamp::FromSeconds(now.seconds() + settings_.session_absolute_seconds), via};
  try {
    PurgeExpired(now);
    if (!store_.RecordOnce({SessionKey(s.id), account.value().id, io::WriteStoredSession(s.session), now}))
      return Error{ErrorCode::kConflict, "Konflikt / Conflict", "a session id was drawn twice", {}};
    RecordSignIn(account.value().id, account.value().name, SessionCredential(s.id),
                 via == auth::SignIn::kOidc ? "oidc" : "password", address);
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return s;
}

std::optional<Authenticated> Accounts::FromSession(const std::string& session_id) {
  if (!IsHex(session_id, kSecretBytes * 2)) return std::nullopt;
  const std::string key = SessionKey(session_id);
  const auto record = store_.GetRecord(key);
  if (!record) return std::nullopt;
  auto read = io::ReadStoredSession(record->data);
  const model::Timestamp now = clock_();
  if (!read.problems.empty() || now >= read.value.expires_at ||
      now.seconds() - record->at.seconds() >= settings_.session_idle_seconds) {
    store_.DeleteRecord(key);
    return std::nullopt;
  }
  const auto doc = store_.GetDocument(std::string(internal::kAccounts), read.value.account);
  if (!doc) return std::nullopt;
  auto account = io::ReadStoredAccount(doc->json);
  if (!account.problems.empty() || account.value.disabled) return std::nullopt;
  if (now.seconds() - record->at.seconds() >= settings_.session_touch_seconds) {
    store::Record touched = *record;
    touched.at = now;
    store_.SwapRecord(*record, touched);  // lost to a concurrent touch: as good
  }
  return Authenticated{std::move(account.value), std::move(read.value), {}, SessionCredential(session_id)};
}

void Accounts::EndSession(const std::string& session_id) {
  if (!IsHex(session_id, kSecretBytes * 2)) return;
  const auto record = store_.GetRecord(SessionKey(session_id));
  if (store_.DeleteRecord(SessionKey(session_id)) && record)
    RecordSignOut(record->state, SessionCredential(session_id));
}

size_t Accounts::EndSessionsOf(const std::string& account_id) {
  size_t n = 0;
  for (const auto& r : store_.ListRecords(std::string(kSessionPrefix)))
    if (r.state == account_id && store_.DeleteRecord(r.key)) ++n;
  return n;
}

// Sessions idle too long and throttle records whose failures have all left the window: removed when a session is
// created. (A failure counted between the listing and the delete is lost: at most one, rarely.)
void Accounts::PurgeExpired(model::Timestamp now) {
  for (const auto& r : store_.ListRecords(std::string(kSessionPrefix)))
    if (now.seconds() - r.at.seconds() >= settings_.session_idle_seconds) store_.DeleteRecord(r.key);
  for (const auto& r : store_.ListRecords(std::string(kThrottlePrefix)))
    if (now.seconds() - r.at.seconds() > settings_.throttle_window_seconds) store_.DeleteRecord(r.key);
}

// ---- Short-lived records ----

Result<bool> Accounts::PutShortLived(const std::string& key, const std::string& data, int64_t ttl_seconds) {
  if (ReservedKey(key)) return BadRequest("the key \"" + key + "\" is reserved");
  try {
    // Those of the same family ("oidc/…") that were never taken (an abandoned sign-in) go when they have expired.
    const auto now = clock_();
    if (const auto slash = key.find('/'); slash != std::string::npos)
      for (const auto& r : store_.ListRecords(key.substr(0, slash + 1)))
        if (r.state == "short-lived" && now >= r.at) store_.DeleteRecord(r.key);
    store_.PutRecord({key, "short-lived", data, model::Timestamp::FromSeconds(now.seconds() + ttl_seconds)});
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return true;
}

std::optional<std::string> Accounts::TakeShortLived(const std::string& key) {
  if (ReservedKey(key)) return std::nullopt;
  try {
    const auto record = store_.GetRecord(key);
    if (!record || record->state != "short-lived") return std::nullopt;
    // Whoever deletes it takes it: a second caller (a replayed callback) finds nothing.
    if (!store_.DeleteRecord(key)) return std::nullopt;
    if (clock_() >= record->at) return std::nullopt;
    return record->data;
  } catch (const store::StoreError&) {
    return std::nullopt;
  }
}

}  // namespace ansvar::app
