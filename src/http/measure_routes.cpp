// The measures register and the owner's approval of a classification (issue 15):
//   GET  /api/v1/measures                         every measure, filtered (system, administration, organization,
//                                                 person, source, overdue, open)
//   GET  /api/v1/measures/export?format=xlsx|csv  the same as a workbook for the management review
//   POST /api/v1/systems/{id}/classification/approve   the owner approves the action plan (If-Match)
//   POST /api/v1/measures/{source}/{holder}/{measure}/status   a measure set planned, in progress, done or cancelled
//                                                 by its owner, the DPO or whoever may write the holder (If-Match of
//                                                 the holder, holder.version in the register)
#include "http/measure_routes.hpp"

#include <charconv>

#include "app/measures.hpp"
#include "http/access.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"
#include "io/decision_json.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {
namespace {

std::optional<Response> ParseQuery(const Request& r, app::MeasureQuery& q) {
  q.system = r.Query("system"), q.administration = r.Query("administration");
  q.organization = r.Query("organization"), q.person = r.Query("person");
  if (const auto s = r.Query("source"); !s.empty() && !(q.source = rules::ParseMeasureSource(s)))
    return Problem(400, "Felaktig begäran / Bad request", "source: dpia, classification, breach or contract_review",
                   r.path);
  const auto flag = [&](const std::string& name, bool& out) -> bool {
    const auto v = r.Query(name);
    if (v.empty() || v == "false") return true;
    if (v != "true") return false;
    out = true;
    return true;
  };
  if (const auto h = r.Query("holder"); !h.empty()) {
    const auto colon = h.find(':');
    const auto type = h.substr(0, colon == std::string::npos ? 0 : colon);
    for (const auto t :
         {rules::SubjectType::kSystem, rules::SubjectType::kProcessingActivity, rules::SubjectType::kIncident})
      if (rules::ToString(t) == type) q.holder_type = t;
    if (!q.holder_type || colon + 1 >= h.size())
      return Problem(400, "Felaktig begäran / Bad request",
                     "holder: TYPE:ID with TYPE system, processing_activity or incident", r.path);
    q.holder_id = h.substr(colon + 1);
  }
  if (!flag("overdue", q.overdue_only))
    return Problem(400, "Felaktig begäran / Bad request", "overdue: true or false", r.path);
  if (!flag("open", q.open_only)) return Problem(400, "Felaktig begäran / Bad request", "open: true or false", r.path);
  return std::nullopt;
}

void WriteMeasure(io::JsonWriter& o, const model::Measure& m) {
  o.BeginObject();
  if (!m.id.empty()) o.Field("id", m.id);
  o.Field("description", m.description);
  o.Key("owner");
  m.owner ? o.String(m.owner->str()) : o.Null();
  o.Key("due");
  m.due ? o.String(model::FormatDate(*m.due)) : o.Null();
  o.Field("status", model::ToString(m.status));
  if (m.done_on) o.Field("done_on", model::FormatDate(*m.done_on));
  o.EndObject();
}

std::string MeasuresJson(const app::MeasuresReport& report) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("today", model::FormatDate(report.today));
  size_t overdue = 0;
  o.Key("measures");
  o.BeginArray();
  for (const auto& l : report.lines) {
    overdue += l.overdue ? 1 : 0;
    o.BeginObject();
    o.Field("source", rules::ToString(l.source));
    o.Key("holder");
    o.BeginObject();
    o.Field("type", rules::ToString(l.holder_type));
    o.Field("id", l.holder_id);
    o.Field("name", l.holder_name);
    o.Field("version", l.holder_version);
    o.EndObject();
    o.Key("systems");
    o.BeginArray();
    for (const auto& s : l.systems) o.String(s);
    o.EndArray();
    o.Key("measure");
    WriteMeasure(o, l.measure);
    o.Field("owner_name", l.owner_name);
    o.Field("overdue", l.overdue);
    o.EndObject();
  }
  o.EndArray();
  o.Field("total", static_cast<int64_t>(report.lines.size()));
  o.Field("overdue", static_cast<int64_t>(overdue));
  o.EndObject();
  return o.Take();
}

bool ParseEtag(std::string text, int64_t& out) {
  if (text.starts_with("W/")) text = text.substr(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && !text.empty();
}

// The query with the asker's breach access (app/breach_access.hpp); false when nobody is signed in.
bool Scope(const Request& r, const app::Accounts& accounts, app::MeasureQuery& q) {
  const auto a = accounts.Get(r.account_id);
  if (!a.ok()) return false;
  q.breaches = app::BreachAccessOf(a.value().role, a.value().administration);
  return true;
}

Response NoAccount(const Request& r) {
  return Problem(401, "Inte inloggad / Not signed in", "no account for this request", r.path);
}

}  // namespace

void AddMeasureRoutes(Router& router, app::RegisterService& service, app::Accounts& accounts) {
  router.Add({"GET",
              "/api/v1/measures",
              "The measures register: every measure of DPIAs, classifications, breaches and contract reviews",
              "measures",
              {"system", "administration", "organization", "person", "source", "holder", "overdue", "open"},
              "",
              "",
              200,
              [&service, &accounts](Request& r) {
                app::MeasureQuery q;
                if (auto bad = ParseQuery(r, q)) return *bad;
                if (!Scope(r, accounts, q)) return NoAccount(r);
                const auto report = app::MeasuresView(service).List(q);
                if (!report.ok()) return Problem(report.error(), r.path);
                return Json(MeasuresJson(report.value()));
              }});
  router.Add(
      {"GET",
       "/api/v1/measures/export",
       "The measures register as .xlsx or .csv for the management review",
       "measures",
       {"format", "lang", "system", "administration", "organization", "person", "source", "holder", "overdue", "open"},
       "",
       "",
       200,
       [&service, &accounts](Request& r) {
         app::MeasureQuery q;
         if (auto bad = ParseQuery(r, q)) return *bad;
         if (!Scope(r, accounts, q)) return NoAccount(r);
         const auto format = r.Query("format");
         if (!format.empty() && format != "xlsx" && format != "csv")
           return Problem(400, "Felaktig begäran / Bad request", "format: xlsx or csv", r.path);
         auto file = app::ExportMeasures(app::MeasuresView(service), q, format == "csv",
                                         r.Query("lang") == "en" ? rules::Lang::kEn : rules::Lang::kSv);
         if (!file.ok()) return Problem(file.error(), r.path);
         Response response{200, file.value().content_type, std::move(file.value().bytes), {}};
         response.headers.push_back({"Content-Disposition", "attachment; filename=\"" + file.value().file_name + "\""});
         response.headers.push_back({"Cache-Control", "no-store"});
         return response;
       }});
  router.Add({"POST",
              "/api/v1/systems/{id}/classification/approve",
              "The system's owner approves the action plan of its information classification (If-Match)",
              "decisions",
              {},
              "",
              "System",
              200,
              [&service, &accounts](Request& r) {
                const auto account = accounts.Get(r.account_id);
                if (!account.ok()) return NoAccount(r);
                const std::string header = r.Header("if-match");
                int64_t version = 0;
                if (header.empty())
                  return Problem(app::Error{app::ErrorCode::kPreconditionRequired,
                                            "If-Match krävs / If-Match required",
                                            "send If-Match with the system's ETag you read",
                                            {}},
                                 r.path);
                if (!ParseEtag(header, version))
                  return Problem(400, "Felaktig If-Match / Bad If-Match", "If-Match must be an ETag this server gave",
                                 r.path);
                const auto result =
                    app::ApproveClassification(service, r.params.at("id"), account.value(), version, ActorOf(r));
                if (!result.ok()) return Problem(result.error(), r.path);
                Response response = Json(result.value().json);
                response.headers.push_back({"ETag", "\"" + std::to_string(result.value().version) + "\""});
                return response;
              }});
  router.Add(
      {"POST",
       "/api/v1/measures/{source}/{holder}/{measure}/status",
       "A measure's status set by its owner, the DPO or whoever may write its holder (If-Match of the holder)",
       "measures",
       {},
       "MeasureStatusInput",
       "MeasureStatusChange",
       200,
       [&service, &accounts](Request& r) {
         const auto account = accounts.Get(r.account_id);
         if (!account.ok()) return NoAccount(r);
         const auto source = rules::ParseMeasureSource(r.params.at("source"));
         if (!source)
           return Problem(404, "Finns inte / Not found",
                          "source \"" + r.params.at("source") +
                              "\" does not exist: dpia, classification, breach or contract_review",
                          r.path);
         const std::string header = r.Header("if-match");
         int64_t version = 0;
         if (header.empty())
           return Problem(app::Error{app::ErrorCode::kPreconditionRequired,
                                     "If-Match krävs / If-Match required",
                                     "send If-Match with the holder's version (holder.version in GET /measures)",
                                     {}},
                          r.path);
         if (!ParseEtag(header, version))
           return Problem(400, "Felaktig If-Match / Bad If-Match", "If-Match must be an ETag this server gave", r.path);
         const auto body = io::ReadMeasureStatusRequest(r.body);
         if (!body.problems.empty()) return Problem(app::Invalid("the status is not valid", body.problems), r.path);
         const auto result = app::SetMeasureStatus(service, *source, r.params.at("holder"), r.params.at("measure"),
                                                   {body.status, body.done_on}, account.value(), version, ActorOf(r));
         if (!result.ok()) return Problem(result.error(), r.path);
         const auto& done = result.value();
         io::JsonWriter o(false);
         o.BeginObject();
         o.Field("source", rules::ToString(*source));
         o.Key("holder");
         o.BeginObject();
         o.Field("id", r.params.at("holder"));
         o.Field("version", done.holder.version);
         o.EndObject();
         o.Key("measure");
         WriteMeasure(o, done.measure);
         o.EndObject();
         Response response = Json(o.Take());
         response.headers.push_back({"ETag", "\"" + std::to_string(done.holder.version) + "\""});
         return response;
       }});
}

}  // namespace ansvar::http
