#include "http/cycle_routes.hpp"

#include <charconv>
#include <memory>

#include "app/cycle_service.hpp"
#include "http/access.hpp"
#include "http/answers.hpp"
#include "http/problem.hpp"
#include "io/atom.hpp"
#include "io/icalendar.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {
namespace {

const char* const kBad = "Felaktig begäran / Bad request";

bool ParseVersion(std::string text, int64_t& out) {
  if (text.starts_with("W/")) text = text.substr(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && !text.empty();
}

std::optional<Response> RequireJson(const Request& r) {
  const std::string type = r.Header("content-type");
  if (type.starts_with("application/json") || type.find("+json") != std::string::npos) return std::nullopt;
  return Problem(415, "Fel innehållstyp / Unsupported media type", "send the body as application/json", r.path);
}

// If-Match for a message: required; "*" takes whatever is current.
std::optional<Response> IfMatch(const Request& r, app::CycleService& cycle, int64_t& version) {
  const std::string header = r.Header("if-match");
  if (header.empty())
    return Problem(app::Error{app::ErrorCode::kPreconditionRequired,
                              "If-Match krävs / If-Match required",
                              "send If-Match with the ETag you read, so that no one else's change is lost",
                              {}},
                   r.path);
  if (header == "*") {
    auto current = cycle.GetMessage(r.params.at("id"));
    if (!current.ok()) return Problem(current.error(), r.path);
    version = current.value().version;
    return std::nullopt;
  }
  if (!ParseVersion(header, version))
    return Problem(400, "Felaktig If-Match / Bad If-Match", "If-Match must be an ETag this server gave", r.path);
  return std::nullopt;
}

std::optional<Response> DateParam(const Request& r, const char* name, std::optional<model::Date>& out) {
  const auto text = r.Query(name);
  if (text.empty()) return std::nullopt;
  if (!(out = model::ParseDate(text)))
    return Problem(400, kBad, std::string(name) + ": expected a date YYYY-MM-DD", r.path);
  return std::nullopt;
}

app::MessageQuery MessageQueryOf(const Request& r) {
  app::MessageQuery q;
  q.published_only = r.Query("published") == "true";
  q.administration = r.Query("administration");
  q.system = r.Query("system");
  return q;
}

}  // namespace

void AddCycleRoutes(Router& router, app::RegisterService& service, std::shared_ptr<const PublicLinks> links) {
  auto cycle = std::make_shared<app::CycleService>(service);

  router.Add({"GET",
              "/api/v1/due",
              "What falls due under the rulebook (the annual cycle): per person, administration, committee, "
              "organization and state; from/to default to today and 90 days on",
              "cycle",
              {"from", "to", "person", "administration", "committee", "organization", "state", "lang"},
              "",
              "",
              200,
              [cycle](Request& r) {
                app::DueQuery q;
                if (auto bad = DateParam(r, "from", q.from)) return *bad;
                if (auto bad = DateParam(r, "to", q.to)) return *bad;
                q.person = r.Query("person"), q.administration = r.Query("administration");
                q.committee = r.Query("committee"), q.organization = r.Query("organization");
                if (const auto s = r.Query("state"); !s.empty() && !(q.state = rules::ParseDueState(s)))
                  return Problem(400, kBad, "state: upcoming, due, overdue or done", r.path);
                q.lang = r.Query("lang") == "en" ? rules::Lang::kEn : rules::Lang::kSv;
                return Answer(cycle->SelectDue(q), r);
              }});

  router.Add({"GET",
              "/api/v1/calendar/tokens",
              "The scopes that have a calendar feed, with when its token was issued (never the token)",
              "cycle",
              {},
              "",
              "",
              200,
              [cycle](Request& r) { return Answer(cycle->ListCalendarTokens(), r); }});
  router.Add({"POST",
              "/api/v1/calendar/tokens",
              "Create or rotate the secret feed URL of a person, administration or organization: {scope, id}; the "
              "token is shown once and an earlier one stops working",
              "cycle",
              {},
              "",
              "",
              201,
              [cycle, links](Request& r) {
                if (auto bad = RequireJson(r)) return *bad;
                const auto req = io::ReadTokenRequest(r.body);
                if (!req.problems.empty())
                  return Problem(app::Invalid("the request is not valid", req.problems), r.path);
                const auto scope = app::ParseCalendarScope(req.scope);
                if (!scope) return Problem(400, kBad, "scope: person, administration or organization", r.path);
                auto issued = cycle->IssueCalendarToken({*scope, req.id}, ActorOf(r));
                if (!issued.ok()) return Problem(issued.error(), r.path);
                const auto& t = issued.value();
                const std::string path = "/api/v1/calendar/" + t.token + ".ics";
                const std::string& base = links->base;
                io::JsonWriter o(false);
                o.BeginObject();
                o.Field("scope", app::ToString(t.target.scope));
                o.Field("id", t.target.id);
                o.Field("token", t.token);
                o.Field("issued_at", model::FormatTimestamp(t.issued_at));
                o.Field("path", path);
                o.Field("url", base + path);
                if (base.starts_with("http://"))
                  o.Field("webcal", "webcal://" + base.substr(7) + path);
                else if (base.starts_with("https://"))
                  o.Field("webcal", "webcal://" + base.substr(8) + path);
                o.EndObject();
                Response resp = Json(o.Take(), 201);
                resp.headers.push_back({"Cache-Control", "no-store"});
                return resp;
              }});
  router.Add({"DELETE",
              "/api/v1/calendar/tokens",
              "Revoke the feed of a scope (scope, id)",
              "cycle",
              {"scope", "id"},
              "",
              "",
              204,
              [cycle](Request& r) {
                const auto scope = app::ParseCalendarScope(r.Query("scope"));
                if (!scope || r.Query("id").empty())
                  return Problem(400, kBad, "scope (person, administration or organization) and id are required",
                                 r.path);
                auto result = cycle->RevokeCalendarToken({*scope, r.Query("id")}, ActorOf(r));
                if (!result.ok()) return Problem(result.error(), r.path);
                return Response{204, "application/json", "", {}};
              }});
  router.Add({"GET",
              "/api/v1/calendar/{feed}",
              "A calendar feed (iCalendar, RFC 5545): the path is the secret token followed by .ics",
              "cycle",
              {},
              "",
              "",
              200,
              [cycle, links](Request& r) {
                const std::string& feed = r.params.at("feed");
                if (!feed.ends_with(".ics"))
                  return Problem(404, "Finns inte / Not found", "the calendar does not exist", "/api/v1/calendar/");
                auto ics = cycle->CalendarFeed(feed.substr(0, feed.size() - 4), links->base);
                // The token is the secret: the path must not show up in logs as a problem with it, so a wrong one is
                // a plain 404 like any unknown path.
                if (!ics.ok()) return Problem(ics.error(), "/api/v1/calendar/");
                Response resp{200, "text/calendar; charset=utf-8", io::WriteICalendar(ics.value()), {}};
                resp.headers.push_back({"Cache-Control", "private, max-age=300"});
                resp.headers.push_back({"Content-Disposition", "inline; filename=\"ansvar.ics\""});
                return resp;
              }});

  router.Add({"GET",
              "/api/v1/messages.atom",
              "The published operational messages as an Atom feed (RFC 4287)",
              "messages",
              {"administration", "system"},
              "",
              "",
              200,
              [cycle, links](Request& r) {
                auto atom = cycle->MessagesAtom(MessageQueryOf(r), links->base);
                if (!atom.ok()) return Problem(atom.error(), r.path);
                return Response{200, "application/atom+xml; charset=utf-8", io::WriteAtom(atom.value()), {}};
              }});
  router.Add({"GET",
              "/api/v1/messages",
              "Operational messages (driftinformation): type, priority, status with colour and text, target group; "
              "published=true: what is shown now",
              "messages",
              {"published", "administration", "system"},
              "",
              "",
              200,
              [cycle](Request& r) { return Answer(cycle->ListMessages(MessageQueryOf(r)), r); }});
  router.Add(
      {"POST", "/api/v1/messages", "Publish an operational message", "messages", {}, "", "", 201, [cycle](Request& r) {
         if (auto bad = RequireJson(r)) return *bad;
         auto result = cycle->CreateMessage(r.body, ActorOf(r));
         auto resp = Answer(result, r, 201);
         if (result.ok()) resp.headers.push_back({"Location", "/api/v1/messages/" + result.value().id});
         return resp;
       }});
  router.Add({"GET",
              "/api/v1/messages/{id}",
              "Read an operational message (ETag: its version)",
              "messages",
              {},
              "",
              "",
              200,
              [cycle](Request& r) { return Answer(cycle->GetMessage(r.params.at("id")), r); }});
  router.Add({"PUT",
              "/api/v1/messages/{id}",
              "Replace an operational message (If-Match required); \"taken_down\": true takes it down",
              "messages",
              {},
              "",
              "",
              200,
              [cycle](Request& r) {
                if (auto bad = RequireJson(r)) return *bad;
                int64_t version = 0;
                if (auto bad = IfMatch(r, *cycle, version)) return *bad;
                return Answer(cycle->ReplaceMessage(r.params.at("id"), r.body, version, ActorOf(r)), r);
              }});
  router.Add({"DELETE",
              "/api/v1/messages/{id}",
              "Delete an operational message (If-Match required)",
              "messages",
              {},
              "",
              "",
              204,
              [cycle](Request& r) {
                int64_t version = 0;
                if (auto bad = IfMatch(r, *cycle, version)) return *bad;
                auto result = cycle->DeleteMessage(r.params.at("id"), version, ActorOf(r));
                if (!result.ok()) return Problem(result.error(), r.path);
                return Response{204, "application/json", "", {}};
              }});
  router.Add({"GET",
              "/api/v1/messages/{id}/history",
              "The changes of an operational message (its own audit trail)",
              "messages",
              {},
              "",
              "",
              200,
              [cycle](Request& r) { return Answer(cycle->MessageHistory(r.params.at("id")), r); }});
}

}  // namespace ansvar::http
