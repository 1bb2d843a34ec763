#include "http/api.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <memory>

#include "app/cycle_service.hpp"
#include "http/access.hpp"
#include "http/answers.hpp"
#include "http/client_address.hpp"
#include "http/cooperation_routes.hpp"
#include "http/cycle_routes.hpp"
#include "http/decision_routes.hpp"
#include "http/incident_routes.hpp"
#include "http/log.hpp"
#include "http/measure_routes.hpp"
#include "http/oidc_routes.hpp"
#include "http/page_routes.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"
#include "http/trail_routes.hpp"
#include "io/json_writer.hpp"
#include "io/register_writer.hpp"
#include "rules/catalog.hpp"

namespace ansvar::http {
namespace {

using app::Kind;

struct Collection {
  const char* path;  // the URL segment, as the register format names the collection
  Kind kind;
  const char* schema;
};

constexpr Collection kCollections[] = {
    {"organizations", Kind::kOrganization, "Organization"},
    {"committees", Kind::kCommittee, "Committee"},
    {"administrations", Kind::kAdministration, "Administration"},
    {"people", Kind::kPerson, "Person"},
    {"systems", Kind::kSystem, "System"},
    {"delegations", Kind::kDelegation, "Delegation"},
    {"powers_of_attorney", Kind::kPowerOfAttorney, "PowerOfAttorney"},
    {"processing_activities", Kind::kProcessingActivity, "ProcessingActivity"},
    {"processor_records", Kind::kProcessorRecord, "ProcessorRecord"},
    {"incidents", Kind::kIncident, "Incident"},
    {"data_subject_requests", Kind::kDataSubjectRequest, "DataSubjectRequest"},
    {"agreements", Kind::kAgreement, "Agreement"},
    {"cooperations", Kind::kCooperation, "Cooperation"},
    {"dpa_decisions", Kind::kDpaDecision, "DpaDecision"},
};

bool ParseSize(const std::string& text, size_t& out) {
  if (text.empty()) return true;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end;
}

bool ParseVersion(std::string text, int64_t& out) {
  if (text.starts_with("W/")) text = text.substr(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && !text.empty();
}

bool IsJson(const Request& r) {
  const std::string type = r.Header("content-type");
  return type.starts_with("application/json") || (type.find("+json") != std::string::npos);
}

std::optional<Response> RequireJson(const Request& r) {
  if (IsJson(r)) return std::nullopt;
  return Problem(415, "Fel innehållstyp / Unsupported media type", "send the body as application/json", r.path);
}

// The version the client changes: If-Match is required for PUT and DELETE ("*": whatever is current).
std::optional<Response> IfMatch(const Request& r, app::RegisterService& service, Kind kind, int64_t& version) {
  const std::string header = r.Header("if-match");
  if (header.empty())
    return Problem(app::Error{app::ErrorCode::kPreconditionRequired,
                              "If-Match krävs / If-Match required",
                              "send If-Match with the ETag you read, so that no one else's change is lost",
                              {}},
                   r.path);
  if (header == "*") {
    auto current = service.Get(kind, r.params.at("id"));
    if (!current.ok()) return Problem(current.error(), r.path);
    version = current.value().version;
    return std::nullopt;
  }
  if (!ParseVersion(header, version))
    return Problem(400, "Felaktig If-Match / Bad If-Match", "If-Match must be an ETag this server gave", r.path);
  return std::nullopt;
}

std::optional<model::Timestamp> ParseInstant(const std::string& text) { return model::ParseDateOrTimestamp(text); }

void AddCollectionRoutes(Router& router, app::RegisterService& service, const Collection& c) {
  const std::string base = std::string("/api/v1/") + c.path;
  const std::string tag = c.path;
  router.Add({"GET",
              base,
              std::string("List ") + c.path + " (filters, free text q, limit/offset paging)",
              tag,
              {"q", "category", "scope", "lifecycle", "administration", "committee", "person", "limit", "offset"},
              "",
              "Page",
              200,
              [&service, c](Request& r) {
                app::ListQuery q;
                q.q = r.Query("q"), q.category = r.Query("category"), q.scope = r.Query("scope");
                q.lifecycle = r.Query("lifecycle"), q.administration = r.Query("administration");
                q.committee = r.Query("committee"), q.person = r.Query("person");
                if (!ParseSize(r.Query("limit"), q.limit) || !ParseSize(r.Query("offset"), q.offset))
                  return Problem(400, "Felaktig begäran / Bad request", "limit and offset are whole numbers", r.path);
                return Answer(service.List(c.kind, q), r);
              }});
  router.Add({"POST",
              base,
              std::string("Create one of ") + c.path,
              tag,
              {},
              c.schema,
              c.schema,
              201,
              [&service, c, base](Request& r) {
                if (auto bad = RequireJson(r)) return *bad;
                auto result = service.Create(c.kind, r.body, ActorOf(r));
                auto response = Answer(result, r, 201);
                if (result.ok()) response.headers.push_back({"Location", base + "/" + result.value().id});
                return response;
              }});
  router.Add({"GET",
              base + "/{id}",
              std::string("Read one of ") + c.path + " (ETag: its version)",
              tag,
              {},
              "",
              c.schema,
              200,
              [&service, c](Request& r) { return Answer(service.Get(c.kind, r.params.at("id")), r); }});
  router.Add({"PUT",
              base + "/{id}",
              std::string("Replace one of ") + c.path + " (If-Match required)",
              tag,
              {},
              c.schema,
              c.schema,
              200,
              [&service, c](Request& r) {
                if (auto bad = RequireJson(r)) return *bad;
                int64_t version = 0;
                if (auto bad = IfMatch(r, service, c.kind, version)) return *bad;
                return Answer(service.Replace(c.kind, r.params.at("id"), r.body, version, ActorOf(r)), r);
              }});
  router.Add({"DELETE",
              base + "/{id}",
              std::string("Delete one of ") + c.path +
                  " (If-Match required; a person's roles: roles=remove or roles=reassign&reassign_to=ID)",
              tag,
              {"roles", "reassign_to"},
              "",
              "",
              204,
              [&service, c](Request& r) {
                int64_t version = 0;
                if (auto bad = IfMatch(r, service, c.kind, version)) return *bad;
                app::DeleteOptions options;
                const std::string roles = r.Query("roles");
                if (roles == "remove")
                  options.roles = app::RolePolicy::kRemove;
                else if (roles == "reassign")
                  options.roles = app::RolePolicy::kReassign, options.reassign_to = r.Query("reassign_to");
                else if (!roles.empty())
                  return Problem(400, "Felaktig begäran / Bad request", "roles must be remove or reassign", r.path);
                auto result = service.Delete(c.kind, r.params.at("id"), version, options, ActorOf(r));
                if (!result.ok()) return Problem(result.error(), r.path);
                return Response{204, "application/json", "", {}};
              }});
}

std::string RulesJson() {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Key("rules");
  o.BeginArray();
  for (const auto& r : rules::AllRules()) {
    o.BeginObject();
    o.Field("id", r.code);
    o.Field("severity", rules::ToString(r.severity));
    o.Field("title_sv", r.title_sv);
    o.Field("title_en", r.title_en);
    o.Field("text_sv", r.text_sv);
    o.Field("text_en", r.text_en);
    o.Field("source", r.source);
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
  return o.Take();
}

// The breaches the signed-in account may read (app/breach_access.hpp); none when nobody is signed in.
app::BreachAccess BreachAccessOf(const Request& r) {
  if (!r.who) return {};
  return app::BreachAccessOf(r.who->account.role, r.who->account.administration);
}

}  // namespace

std::optional<app::Kind> KindOfCollectionPath(std::string_view segment) {
  for (const auto& c : kCollections)
    if (segment == c.path) return c.kind;
  return std::nullopt;
}

void AddApiRoutes(Router& router, app::RegisterService& service) {
  router.Add({"GET",
              "/api/v1/health",
              "Liveness and the size of the register",
              "service",
              {},
              "",
              "",
              200,
              [&service](Request&) {
                return Json("{\"status\":\"ok\",\"systems\":" + std::to_string(service.Count(Kind::kSystem)) + "}");
              }});
  router.Add({"GET",
              "/api/v1/rules",
              "The rule catalogue: ids, severities, texts in Swedish and English, sources",
              "rules",
              {},
              "",
              "",
              200,
              [](Request&) { return Json(RulesJson()); }});
  router.Add({"GET",
              "/api/v1/register",
              "Export the whole register (ansvar-register/1); as_of: as it stood then",
              "register",
              {"as_of"},
              "",
              "Register",
              200,
              [&service](Request& r) {
                const auto access = BreachAccessOf(r);  // issue 15: the breaches the asker may read, no others
                const std::string as_of = r.Query("as_of");
                if (as_of.empty()) return Json(service.ExportRegister(access));
                const auto t = ParseInstant(as_of);
                if (!t)
                  return Problem(400, "Felaktig begäran / Bad request",
                                 "as_of: expected a date or an RFC 3339 timestamp", r.path);
                auto reg = service.RegisterAsOf(*t);
                if (!reg.ok()) return Problem(reg.error(), r.path);
                service.KeepReadableBreaches(reg.value(), access);
                return Json(io::WriteRegister(reg.value()));
              }});
  router.Add({"PUT",
              "/api/v1/register",
              "Replace the whole register atomically after validating all of it",
              "register",
              {},
              "Register",
              "ImportSummary",
              200,
              [&service](Request& r) {
                if (auto bad = RequireJson(r)) return *bad;
                return Answer(service.ImportRegister(r.body, ActorOf(r)), r);
              }});
  router.Add({"GET",
              "/api/v1/findings",
              "Live findings of the rules, filtered and paged",
              "findings",
              {"severity", "rule", "subject_type", "subject", "administration", "committee", "as_of", "lang", "limit",
               "offset"},
              "",
              "Findings",
              200,
              [&service](Request& r) {
                app::FindingsQuery q;
                if (const auto s = r.Query("severity"); !s.empty() && !(q.severity = rules::ParseSeverity(s)))
                  return Problem(400, "Felaktig begäran / Bad request", "severity: error, warning or info", r.path);
                q.rule = r.Query("rule"), q.subject_type = r.Query("subject_type"), q.subject_id = r.Query("subject");
                q.administration = r.Query("administration"), q.committee = r.Query("committee");
                q.lang = r.Query("lang") == "en" ? rules::Lang::kEn : rules::Lang::kSv;
                if (const auto a = r.Query("as_of"); !a.empty() && !(q.as_of = ParseInstant(a)))
                  return Problem(400, "Felaktig begäran / Bad request",
                                 "as_of: expected a date or an RFC 3339 timestamp", r.path);
                if (!ParseSize(r.Query("limit"), q.limit) || !ParseSize(r.Query("offset"), q.offset))
                  return Problem(400, "Felaktig begäran / Bad request", "limit and offset are whole numbers", r.path);
                return Answer(service.Findings(q), r);
              }});
  router.Add({"GET",
              "/api/v1/findings/summary",
              "Findings counted by severity per group (group_by)",
              "findings",
              {"group_by", "as_of"},
              "",
              "",
              200,
              [&service](Request& r) {
                std::optional<model::Timestamp> as_of;
                if (const auto a = r.Query("as_of"); !a.empty() && !(as_of = ParseInstant(a)))
                  return Problem(400, "Felaktig begäran / Bad request",
                                 "as_of: expected a date or an RFC 3339 timestamp", r.path);
                const auto group_by = r.Query("group_by");
                return Answer(service.FindingsSummary(group_by.empty() ? "severity" : group_by, as_of), r);
              }});
  router.Add({"GET",
              "/api/v1/rulebook",
              "The effective rulebook: the tables and numbers the rules use (with organization: that organization's, "
              "its own overrides applied)",
              "rules",
              {"organization"},
              "",
              "",
              200,
              [&service](Request& r) { return Answer(service.EffectiveRulebook(r.Query("organization")), r); }});
  router.Add({"GET",
              "/api/v1/findings/trend",
              "Findings summary week by week: the register as it stood, checked then",
              "findings",
              {"weeks"},
              "",
              "",
              200,
              [&service](Request& r) {
                size_t weeks = 12;
                if (!ParseSize(r.Query("weeks"), weeks) || weeks > 104)
                  return Problem(400, "Felaktig begäran / Bad request", "weeks: a whole number up to 104", r.path);
                return Answer(service.Trend(static_cast<int>(weeks)), r);
              }});
  router.Add(
      {"GET",
       "/api/v1/systems/{id}/responsibilities",
       "Who is responsible for the system and why: derived fields with the delegation and power-of-attorney chain",
       "systems",
       {},
       "",
       "Responsibilities",
       200,
       [&service](Request& r) { return Answer(service.Responsibilities(r.params.at("id")), r); }});
  router.Add(
      {"GET",
       "/api/v1/audit",
       "The audit trail: who changed what, when, before and after",
       "audit",
       {"entity_type", "entity_id", "actor", "from", "to", "limit"},
       "",
       "Audit",
       200,
       [&service](Request& r) {
         store::AuditFilter f;
         if (const auto t = r.Query("entity_type"); !t.empty() && !(f.kind = store::ParseKind(t)))
           return Problem(400, "Felaktig begäran / Bad request", "entity_type: unknown type \"" + t + "\"", r.path);
         if (const auto id = r.Query("entity_id"); !id.empty()) f.entity_id = id;
         if (const auto a = r.Query("actor"); !a.empty()) f.actor_id = a;
         for (auto [name, slot] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
           const auto text = r.Query(name);
           if (text.empty()) continue;
           if (!(*slot = ParseInstant(text)))
             return Problem(400, "Felaktig begäran / Bad request", std::string(name) + ": expected a date or timestamp",
                            r.path);
         }
         // limit=0 ("all of it") is refused: the whole trail is paged (issue 17).
         if (!ParseSize(r.Query("limit"), f.limit) || f.limit == 0 || f.limit > 10000)
           return Problem(400, "Felaktig begäran / Bad request", "limit: a whole number from 1 to 10000", r.path);
         auto entries = service.Audit(f);
         // Issue 15: a breach's images only for those who may read it; the entry keeps its place in the trail.
         if (entries.ok()) service.RedactBreaches(entries.value(), BreachAccessOf(r));
         return Answer(entries, r);
       }});
  router.Add({"GET",
              "/api/v1/audit/verify",
              "Recompute the audit trail's hash chain",
              "audit",
              {},
              "",
              "",
              200,
              [&service](Request&) {
                const auto v = service.VerifyAudit();
                io::JsonWriter o(false);
                o.BeginObject();
                o.Field("ok", v.ok);
                o.Field("entries", v.entries);
                o.Key("first_bad_seq");
                if (v.first_bad_seq)
                  o.Int(*v.first_bad_seq);
                else
                  o.Null();
                o.Field("reason", v.reason);
                o.EndObject();
                return Json(o.Take());
              }});
  for (const auto& c : kCollections) AddCollectionRoutes(router, service, c);
  AddImportExportRoutes(router, service);
  AddIncidentRoutes(router, service);  // breaches: intake, own reports, task list, notification, statistics
}

Handler MakeHandler(app::RegisterService& service, ApiOptions options) {
  auto router = std::make_shared<Router>();
  // Accounts, sessions and tokens live beside the register in the same store (app/accounts.hpp); the access
  // middleware runs before every route (http/access.hpp).
  auto accounts = std::make_shared<app::Accounts>(app::CycleService(service).Store(),
                                                  [&service] { return app::CycleService(service).Now(); });
  accounts->SetReferenceCheck([&service](app::Kind kind, const std::string& id) { return service.Get(kind, id).ok(); });
  auto access = std::make_shared<Access>(service, *accounts, options);
  AddAuthRoutes(*router, *accounts, options);
  AddTrailRoutes(*router, *accounts);          // the trails of accounts and API tokens (trail_routes.hpp)
  AddOidcRoutes(*router, *accounts, options);  // when options.sso is set
  AddApiRoutes(*router, service);
  AddCycleRoutes(*router, service, options.links);    // the annual cycle: due items, calendars, operational messages
  AddPageRoutes(*router, service, *accounts);         // aggregated reads for the web pages (page_routes.hpp)
  AddCooperationRoutes(*router, service, *accounts);  // cooperations, rulebook sources, the public essence
  AddDecisionRoutes(*router, service, *accounts);     // decisions, reports, approvals, tasks (decision_routes.hpp)
  AddMeasureRoutes(*router, service, *accounts);      // the measures register, the classification's approval
  const std::string openapi = OpenApiJson(*router);
  router->Add({"GET",
               "/api/v1/openapi.json",
               "This description (OpenAPI 3.1)",
               "service",
               {},
               "",
               "",
               200,
               [openapi](Request&) { return Json(openapi); }});
  auto files = std::make_shared<StaticFiles>(options.static_dir);
  // The same headers on every answer (no sniffing, no framing, no referrer leaks, scripts from here only) and a log
  // line for refusals and writes.
  auto finish = [options](const Request& request, Response& response, std::chrono::steady_clock::time_point start) {
    if (request.method == "HEAD") response.body.clear();
    // What a signed-in account reads stays out of every cache (a shared proxy's, the browser's back-forward one),
    // unless the route chose otherwise (issue 17).
    const bool has_cache_control = std::any_of(response.headers.begin(), response.headers.end(),
                                               [](const auto& h) { return h.first == "Cache-Control"; });
    if (!request.account_id.empty() && !has_cache_control) response.headers.push_back({"Cache-Control", "no-store"});
    response.headers.push_back({"X-Content-Type-Options", "nosniff"});
    response.headers.push_back({"Referrer-Policy", "no-referrer"});
    response.headers.push_back({"X-Frame-Options", "DENY"});
    response.headers.push_back({"Content-Security-Policy",
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"});
    // Served over HTTPS (here or by a proxy in front): browsers keep to HTTPS for a year.
    if (options.tls) response.headers.push_back({"Strict-Transport-Security", "max-age=31536000"});
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    if (response.status >= 400 || request.method != "GET")
      Log(response.status >= 500 ? "error" : "info", "request",
          {{"method", request.method},
           {"path", LoggablePath(request.path)},
           {"status", int64_t(response.status)},
           {"us", int64_t(us)},
           {"remote", MaskedAddress(request.remote)}});
  };
  Handler handler;
  auto warned_forwarding = std::make_shared<std::atomic<bool>>(false);
  // On the headers alone (http/server.hpp): who asks, and whether they may; a refusal leaves the body unread.
  handler.admit = [access, finish, options, warned_forwarding](Request& request) -> std::optional<Response> {
    const auto start = std::chrono::steady_clock::now();
    // Behind a proxy that is not named trusted, every client shares the proxy's address (the login throttle, the
    // connection limits): said once, loudly (issue 17).
    if (!request.Header("x-forwarded-for").empty() && !Trusted(request.remote, options.trusted_proxies) &&
        !warned_forwarding->exchange(true))
      Log("warning",
          "requests carry X-Forwarded-For from a peer that is not a --trusted-proxy: the header is ignored, and the "
          "login throttle and connection limits count that peer's address for every client behind it",
          {{"peer", request.remote}});
    if (!options.trusted_proxies.empty())
      request.remote = ClientAddress(request.remote, request.Header("x-forwarded-for"), options.trusted_proxies);
    std::optional<Response> refused;
    const std::string& p = request.path;
    if (p.find("/../") != std::string::npos || p.ends_with("/..") || p.find("/./") != std::string::npos)
      refused = Problem(400, "Ogiltig sökväg / Invalid path", "the path is not allowed", p);
    else
      refused = access->Admit(request);
    if (refused) finish(request, *refused, start);
    return refused;
  };
  handler.respond = [router, files, accounts, access, finish, &service, options](Request& request) {
    const auto start = std::chrono::steady_clock::now();
    if (!request.admitted && !options.trusted_proxies.empty())
      request.remote = ClientAddress(request.remote, request.Header("x-forwarded-for"), options.trusted_proxies);
    if (options.refresh_each_request) service.Refresh();
    Response response;
    const std::string& p = request.path;
    if (p.find("/../") != std::string::npos || p.ends_with("/..") || p.find("/./") != std::string::npos) {
      response = Problem(400, "Ogiltig sökväg / Invalid path", "the path is not allowed", p);
    } else if (auto refused = access->Check(request)) {
      response = std::move(*refused);
    } else if (auto routed = router->Dispatch(request)) {
      response = std::move(*routed);
    } else if (request.path.starts_with("/api/")) {
      response = Problem(404, "Finns inte / Not found", "no such resource", request.path);
    } else if (request.method == "GET" || request.method == "HEAD") {
      response = files->Serve(request);
    } else {
      response = Problem(405, "Metoden stöds inte / Method not allowed", "only GET here", request.path);
    }
    finish(request, response, start);
    return response;
  };
  // What may take long is answered on the server's worker pool (http/server.hpp), bounded per account: the audit
  // trail, trends, the register or findings as they stood (as_of), the whole register, exports and imports.
  handler.expensive = [](const Request& r) {
    const std::string& p = r.path;
    return p == "/api/v1/audit" || p == "/api/v1/audit/verify" || p == "/api/v1/findings/trend" ||
           p == "/api/v1/register" || p.starts_with("/api/v1/exports/") || p == "/api/v1/imports" ||
           r.query.contains("as_of");
  };
  return handler;
}

}  // namespace ansvar::http
