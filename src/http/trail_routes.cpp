#include "http/trail_routes.hpp"

#include <charconv>
#include <string>

#include "app/accounts.hpp"
#include "http/problem.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {
namespace {

constexpr size_t kDefaultLimit = 100;
constexpr size_t kMaxLimit = 1000;
constexpr size_t kMaxOffset = 9000;

bool ParseCount(const std::string& text, size_t& out) {
  if (text.empty()) return true;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end;
}

Response TrailJson(const app::TrailPage& page, size_t offset, size_t limit) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Key("entries");
  o.BeginArray();
  for (const auto& e : page.entries) {
    o.BeginObject();
    o.Field("at", model::FormatTimestamp(e.at));
    o.Key("actor");
    o.BeginObject();
    o.Field("id", e.actor.id);
    o.Field("name", e.actor.name);
    o.Field("credential", e.actor.credential);
    if (const auto issuer = app::CredentialIssuer(e.actor.credential); !issuer.empty()) o.Field("issued_by", issuer);
    o.EndObject();
    o.Field("subject", e.subject);
    o.Field("subject_id", e.subject_id);
    o.Field("action", e.action);
    o.Key("before");
    if (e.before_json.empty())
      o.Null();
    else
      o.Raw(e.before_json);
    o.Key("after");
    if (e.after_json.empty())
      o.Null();
    else
      o.Raw(e.after_json);
    o.EndObject();
  }
  o.EndArray();
  o.Field("offset", int64_t(offset));
  o.Field("limit", int64_t(limit));
  o.Field("more", page.more);
  o.EndObject();
  return Json(o.Take());
}

template <class Read>
Response Trail(Request& r, Read&& read) {
  size_t offset = 0, limit = kDefaultLimit;
  if (!ParseCount(r.Query("offset"), offset) || offset > kMaxOffset)
    return Problem(400, "Felaktig begäran / Bad request", "offset: a whole number up to 9000", r.path);
  if (!ParseCount(r.Query("limit"), limit) || limit == 0 || limit > kMaxLimit)
    return Problem(400, "Felaktig begäran / Bad request", "limit: a whole number from 1 to 1000", r.path);
  const auto page = read(offset, limit);
  if (!page.ok()) return Problem(page.error(), r.path);
  return TrailJson(page.value(), offset, limit);
}

}  // namespace

void AddTrailRoutes(Router& router, app::Accounts& accounts) {
  router.Add({"GET",
              "/api/v1/accounts/{id}/trail",
              "An account's trail (admin, DPO): its changes (role, disabled), sign-ins, sign-outs, failed logins, and "
              "its API tokens' creation, revocation and use; newest first, paged (offset, limit)",
              "accounts",
              {"offset", "limit"},
              "",
              "",
              200,
              [&accounts](Request& r) {
                return Trail(r, [&](size_t offset, size_t limit) {
                  return accounts.AccountTrail(r.params.at("id"), offset, limit);
                });
              }});
  router.Add({"GET",
              "/api/v1/tokens/{id}/trail",
              "An API token's trail (admin, DPO): its creation (by whom, for whom), revocation and use; newest first, "
              "paged (offset, limit)",
              "tokens",
              {"offset", "limit"},
              "",
              "",
              200,
              [&accounts](Request& r) {
                return Trail(r, [&](size_t offset, size_t limit) {
                  return accounts.TokenTrail(r.params.at("id"), offset, limit);
                });
              }});
}

}  // namespace ansvar::http
