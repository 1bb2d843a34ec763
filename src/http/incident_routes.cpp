// The breach routes (incident_routes.hpp): the JSON of the breach use cases, written here with the io writer.
#include "http/incident_routes.hpp"

#include "app/breach_documents.hpp"
#include "app/incident_reports.hpp"
#include "http/access.hpp"
#include "http/problem.hpp"
#include "io/breach_json.hpp"
#include "io/entity_json.hpp"

namespace ansvar::http {
namespace {

constexpr const char* kBad = "Felaktig begäran / Bad request";

std::optional<auth::Principal> Who(const Request& r) {
  if (!r.who) return std::nullopt;
  const auto& a = r.who->account;
  return auth::Principal{a.id, a.role, a.administration, a.person};
}

Response NotSignedIn(const Request& r) {
  return Problem(401, "Inte inloggad / Not signed in", "no account for this request", r.path);
}

void TimeField(io::JsonWriter& o, std::string_view key, const std::optional<model::Timestamp>& t) {
  o.Key(key);
  if (t)
    o.String(model::FormatTimestamp(*t));
  else
    o.Null();
}

void Recipients(io::JsonWriter& o, const std::vector<app::BreachRecipient>& list) {
  o.Key("routed_to");
  o.BeginArray();
  for (const auto& x : list) {
    o.BeginObject();
    o.Field("name", x.name);
    o.Field("role", x.role);
    o.EndObject();
  }
  o.EndArray();
}

void TaskJson(io::JsonWriter& o, const app::BreachTask& t) {
  o.BeginObject();
  o.Field("id", t.incident.id.str());
  o.Field("status", app::ToString(t.status));
  o.Field("aware_at", model::FormatTimestamp(t.incident.aware_at));
  TimeField(o, "reported_at", t.incident.reported_at);
  TimeField(o, "deadline", t.deadline);
  o.Field("system", t.incident.system ? t.incident.system->str() : std::string());
  o.Field("system_name", t.system_name);
  o.Field("handler", t.incident.handler ? t.incident.handler->str() : std::string());
  o.Field("handler_name", t.handler_name);
  o.Field("description", t.incident.description);
  o.EndObject();
}

std::string NotificationJson(const app::NotificationForm& f) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("incident", f.incident);
  o.Field("made_at", model::FormatTimestamp(f.made_at));
  o.Field("complete", f.complete);
  o.Field("missing", f.missing);
  o.Key("sections");
  o.BeginArray();
  for (const auto& s : f.sections) {
    o.BeginObject();
    o.Field("title_sv", s.title_sv);
    o.Field("title_en", s.title_en);
    o.Key("fields");
    o.BeginArray();
    for (const auto& x : s.fields) {
      o.BeginObject();
      o.Field("key", x.key);
      o.Field("label_sv", x.label_sv);
      o.Field("label_en", x.label_en);
      o.Field("value", x.value);
      o.Field("required", x.required);
      o.Field("missing", x.required && x.value.empty());
      o.EndObject();
    }
    o.EndArray();
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
  return o.Take();
}

void Counts(io::JsonWriter& o, std::string_view key, const std::vector<app::BreachCount>& counts) {
  o.Key(key);
  o.BeginArray();
  for (const auto& c : counts) {
    o.BeginObject();
    o.Field("key", c.key);
    o.Field("label", c.label);
    o.Field("total", c.total);
    o.Field("notified", c.notified);
    o.EndObject();
  }
  o.EndArray();
}

Response FileResponse(app::ExportFile file) {
  Response response{200, file.content_type, std::move(file.bytes), {}};
  response.headers.push_back({"Content-Disposition", "attachment; filename=\"" + file.file_name + "\""});
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

}  // namespace

app::Result<app::EntityPage> ReadableIncidents(const app::RegisterService& service, const Request& r) {
  // No administration has this id (an id has no spaces): an empty page of the same shape.
  static const std::string kNoAdministration(1, ' ');
  app::ListQuery q;
  q.limit = app::kMaxPageSize;
  const auto who = Who(r);
  if (!who || !auth::MayReadIncidentRegister(who->role))
    q.administration = kNoAdministration;
  else if (who->role == auth::Role::kDataProtectionContact)
    q.administration = who->administration.empty() ? kNoAdministration : who->administration;
  return service.List(app::Kind::kIncident, q);
}

void WriteBreachTasks(io::JsonWriter& o, app::RegisterService& service, const Request& r) {
  o.Key("breach_tasks");
  o.BeginArray();
  if (const auto who = Who(r))
    if (const auto tasks = app::IncidentReports(service).Tasks(*who); tasks.ok())
      for (const auto& t : tasks.value()) TaskJson(o, t);
  o.EndArray();
}

void AddIncidentRoutes(Router& router, app::RegisterService& service) {
  router.Add(
      {"POST",
       "/api/v1/incident_reports",
       "Report a personal data breach (any signed-in account): what happened, when it was discovered, which system, "
       "whose data. Routed at once to the handler (R-INC-HANDLER), the data protection contacts and the DPO; the "
       "authority notice clock starts at discovered_at. Body: {what_happened, discovered_at, occurred_at?, system?, "
       "administration?, whose_data?}",
       "incidents",
       {},
       "",
       "",
       201,
       [&service](Request& r) {
         const auto who = Who(r);
         if (!who) return NotSignedIn(r);
         if (r.Header("content-type").find("json") == std::string::npos)
           return Problem(415, "Fel innehållstyp / Unsupported media type", "send the body as application/json",
                          r.path);
         const auto read = io::ReadBreachReport(r.body);
         if (!read.problems.empty())
           return Problem(app::Invalid("anmälan kunde inte läsas / the report could not be read", read.problems),
                          r.path);
         app::BreachReport report{read.what_happened, *read.discovered_at, read.occurred_at,
                                  read.system,        read.administration, read.whose_data};
         const auto receipt = app::IncidentReports(service).Report(report, *who, ActorOf(r));
         if (!receipt.ok()) return Problem(receipt.error(), r.path);
         const auto& x = receipt.value();
         io::JsonWriter o(false);
         o.BeginObject();
         o.Field("incident", x.incident.id.str());
         o.Field("status", app::ToString(app::StatusOf(x.incident)));
         o.Field("reported_at", model::FormatTimestamp(x.reported_at));
         o.Field("discovered_at", model::FormatTimestamp(x.incident.aware_at));
         o.Field("deadline", model::FormatTimestamp(x.deadline));
         o.Field("handler_name", x.handler_name);
         Recipients(o, x.routed_to);
         o.EndObject();
         Response resp = Json(o.Take(), 201);
         resp.headers.push_back({"Location", "/api/v1/incident_reports"});
         return resp;
       }});
  router.Add({"GET",
              "/api/v1/incident_reports",
              "The signed-in account's own breach reports with their status (received, assessed, notified, closed)",
              "incidents",
              {},
              "",
              "",
              200,
              [&service](Request& r) {
                const auto who = Who(r);
                if (!who) return NotSignedIn(r);
                const auto mine = app::IncidentReports(service).Mine(who->account);
                if (!mine.ok()) return Problem(mine.error(), r.path);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("items");
                o.BeginArray();
                for (const auto& m : mine.value()) {
                  o.BeginObject();
                  o.Field("incident", m.incident);
                  o.Field("status", app::ToString(m.status));
                  o.Field("reported_at", model::FormatTimestamp(m.reported_at));
                  o.Field("what_happened", m.report.what_happened);
                  o.Field("discovered_at", model::FormatTimestamp(m.report.discovered_at));
                  o.Field("system", m.report.system);
                  o.Field("system_name", m.system_name);
                  o.Field("whose_data", m.report.whose_data);
                  o.EndObject();
                }
                o.EndArray();
                o.EndObject();
                return Json(o.Take());
              }});
  router.Add({"GET",
              "/api/v1/incident_tasks",
              "The breaches on the signed-in account's task list: new or with the authority notice clock running "
              "(the DPO and admins: all; a data protection contact: its administration's; others: none)",
              "incidents",
              {},
              "",
              "",
              200,
              [&service](Request& r) {
                if (!Who(r)) return NotSignedIn(r);
                io::JsonWriter o(false);
                o.BeginObject();
                WriteBreachTasks(o, service, r);
                o.EndObject();
                return Json(o.Take());
              }});
  router.Add({"GET",
              "/api/v1/incidents/{id}/notification",
              "The notification to the authority (IMY's breach form) made from the record: format json (default), "
              "pdf or xlsx; the required fields without a value are named (missing)",
              "incidents",
              {"format"},
              "",
              "",
              200,
              [&service](Request& r) {
                const auto form = app::IncidentReports(service).Notification(r.params.at("id"));
                if (!form.ok()) return Problem(form.error(), r.path);
                const std::string format = r.Query("format");
                if (format.empty() || format == "json") {
                  Response resp = Json(NotificationJson(form.value()));
                  resp.headers.push_back({"Cache-Control", "no-store"});
                  return resp;
                }
                const auto f = app::ParseExportFormat(format);
                if (!f || *f == app::ExportFormat::kCsv) return Problem(400, kBad, "format: json, pdf or xlsx", r.path);
                auto file = app::NotificationDocument(form.value(), *f);
                if (!file.ok()) return Problem(file.error(), r.path);
                return FileResponse(std::move(file.value()));
              }});
  router.Add({"GET",
              "/api/v1/incident_statistics",
              "Breaches counted per cause, system and quarter of discovery, notified or not, for the follow-up: "
              "format json (default) or xlsx (a data protection contact: its administration's)",
              "incidents",
              {"format"},
              "",
              "",
              200,
              [&service](Request& r) {
                const auto who = Who(r);
                if (!who) return NotSignedIn(r);
                const std::string scope =
                    who->role == auth::Role::kDataProtectionContact ? who->administration : std::string();
                const auto st = app::IncidentReports(service).Statistics(scope);
                if (!st.ok()) return Problem(st.error(), r.path);
                const std::string format = r.Query("format");
                if (format == "xlsx") {
                  auto file = app::StatisticsWorkbook(st.value());
                  if (!file.ok()) return Problem(file.error(), r.path);
                  return FileResponse(std::move(file.value()));
                }
                if (!format.empty() && format != "json") return Problem(400, kBad, "format: json or xlsx", r.path);
                const auto& s = st.value();
                io::JsonWriter o(false);
                o.BeginObject();
                o.Field("total", s.total);
                o.Field("notified", s.notified);
                o.Field("not_notified", s.not_notified);
                Counts(o, "by_cause", s.by_cause);
                Counts(o, "by_system", s.by_system);
                Counts(o, "by_quarter", s.by_quarter);
                o.EndObject();
                return Json(o.Take());
              }});
}

}  // namespace ansvar::http
