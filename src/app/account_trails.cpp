// The trails of accounts and API tokens (issue 17): what an admin or the DPO reads to answer "who signed in as
// this account, from where, with which token, and who changed its role". Everything is in the store's document
// trail (append-only, hash-chained): the accounts' and tokens' own changes, and the events of signing in and out,
// failed logins and token uses as the changes of one document per account ("account_events") or token
// ("token_events").
#include <algorithm>

#include "app/account_store.hpp"
#include "app/accounts.hpp"
#include "io/account_json.hpp"
#include "io/json_writer.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kAccountEvents = "account_events";
constexpr std::string_view kTokenEvents = "token_events";
constexpr size_t kMaxBack = 10000;
constexpr int kMaxAttempts = 8;

// The event's name in an event document ({"event":"sign_in",…}, written by EventJson).
std::string EventName(const std::string& json) {
  constexpr std::string_view kKey = "\"event\":\"";
  const auto at = json.find(kKey);
  if (at == std::string::npos) return "event";
  const auto start = at + kKey.size();
  const auto end = json.find('"', start);
  return end == std::string::npos ? "event" : json.substr(start, end - start);
}

std::string EventJson(std::string_view event, std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("event", event);
  for (const auto& [k, v] : fields)
    if (!v.empty()) o.Field(k, v);
  o.EndObject();
  return o.Take();
}

void Collect(store::Beside& store, std::string_view collection, const std::string& id, std::string_view subject,
             bool events, size_t want, std::vector<std::pair<int64_t, TrailEntry>>& out) {
  for (auto& e : store.ReadDocumentAudit(std::string(collection), id, want)) {
    TrailEntry t;
    t.at = e.at;
    t.actor = {e.actor_id, e.actor_name, e.credential};
    t.subject = subject;
    t.subject_id = id;
    if (events) {
      t.action = EventName(e.after_json);
      t.after_json = std::move(e.after_json);
    } else {
      t.action = e.action;
      t.before_json = std::move(e.before_json);
      t.after_json = std::move(e.after_json);
    }
    out.emplace_back(e.seq, std::move(t));
  }
}

TrailPage Page(std::vector<std::pair<int64_t, TrailEntry>> all, size_t offset, size_t limit) {
  // One trail holds them all: its seq orders them.
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  TrailPage page;
  for (size_t i = offset; i < all.size() && page.entries.size() < limit; ++i)
    page.entries.push_back(std::move(all[i].second));
  page.more = all.size() > offset + limit;
  return page;
}

}  // namespace

void Accounts::RecordEvent(const std::string& collection, const std::string& id, const std::string& json,
                           const store::Actor& actor, model::Timestamp at) const {
  for (int attempt = 0;; ++attempt) {
    const auto doc = store_.GetDocument(collection, id);
    try {
      store_.PutDocument(collection, id, json, doc ? std::optional(doc->version) : std::nullopt, actor, at);
      return;
    } catch (const store::ConflictError&) {
      if (attempt + 1 >= kMaxAttempts) throw;  // another event of the same account at the same moment, each time
    }
  }
}

void Accounts::RecordSignIn(const std::string& account_id, const std::string& name, const std::string& credential,
                            std::string_view via, const std::string& address) const {
  RecordEvent(std::string(kAccountEvents), account_id,
              EventJson("sign_in", {{"via", std::string(via)}, {"address", address}}), {account_id, name, credential},
              clock_());
}

void Accounts::RecordSignOut(const std::string& account_id, const std::string& credential) const {
  RecordEvent(std::string(kAccountEvents), account_id, EventJson("sign_out", {}), {account_id, account_id, credential},
              clock_());
}

void Accounts::RecordLoginFailure(const std::string& account_id, const std::string& address) const {
  const std::string who = "anonymous@" + (address.empty() ? std::string("unknown") : address);
  RecordEvent(std::string(kAccountEvents), account_id, EventJson("login_failed", {{"address", address}}),
              {who, "okänd / unknown (" + address + ")", ""}, clock_());
}

void Accounts::RecordTokenUse(const auth::ApiToken& token, const std::string& account_name) const {
  const int64_t now = clock_().seconds();
  {
    std::lock_guard lock(used_mu_);
    auto& last = token_used_at_[token.id];
    if (last != 0 && now - last < kTokenUseEverySeconds) return;
    last = now;
  }
  try {
    RecordEvent(std::string(kTokenEvents), token.id, EventJson("token_used", {{"account", token.account}}),
                {token.account, account_name, TokenCredential(token)}, clock_());
  } catch (const store::ConflictError&) {  // NOLINT(bugprone-empty-catch): others recorded a use at this moment
  }
}

Result<TrailPage> Accounts::AccountTrail(const std::string& raw_id, size_t offset, size_t limit) const {
  auto account = Get(raw_id);
  if (!account.ok()) return account.error();
  const std::string& id = account.value().id;
  const size_t want = std::min(kMaxBack, offset + limit + 1);
  std::vector<std::pair<int64_t, TrailEntry>> all;
  try {
    Collect(store_, internal::kAccounts, id, "account", false, want, all);
    Collect(store_, kAccountEvents, id, "account", true, want, all);
    for (const auto& d : store_.ListDocuments(std::string(internal::kApiTokens))) {
      auto read = io::ReadStoredApiToken(d.json);
      if (!read.problems.empty() || read.value.account != id) continue;
      Collect(store_, internal::kApiTokens, d.id, "token", false, want, all);
      Collect(store_, kTokenEvents, d.id, "token", true, want, all);
    }
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return Page(std::move(all), offset, limit);
}

Result<TrailPage> Accounts::TokenTrail(const std::string& id, size_t offset, size_t limit) const {
  const size_t want = std::min(kMaxBack, offset + limit + 1);
  std::vector<std::pair<int64_t, TrailEntry>> all;
  try {
    if (!store_.GetDocument(std::string(internal::kApiTokens), id))
      return NotFound("API token \"" + id + "\" finns inte / does not exist");
    Collect(store_, internal::kApiTokens, id, "token", false, want, all);
    Collect(store_, kTokenEvents, id, "token", true, want, all);
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return Page(std::move(all), offset, limit);
}

}  // namespace ansvar::app
