// Decisions, reports and approvals as acts done in Ansvar (issue 14):
//   GET  /api/v1/systems/{id}/dpa_decision                       who may decide on the processor, by which delegation
//   POST /api/v1/systems/{id}/dpa_decision                       the signed-in person decides {processor?,
//   diary_number?} GET  /api/v1/dpa_decisions/{id}/document.pdf                 the decision document GET
//   /api/v1/dpa_decisions/{id}/power_of_attorney.pdf?committee=  the owner's power of attorney GET
//   /api/v1/committees/{id}/delegated_decisions             the delegated decisions not yet reported GET
//   /api/v1/committees/{id}/delegated_decisions.{pdf,xlsx}  the same as a file for the meeting POST
//   /api/v1/committees/{id}/delegated_decisions/report      marks them reported {decisions, reported_on, reported_at}
//   POST /api/v1/systems/{id}/documents/{doc}/approve            the budget holder (else owner) approves (If-Match)
//   GET  /api/v1/pages/tasks                                      "Mina uppgifter": the signed-in person's tasks
// The acts are open to every signed-in account at the access middleware (auth::Resource::kPersonalAct); the use case
// decides from the register whether the account's person is entitled, and refuses with 403 naming why.
#include "http/decision_routes.hpp"

#include <cctype>
#include <charconv>

#include "app/decisions.hpp"
#include "http/access.hpp"
#include "http/problem.hpp"
#include "io/decision_json.hpp"
#include "io/entity_json.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {
namespace {

rules::Lang LangOf(const Request& r) { return r.Query("lang") == "en" ? rules::Lang::kEn : rules::Lang::kSv; }

std::optional<auth::Account> AccountOf(const Request& r, const app::Accounts& accounts) {
  const auto a = accounts.Get(r.account_id);
  if (!a.ok()) return std::nullopt;
  return a.value();
}

Response NoAccount(const Request& r) {
  return Problem(401, "Inte inloggad / Not signed in", "no account for this request", r.path);
}

bool IsJson(const Request& r) {
  const std::string type = r.Header("content-type");
  return type.starts_with("application/json") || type.find("+json") != std::string::npos;
}

Response File(app::Result<app::ExportFile> result, const Request& r) {
  if (!result.ok()) return Problem(result.error(), r.path);
  auto& file = result.value();
  std::string name = file.file_name;
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  Response response{200, file.content_type, std::move(file.bytes), {}};
  response.headers.push_back({"Content-Disposition", "attachment; filename=\"" + name + "\""});
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

Response Versioned(const app::Result<app::Versioned>& result, const Request& r, int status) {
  if (!result.ok()) return Problem(result.error(), r.path);
  Response response = Json(result.value().json, status);
  response.headers.push_back({"ETag", "\"" + std::to_string(result.value().version) + "\""});
  return response;
}

void OptionalDate(io::JsonWriter& o, std::string_view key, const std::optional<model::Date>& d) {
  o.Key(key);
  if (d)
    o.String(model::FormatDate(*d));
  else
    o.Null();
}

void WriteView(io::JsonWriter& o, const app::DecisionView& v) {
  o.BeginObject();
  o.Field("system", v.system.id.str());
  o.Field("system_name", v.system.name);
  o.Field("supplier", v.system.supplier.value_or(""));
  o.Field("matter", model::ToString(v.matter));
  o.Field("today", model::FormatDate(v.today));
  o.Key("person");
  if (v.person)
    o.Raw(io::WriteEntity(*v.person));
  else
    o.Null();
  o.Field("entitled", v.entitled);
  o.Field("why_not", v.why_not);
  o.Field("power_of_attorney", v.power_of_attorney);
  o.Key("owner");
  if (v.owner)
    o.Raw(io::WriteEntity(*v.owner));
  else
    o.Null();
  o.Key("committees");
  o.BeginArray();
  for (const auto& e : v.committees) {
    o.BeginObject();
    o.Field("id", e.committee.id.str());
    o.Field("name", e.committee.name);
    o.Field("decided", e.decided);
    o.Key("delegation");
    if (e.delegation)
      o.Raw(io::WriteEntity(*e.delegation));
    else
      o.Null();
    o.EndObject();
  }
  o.EndArray();
  o.Key("decisions");
  o.BeginArray();
  for (const auto& d : v.decisions) o.Raw(io::WriteEntity(d));
  o.EndArray();
  o.Key("documents");  // the plans and reports, with whether their approval was performed here or recorded
  o.BeginArray();
  for (const auto& d : v.system.documents) {
    if (d.kind != model::DocumentKind::kManagementPlan && d.kind != model::DocumentKind::kFollowUpReport) continue;
    o.BeginObject();
    o.Field("id", d.id.str());
    o.Field("kind", model::ToString(d.kind));
    o.Key("year");
    if (d.year)
      o.Int(*d.year);
    else
      o.Null();
    o.Field("approved_by", d.approved_by ? d.approved_by->str() : std::string());
    OptionalDate(o, "approved_on", d.approved_on);
    o.Field("approval", !d.approved_by ? "none" : d.approved_by_account ? "performed" : "recorded");
    o.Field("approved_by_account", d.approved_by_account.value_or(""));
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
}

void WriteUnreported(io::JsonWriter& o, const app::UnreportedList& l) {
  o.BeginObject();
  o.Field("committee", l.committee.id.str());
  o.Field("committee_name", l.committee.name);
  o.Field("today", model::FormatDate(l.today));
  o.Field("report_days", l.report_days);
  o.Field("may_report", l.may_report);
  o.Key("items");
  o.BeginArray();
  for (const auto& x : l.lines) {
    o.BeginObject();
    o.Key("decision");
    o.Raw(io::WriteEntity(x.decision));
    o.Field("system_name", x.system_name);
    o.Field("decided_by_name", x.decided_by_name);
    o.Field("delegation_text", x.delegation_text);
    o.Field("report_due", model::FormatDate(x.report_due));
    o.Field("overdue", x.overdue);
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
}

void WriteTasks(io::JsonWriter& o, const app::TaskList& t) {
  o.BeginObject();
  o.Field("account", t.account);
  o.Field("scope", t.scope);
  o.Key("person");
  if (t.person)
    o.Raw(io::WriteEntity(*t.person));
  else
    o.Null();
  o.Field("today", model::FormatDate(t.today));
  o.Key("items");
  o.BeginArray();
  for (const auto& x : t.items) {
    o.BeginObject();
    o.Field("kind", x.kind);
    o.Field("rule", x.rule);
    o.Field("title", x.title);
    o.Key("subject");
    o.BeginObject();
    o.Field("type", x.subject_type);
    o.Field("id", x.subject_id);
    o.Field("name", x.subject_name);
    o.EndObject();
    OptionalDate(o, "due", x.due);
    o.Key("due_at");
    if (x.due_at)
      o.String(model::FormatTimestamp(*x.due_at));
    else
      o.Null();
    o.Field("state", x.state);
    o.Field("action", x.action);
    o.Field("link", x.link);
    o.Field("act", x.act);
    o.Field("key", x.key);
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
}

}  // namespace

void AddDecisionRoutes(Router& router, app::RegisterService& service, app::Accounts& accounts) {
  router.Add(
      {"GET",
       "/api/v1/systems/{id}/dpa_decision",
       "Who may decide on the system's processor today and by which delegation; its decisions, and its plans and "
       "reports with how their approval was made (performed in Ansvar or recorded)",
       "decisions",
       {},
       "",
       "",
       200,
       [&service, &accounts](Request& r) {
         const auto account = AccountOf(r, accounts);
         if (!account) return NoAccount(r);
         const auto v = app::Decisions(service).View(r.params.at("id"), *account);
         if (!v.ok()) return Problem(v.error(), r.path);
         io::JsonWriter o(false);
         WriteView(o, v.value());
         return Json(o.Take());
       }});
  router.Add({"POST",
              "/api/v1/systems/{id}/dpa_decision",
              "Decide on the system's processor under delegation: the signed-in account's person, the delegation "
              "valid today, the committees and the date come from the register (body: processor?, diary_number?)",
              "decisions",
              {},
              "",
              "DpaDecision",
              201,
              [&service, &accounts](Request& r) {
                const auto account = AccountOf(r, accounts);
                if (!account) return NoAccount(r);
                if (!IsJson(r))
                  return Problem(415, "Fel innehållstyp / Unsupported media type", "send the body as application/json",
                                 r.path);
                const auto body = io::ReadDecideRequest(r.body);
                if (!body.problems.empty())
                  return Problem(app::Invalid("the decision is not valid", body.problems), r.path);
                app::DecideInput in{body.processor, body.diary_number};
                auto result = app::Decisions(service).Decide(r.params.at("id"), in, *account, ActorOf(r));
                auto response = Versioned(result, r, 201);
                if (result.ok()) {
                  const auto read = io::ReadEntity<model::DpaDecision>(result.value().json);
                  if (read.value)
                    response.headers.push_back({"Location", "/api/v1/dpa_decisions/" + read.value->id.str()});
                }
                return response;
              }});
  router.Add({"GET",
              "/api/v1/dpa_decisions/{id}/document.pdf",
              "The decision document (PDF): the decision, its legal ground, the delegation, the processor, the diary "
              "number",
              "decisions",
              {"lang"},
              "",
              "",
              200,
              [&service](Request& r) {
                return File(app::Decisions(service).DecisionDocument(r.params.at("id"), LangOf(r)), r);
              }});
  router.Add({"GET",
              "/api/v1/dpa_decisions/{id}/power_of_attorney.pdf",
              "The power of attorney for the system owner to sign the DPA on behalf of a committee of the decision "
              "(PDF), where several committees are controllers",
              "decisions",
              {"committee", "lang"},
              "",
              "",
              200,
              [&service](Request& r) {
                return File(
                    app::Decisions(service).PowerOfAttorneyDocument(r.params.at("id"), r.Query("committee"), LangOf(r)),
                    r);
              }});
  router.Add({"GET",
              "/api/v1/committees/{id}/delegated_decisions",
              "The committee's delegated decisions not yet reported to it (anmälan av delegationsbeslut), and whether "
              "the signed-in account may mark them reported",
              "decisions",
              {},
              "",
              "",
              200,
              [&service, &accounts](Request& r) {
                const auto account = AccountOf(r, accounts);
                if (!account) return NoAccount(r);
                const auto l = app::Decisions(service).Unreported(r.params.at("id"), *account);
                if (!l.ok()) return Problem(l.error(), r.path);
                io::JsonWriter o(false);
                WriteUnreported(o, l.value());
                return Json(o.Take());
              }});
  for (const auto* ext : {"pdf", "xlsx"}) {
    const std::string e = ext;
    router.Add({"GET",
                "/api/v1/committees/{id}/delegated_decisions." + e,
                "The committee's delegated decisions not yet reported, as " + e + " for the meeting",
                "decisions",
                {"lang"},
                "",
                "",
                200,
                [&service, e](Request& r) {
                  return File(app::Decisions(service).UnreportedExport(
                                  r.params.at("id"), e == "pdf" ? app::ExportFormat::kPdf : app::ExportFormat::kXlsx,
                                  LangOf(r)),
                              r);
                }});
  }
  router.Add({"POST",
              "/api/v1/committees/{id}/delegated_decisions/report",
              "Mark delegated decisions reported at a meeting, in one act (body: decisions, reported_on, reported_at)",
              "decisions",
              {},
              "",
              "",
              200,
              [&service, &accounts](Request& r) {
                const auto account = AccountOf(r, accounts);
                if (!account) return NoAccount(r);
                if (!IsJson(r))
                  return Problem(415, "Fel innehållstyp / Unsupported media type", "send the body as application/json",
                                 r.path);
                const auto body = io::ReadReportRequest(r.body);
                if (!body.problems.empty())
                  return Problem(app::Invalid("the report is not valid", body.problems), r.path);
                app::ReportInput in{body.decisions, body.reported_on, body.reported_at};
                const auto result = app::Decisions(service).Report(r.params.at("id"), in, *account, ActorOf(r));
                if (!result.ok()) return Problem(result.error(), r.path);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("items");
                o.BeginArray();
                for (const auto& d : result.value()) o.Raw(io::WriteEntity(d));
                o.EndArray();
                o.EndObject();
                return Json(o.Take());
              }});
  router.Add(
      {"POST",
       "/api/v1/systems/{id}/documents/{doc}/approve",
       "Approve a management plan or follow-up report as its budget holder (else owner): approved_by and "
       "approved_on from the signed-in account's person (If-Match: the system's ETag)",
       "decisions",
       {},
       "",
       "System",
       200,
       [&service, &accounts](Request& r) {
         const auto account = AccountOf(r, accounts);
         if (!account) return NoAccount(r);
         std::string header = r.Header("if-match");
         int64_t version = 0;
         if (header.empty())
           return Problem(app::Error{app::ErrorCode::kPreconditionRequired,
                                     "If-Match krävs / If-Match required",
                                     "send If-Match with the system's ETag, so that no one else's change is lost",
                                     {}},
                          r.path);
         if (header == "*") {
           const auto current = service.Get(app::Kind::kSystem, r.params.at("id"));
           if (!current.ok()) return Problem(current.error(), r.path);
           version = current.value().version;
         } else {
           if (header.starts_with("W/")) header = header.substr(2);
           if (header.size() >= 2 && header.front() == '"' && header.back() == '"')
             header = header.substr(1, header.size() - 2);
           const auto [p, ec] = std::from_chars(header.data(), header.data() + header.size(), version);
           if (ec != std::errc() || p != header.data() + header.size() || header.empty())
             return Problem(400, "Felaktig If-Match / Bad If-Match", "If-Match must be an ETag this server gave",
                            r.path);
         }
         return Versioned(
             app::Decisions(service).Approve(r.params.at("id"), r.params.at("doc"), version, *account, ActorOf(r)), r,
             200);
       }});
  router.Add({"GET",
              "/api/v1/pages/tasks",
              "\"Mina uppgifter\": what falls due for the signed-in person, what waits for their decision or approval, "
              "what they are asked to fix (a DPO's and a data protection contact's for their scope), each with its "
              "action",
              "pages",
              {"lang"},
              "",
              "",
              200,
              [&service, &accounts](Request& r) {
                const auto account = AccountOf(r, accounts);
                if (!account) return NoAccount(r);
                const auto t = app::Decisions(service).Tasks(*account, LangOf(r));
                if (!t.ok()) return Problem(t.error(), r.path);
                io::JsonWriter o(false);
                WriteTasks(o, t.value());
                return Json(o.Take());
              }});
}

}  // namespace ansvar::http
