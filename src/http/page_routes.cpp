// Aggregated reads for the web interface's pages (issue 16): one request answers what a page shows first, so that no
// page needs more than about ten. Each answer is the existing reads of the API side by side, under the names the page
// uses, plus what the signed-in account may do there (the server stays the authority: writes are still checked by the
// access middleware, http/access.cpp). Read-only; web/README.md ("Pages in one read") lists them.
#include "http/page_routes.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "app/cycle_service.hpp"
#include "app/service_facts.hpp"
#include "auth/policy.hpp"
#include "http/answers.hpp"
#include "http/incident_routes.hpp"
#include "http/problem.hpp"
#include "io/entity_json.hpp"
#include "io/json_writer.hpp"
#include "io/reports.hpp"
#include "rules/catalog.hpp"
#include "rules/due.hpp"

namespace ansvar::http {
namespace {

using app::Kind;
const char* const kBad = "Felaktig begäran / Bad request";

rules::Lang LangOf(const Request& r) { return r.Query("lang") == "en" ? rules::Lang::kEn : rules::Lang::kSv; }

// Who asks, as the access middleware established it (a request reaches a route only when signed in).
std::optional<auth::Principal> PrincipalOf(const Request& r, const app::Accounts& accounts) {
  const auto a = accounts.Get(r.account_id);
  if (!a.ok()) return std::nullopt;
  const auto& x = a.value();
  return auth::Principal{x.id, x.role, x.administration, x.person};
}

void Decision(io::JsonWriter& o, std::string_view key, const auth::Decision& d) {
  o.Key(key);
  o.BeginObject();
  o.Field("allowed", d.allowed);
  o.Field("reason", d.reason);
  o.EndObject();
}

// May the account change (and delete) this entity as it is stored? The same decision the middleware makes for a
// PUT of the entity unchanged.
template <class T>
void MayOnEntity(io::JsonWriter& o, const auth::Principal& who, model::Collection kind, const T& entity,
                 const app::RegisterService& service) {
  const app::ServiceFacts facts(service);
  auth::Request what;
  what.resource = auth::Resource::kEntity;
  what.kind = kind;
  what.stored = &entity;
  what.written = &entity;
  what.op = auth::Operation::kUpdate;
  o.Key("may");
  o.BeginObject();
  Decision(o, "edit", auth::Decide(who, what, facts));
  what.op = auth::Operation::kDelete;
  what.written = std::monostate{};
  Decision(o, "delete", auth::Decide(who, what, facts));
  o.EndObject();
}

constexpr std::pair<const char*, Kind> kWritable[] = {
    {"organizations", Kind::kOrganization},
    {"committees", Kind::kCommittee},
    {"administrations", Kind::kAdministration},
    {"people", Kind::kPerson},
    {"systems", Kind::kSystem},
    {"delegations", Kind::kDelegation},
    {"powers_of_attorney", Kind::kPowerOfAttorney},
    {"processing_activities", Kind::kProcessingActivity},
    {"processor_records", Kind::kProcessorRecord},
    {"incidents", Kind::kIncident},
    {"data_subject_requests", Kind::kDataSubjectRequest},
    {"agreements", Kind::kAgreement},
    {"cooperations", Kind::kCooperation},
    {"dpa_decisions", Kind::kDpaDecision},
};

// What the account's role may create or change at all, per collection (in some scope: a steward's own systems, a
// data protection contact's administration), and the account-wide powers: imports, accounts.
void MayByRole(io::JsonWriter& o, const auth::Principal& who) {
  o.Key("may");
  o.BeginObject();
  o.Key("write");
  o.BeginObject();
  for (const auto& [name, kind] : kWritable) o.Field(name, auth::MayWriteKind(who.role, kind));
  o.EndObject();
  // Creating a system is a steward's only when it names the steward in a role; the page offers it to those who may
  // create one outright.
  o.Field("create_system", who.role == auth::Role::kAdmin);
  o.Field("import", who.role == auth::Role::kAdmin);
  o.Field("accounts", who.role == auth::Role::kAdmin);
  o.EndObject();
}

// Names of small collections every page refers to (committees, administrations, organizations): one list each.
void SmallNames(io::JsonWriter& o, const app::RegisterService& service) {
  app::ListQuery all;
  all.limit = app::kMaxPageSize;
  ValueOr(o, "committees", service.List(Kind::kCommittee, all));
  ValueOr(o, "administrations", service.List(Kind::kAdministration, all));
  ValueOr(o, "organizations", service.List(Kind::kOrganization, all));
}

std::string RulesJson() {
  io::JsonWriter o(false);
  o.BeginArray();
  for (const auto& r : rules::AllRules()) {
    o.BeginObject();
    o.Field("id", r.code);
    o.Field("severity", rules::ToString(r.severity));
    o.Field("title_sv", r.title_sv);
    o.Field("title_en", r.title_en);
    o.EndObject();
  }
  o.EndArray();
  return o.Take();
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    const size_t end = std::min(text.find(',', at), text.size());
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// Findings with their subjects' names, errors first: {as_of, findings, summary, total, limit, offset}.
void WriteFindingLines(io::JsonWriter& o, std::vector<app::RegisterService::FindingLine>& lines, model::Timestamp as_of,
                       size_t limit, size_t offset) {
  // Errors first, then warnings, then information; within a severity as the rules found them.
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.finding.severity < b.finding.severity; });
  int64_t n[3] = {0, 0, 0};
  for (const auto& l : lines) ++n[static_cast<size_t>(l.finding.severity)];
  o.BeginObject();
  o.Field("as_of", model::FormatTimestamp(as_of));
  o.Key("findings");
  o.BeginArray();
  for (size_t i = offset; i < lines.size() && i < offset + limit; ++i) {
    const auto& l = lines[i];
    io::WriteFindingJson(o, l.finding, l.message, &l.subject_name);
  }
  o.EndArray();
  o.Key("summary");
  o.BeginObject();
  o.Field("error", n[0]);
  o.Field("warning", n[1]);
  o.Field("info", n[2]);
  o.EndObject();
  o.Field("total", static_cast<int64_t>(lines.size()));
  o.Field("limit", static_cast<int64_t>(limit));
  o.Field("offset", static_cast<int64_t>(offset));
  o.EndObject();
}

// The findings page: the filters of GET /findings, and several rules at once (a theme: everything about DPAs), and a
// person (the findings about the systems in which they hold a role, or that name them); each finding with its
// subject's name, so that the page needs no look-up per row.
Response FindingsPage(Request& r, const app::RegisterService& service) {
  app::FindingsQuery q;
  if (const auto s = r.Query("severity"); !s.empty() && !(q.severity = rules::ParseSeverity(s)))
    return Problem(400, kBad, "severity: error, warning or info", r.path);
  q.subject_type = r.Query("subject_type"), q.subject_id = r.Query("subject");
  q.administration = r.Query("administration"), q.committee = r.Query("committee");
  q.lang = LangOf(r);
  size_t limit = 100, offset = 0;
  for (auto [name, slot] : {std::pair{"limit", &limit}, std::pair{"offset", &offset}}) {
    const auto text = r.Query(name);
    if (text.empty()) continue;
    const auto* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, *slot);
    if (ec != std::errc() || p != end) return Problem(400, kBad, std::string(name) + ": a whole number", r.path);
  }
  limit = std::min(limit, app::kMaxPageSize);
  auto codes = SplitCommas(r.Query("rules"));
  if (codes.empty()) codes.emplace_back();
  std::vector<app::RegisterService::FindingLine> lines;
  model::Timestamp as_of{};
  for (const auto& code : codes) {
    q.rule = code;
    auto got = service.SelectFindings(q);
    if (!got.ok()) return Problem(got.error(), r.path);
    as_of = got.value().as_of;
    for (auto& line : got.value().lines) lines.push_back(std::move(line));
  }
  if (const auto person = r.Query("person"); !person.empty()) {
    // The systems in which the person holds a role: read from a copy of the register (only for this filter).
    std::set<std::string> theirs;
    for (const auto& sys : service.Current().reg.systems)
      for (const auto& role : sys.roles)
        if (role.person && role.person->str() == person) theirs.insert(sys.id.str());
    std::erase_if(lines, [&](const app::RegisterService::FindingLine& l) {
      const auto& f = l.finding;
      if (f.subject.type == rules::SubjectType::kSystem && theirs.contains(f.subject.id)) return false;
      const auto* named = rules::DetailString(f, "person");
      return named == nullptr || *named != person;
    });
  }
  io::JsonWriter o(false);
  WriteFindingLines(o, lines, as_of, limit, offset);
  return Json(o.Take());
}

}  // namespace

void AddPageRoutes(Router& router, app::RegisterService& service, app::Accounts& accounts) {
  auto cycle = std::make_shared<app::CycleService>(service);

  // The overview: what is urgent (breaches and requests with their deadlines), the errors, what falls due, the trend
  // and the counts per committee, administration, rule and subject; optionally for one administration or committee.
  router.Add({"GET",
              "/api/v1/pages/overview",
              "The overview page in one read: findings, incidents, requests, due items, trend, counts per group, the "
              "rulebook and the rule titles (administration or committee: only theirs)",
              "pages",
              {"lang", "days", "administration", "committee"},
              "",
              "",
              200,
              [&service, cycle](Request& r) {
                const auto lang = LangOf(r);
                int days = 30;
                if (const auto d = r.Query("days"); !d.empty()) {
                  if (d == "90")
                    days = 90;
                  else if (d != "30")
                    return Problem(400, kBad, "days: 30 or 90", r.path);
                }
                io::JsonWriter o(false);
                o.BeginObject();
                app::FindingsQuery f;
                f.lang = lang;
                f.limit = app::kMaxPageSize;
                f.administration = r.Query("administration"), f.committee = r.Query("committee");
                f.severity = rules::Severity::kError;
                ValueOr(o, "errors", service.Findings(f));
                // Deadlines of breaches and requests, whatever their severity (an open request is info until late).
                f.severity.reset();
                f.rule = "R-DSAR-DEADLINE";
                ValueOr(o, "request_deadlines", service.Findings(f));
                app::ListQuery all;
                all.limit = app::kMaxPageSize;
                all.committee = r.Query("committee");
                ValueOr(o, "incidents", ReadableIncidents(service, r));  // issue 15: who may read breaches
                for (const char* group : {"rule", "committee", "administration", "subject"})
                  ValueOr(o, std::string("by_") + group, service.FindingsSummary(group, std::nullopt));
                ValueOr(o, "trend", service.Trend(12));
                app::DueQuery due;
                due.lang = lang;
                due.administration = r.Query("administration"), due.committee = r.Query("committee");
                const model::Date today = rules::StockholmDate(cycle->Now());
                due.from = today;
                due.to = today.AddDays(days);
                ValueOr(o, "due", cycle->SelectDue(due));
                o.Field("days", days);
                o.Key("rulebook");
                WriteJson(o, service.EffectiveRulebook().value());  // the register's own: never an error
                o.Key("rules");
                o.Raw(RulesJson());
                o.EndObject();
                return Json(o.Take());
              }});

  // A system's page: the system (with its version), its responsibilities, findings and history, the names it refers
  // to, and whether the account may change it, and why not.
  router.Add({"GET",
              "/api/v1/pages/systems/{id}",
              "A system's page in one read: the system and its version, responsibilities, findings, history, the names "
              "of what it refers to, and what the account may do with it",
              "pages",
              {"lang"},
              "",
              "",
              200,
              [&service, &accounts](Request& r) {
                const std::string id = r.params.at("id");
                const auto got = service.Get(Kind::kSystem, id);
                if (!got.ok()) return Problem(got.error(), r.path);
                const auto sys = io::ReadEntity<model::System>(got.value().json);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("system");
                o.Raw(got.value().json);
                o.Field("version", got.value().version);
                ValueOr(o, "responsibilities", service.Responsibilities(id));
                app::FindingsQuery f;
                f.lang = LangOf(r);
                f.subject_type = "system", f.subject_id = id;
                f.limit = app::kMaxPageSize;
                ValueOr(o, "findings", service.Findings(f));
                store::AuditFilter h;
                h.kind = Kind::kSystem;
                h.entity_id = id;
                h.limit = 100;
                ValueOr(o, "history", service.Audit(h));
                o.Key("names");
                o.BeginObject();
                SmallNames(o, service);
                // The people and systems the system names: looked up one by one (a register has many of both).
                std::set<std::string> people, systems;
                if (sys.value) {
                  for (const auto& role : sys.value->roles)
                    if (role.person) people.insert(role.person->str());
                  for (const auto& i : sys.value->integrations) systems.insert(i.to.str());
                }
                for (auto [key, kind, ids] :
                     {std::tuple{"people", Kind::kPerson, &people}, std::tuple{"systems", Kind::kSystem, &systems}}) {
                  o.Key(key);
                  o.BeginArray();
                  for (const auto& x : *ids)
                    if (const auto e = service.Get(kind, x); e.ok()) o.Raw(e.value().json);
                  o.EndArray();
                }
                o.EndObject();
                o.Key("rules");
                o.Raw(RulesJson());
                if (const auto who = PrincipalOf(r, accounts); who && sys.value)
                  MayOnEntity(o, *who, Kind::kSystem, *sys.value, service);
                o.EndObject();
                auto resp = Json(o.Take());
                resp.headers.push_back({"ETag", "\"" + std::to_string(got.value().version) + "\""});
                return resp;
              }});

  router.Add({"GET",
              "/api/v1/pages/findings",
              "The findings page in one read: the filters of /findings, several rules at once (rules=A,B: a theme) and "
              "a person (their systems' findings and those naming them), each finding with its subject's name",
              "pages",
              {"severity", "rules", "subject_type", "subject", "administration", "committee", "person", "lang", "limit",
               "offset"},
              "",
              "",
              200,
              [&service](Request& r) { return FindingsPage(r, service); }});

  // A committee's page: the committee, its administrations, Art. 30 record (its processing activities), delegations,
  // processor records, every finding that concerns it (with subject names), its history, and whether the account may
  // change it.
  router.Add({"GET",
              "/api/v1/pages/committees/{id}",
              "A committee's page in one read: the committee and its version, administrations, processing activities, "
              "delegations, processor records, findings, history, names, and what the account may do with it",
              "pages",
              {"lang"},
              "",
              "",
              200,
              [&service, &accounts](Request& r) {
                const std::string id = r.params.at("id");
                const auto got = service.Get(Kind::kCommittee, id);
                if (!got.ok()) return Problem(got.error(), r.path);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("committee");
                o.Raw(got.value().json);
                o.Field("version", got.value().version);
                app::ListQuery mine;
                mine.committee = id;
                mine.limit = app::kMaxPageSize;
                ValueOr(o, "administrations", service.List(Kind::kAdministration, mine));
                ValueOr(o, "activities", service.List(Kind::kProcessingActivity, mine));
                ValueOr(o, "delegations", service.List(Kind::kDelegation, mine));
                ValueOr(o, "processor_records", service.List(Kind::kProcessorRecord, mine));
                ValueOr(o, "systems", service.List(Kind::kSystem, mine));  // the systems it is controller of, by name
                app::FindingsQuery f;
                f.lang = LangOf(r);
                f.committee = id;
                auto lines = service.SelectFindings(f);
                o.Key("findings");
                if (lines.ok()) {
                  WriteFindingLines(o, lines.value().lines, lines.value().as_of, 500, 0);
                } else {
                  o.Null();
                }
                store::AuditFilter h;
                h.kind = Kind::kCommittee;
                h.entity_id = id;
                h.limit = 100;
                ValueOr(o, "history", service.Audit(h));
                o.Key("names");
                o.BeginObject();
                SmallNames(o, service);
                o.EndObject();
                o.Key("rules");
                o.Raw(RulesJson());
                if (const auto who = PrincipalOf(r, accounts); who) {
                  if (const auto c = io::ReadEntity<model::Committee>(got.value().json); c.value)
                    MayOnEntity(o, *who, Kind::kCommittee, *c.value, service);
                }
                o.EndObject();
                auto resp = Json(o.Take());
                resp.headers.push_back({"ETag", "\"" + std::to_string(got.value().version) + "\""});
                return resp;
              }});

  // What the signed-in account's role may change at all (the pages offer only that; the server still decides each
  // write).
  router.Add({"GET",
              "/api/v1/pages/may",
              "What the signed-in account's role may change: per collection, imports, accounts",
              "pages",
              {},
              "",
              "",
              200,
              [&accounts](Request& r) {
                const auto who = PrincipalOf(r, accounts);
                if (!who) return Problem(401, "Inte inloggad / Not signed in", "no account for this request", r.path);
                io::JsonWriter o(false);
                o.BeginObject();
                MayByRole(o, *who);
                o.EndObject();
                return Json(o.Take());
              }});

  // The signed-in account's start page: who they are in the register, their systems with their findings, what falls
  // due for them, their administration's breaches and requests (a data protection contact), and what the role may do.
  router.Add({"GET",
              "/api/v1/pages/me",
              "The start page of the signed-in account: its person, systems, findings per system, due items, its "
              "administration's breaches and requests, the calendar feeds, and what its role may do",
              "pages",
              {"lang"},
              "",
              "",
              200,
              [&service, &accounts, cycle](Request& r) {
                const auto who = PrincipalOf(r, accounts);
                if (!who) return Problem(401, "Inte inloggad / Not signed in", "no account for this request", r.path);
                const auto lang = LangOf(r);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("account");
                o.BeginObject();
                o.Field("id", who->account);
                o.Field("role", model::ToString(who->role));
                o.Field("administration", who->administration);
                o.Field("person", who->person);
                o.EndObject();
                MayByRole(o, *who);
                o.Key("person");
                if (const auto p = who->person.empty() ? app::Result<app::Versioned>(app::NotFound("none"))
                                                       : service.Get(Kind::kPerson, who->person);
                    p.ok())
                  o.Raw(p.value().json);
                else
                  o.Null();
                app::ListQuery mine;
                mine.limit = app::kMaxPageSize;
                if (!who->person.empty()) {
                  mine.person = who->person;
                  ValueOr(o, "systems", service.List(Kind::kSystem, mine));
                } else {
                  o.Key("systems");
                  o.Null();
                }
                ValueOr(o, "by_subject", service.FindingsSummary("subject", std::nullopt));
                ValueOr(o, "by_committee", service.FindingsSummary("committee", std::nullopt));
                app::DueQuery due;
                due.lang = lang;
                due.person = who->person;
                due.administration = who->person.empty() ? who->administration : std::string();
                const model::Date today = rules::StockholmDate(cycle->Now());
                due.from = today.AddDays(-30);
                due.to = today.AddDays(90);
                if (who->person.empty() && who->administration.empty()) {
                  o.Key("due");
                  o.Null();
                } else {
                  ValueOr(o, "due", cycle->SelectDue(due));
                }
                if (!who->administration.empty()) {
                  o.Key("administration");  // the entity's JSON as io::WriteEntity wrote it
                  if (auto a = service.Get(Kind::kAdministration, who->administration); a.ok())
                    o.Raw(a.value().json);
                  else
                    o.Null();
                  app::FindingsQuery f;
                  f.lang = lang;
                  f.administration = who->administration;
                  f.limit = app::kMaxPageSize;
                  ValueOr(o, "administration_findings", service.Findings(f));
                }
                app::ListQuery all;
                all.limit = app::kMaxPageSize;
                ValueOr(o, "incidents", ReadableIncidents(service, r));  // issue 15: who may read breaches
                ValueOr(o, "requests", service.List(Kind::kDataSubjectRequest, all));
                WriteBreachTasks(o, service, r);  // new breaches and running clocks (incident_routes.hpp)
                ValueOr(o, "calendar_tokens", cycle->ListCalendarTokens());
                o.Key("names");
                o.BeginObject();
                SmallNames(o, service);
                o.EndObject();
                o.Key("rulebook");
                WriteJson(o, service.EffectiveRulebook().value());  // the register's own: never an error
                o.Key("rules");
                o.Raw(RulesJson());
                o.EndObject();
                return Json(o.Take());
              }});
}

}  // namespace ansvar::http
