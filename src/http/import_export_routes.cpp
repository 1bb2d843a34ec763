// POST /api/v1/imports (a spreadsheet in the body: a dry run, or the import) and GET /api/v1/exports/... (the
// records of processing, the system register and the findings as .xlsx, .csv or PDF).
#include <charconv>

#include "app/exports.hpp"
#include "app/spreadsheet_import.hpp"
#include "http/access.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"
#include "io/import_mapping.hpp"

namespace ansvar::http {
namespace {

bool Truthy(const std::string& s) { return s == "true" || s == "1" || s == "yes" || s == "ja"; }

Response Bad(const Request& r, const std::string& detail) {
  return Problem(400, "Felaktig begäran / Bad request", detail, r.path);
}

Response Import(app::RegisterService& service, Request& r) {
  const std::string type = r.Header("content-type");
  if (type.starts_with("application/json") || type.starts_with("multipart/"))
    return Problem(415, "Fel innehållstyp / Unsupported media type",
                   "send the spreadsheet itself as the body (.xlsx or .csv), not JSON or a form", r.path);
  app::ImportOptions options;
  options.file_name = r.Query("file_name");
  options.sheet = r.Query("sheet");
  const std::string dry = r.Query("dry_run");
  if (!dry.empty() && dry != "false" && dry != "0" && !Truthy(dry)) return Bad(r, "dry_run: true or false");
  if (const auto mapping = r.Query("mapping"); !mapping.empty()) {
    auto read = io::ReadImportMapping(mapping);
    if (!read.mapping) return Problem(app::Invalid("the mapping is not valid", read.problems), r.path);
    options.mapping = std::move(*read.mapping);
  }
  // If-Match: the register_version of the dry run the user saw; the import is refused (412) if it changed.
  if (std::string etag = r.Header("if-match"); !etag.empty() && etag != "*") {
    if (etag.starts_with("W/")) etag = etag.substr(2);
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
    int64_t seq = 0;
    const auto res = std::from_chars(etag.data(), etag.data() + etag.size(), seq);
    if (res.ec != std::errc() || res.ptr != etag.data() + etag.size())
      return Bad(r, "If-Match: the register_version of the dry run");
    options.expected_seq = seq;
  }
  if (r.body.empty()) return Bad(r, "the body is empty: send the .xlsx or .csv file");
  auto result = app::ImportSpreadsheet(service, r.body, options, Truthy(dry), ActorOf(r));
  if (!result.ok()) return Problem(result.error(), r.path);
  Response response = Json(std::move(result.value().json));
  response.headers.push_back({"ETag", "\"" + std::to_string(result.value().plan.base_seq) + "\""});
  return response;
}

// Letters, digits, dot, dash and underscore: a file name every browser and shell takes as it is.
std::string SafeFileName(std::string name) {
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return name;
}

Response Export(const app::RegisterService& service, app::ExportWhat what, Request& r) {
  app::ExportRequest q;
  q.what = what;
  const std::string format = r.Query("format");
  if (!format.empty()) {
    const auto f = app::ParseExportFormat(format);
    if (!f) return Bad(r, "format: xlsx, csv or pdf");
    q.format = *f;
  }
  q.committee = r.Query("committee"), q.administration = r.Query("administration"),
  q.organization = r.Query("organization");
  const std::string lang = r.Query("lang");
  if (!lang.empty() && lang != "sv" && lang != "en") return Bad(r, "lang: sv or en");
  q.lang = lang == "en" ? rules::Lang::kEn : rules::Lang::kSv;
  if (const auto a = r.Query("as_of"); !a.empty() && !(q.as_of = model::ParseDateOrTimestamp(a)))
    return Bad(r, "as_of: expected a date or an RFC 3339 timestamp");
  auto result = app::Export(service, q);
  if (!result.ok()) return Problem(result.error(), r.path);
  auto& file = result.value();
  Response response{200, file.content_type, std::move(file.bytes), {}};
  response.headers.push_back({"Content-Disposition", "attachment; filename=\"" + SafeFileName(file.file_name) + "\""});
  response.headers.push_back({"Cache-Control", "no-store"});  // records of personal data stay out of caches
  return response;
}

}  // namespace

void AddImportExportRoutes(Router& router, app::RegisterService& service) {
  router.Add(
      {"POST",
       "/api/v1/imports",
       "Import systems (with their roles), people and processing activities from a spreadsheet (.xlsx or .csv as the "
       "body). dry_run=true reports row by row and cell by cell and changes nothing; otherwise all or nothing. "
       "If-Match: the register_version of the dry run (412 if the register changed since)",
       "imports",
       {"dry_run", "file_name", "sheet", "mapping"},
       "Spreadsheet",
       "ImportReport",
       200,
       [&service](Request& r) { return Import(service, r); }});
  struct Kind {
    const char* path;
    app::ExportWhat what;
    const char* summary;
  };
  static constexpr Kind kExports[] = {
      {"ropa", app::ExportWhat::kRopa,
       "The record of processing (GDPR art. 30.1) per committee, administration or organization"},
      {"processor-record", app::ExportWhat::kProcessorRecord,
       "The record of processing as a processor (GDPR art. 30.2)"},
      {"systems", app::ExportWhat::kSystems,
       "The system register with its roles (xlsx with a sheet of people, or csv); imports back"},
      {"findings", app::ExportWhat::kFindings,
       "The findings with the rule texts, per organization, administration or committee"},
  };
  for (const auto& k : kExports) {
    router.Add({"GET",
                std::string("/api/v1/exports/") + k.path,
                std::string(k.summary) + " as format=xlsx (default), csv or pdf",
                "exports",
                {"format", "committee", "administration", "organization", "lang", "as_of"},
                "",
                "",
                200,
                [&service, what = k.what](Request& r) { return Export(service, what, r); }});
  }
}

}  // namespace ansvar::http
