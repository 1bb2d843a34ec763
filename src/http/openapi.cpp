// The OpenAPI 3.1 description, made from the route table itself so that it cannot drift from what is served.
#include <map>
#include <set>

#include "http/api.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {
namespace {

void Ref(io::JsonWriter& o, const std::string& schema) {
  o.BeginObject();
  o.Field("$ref", "#/components/schemas/" + schema);
  o.EndObject();
}

void JsonContent(io::JsonWriter& o, const std::string& media, const std::string& schema) {
  o.Key("content");
  o.BeginObject();
  o.Key(media);
  o.BeginObject();
  o.Key("schema");
  Ref(o, schema);
  o.EndObject();
  o.EndObject();
}

// A request body that is a file: an .xlsx workbook or a .csv text.
void SpreadsheetContent(io::JsonWriter& o) {
  o.Key("content");
  o.BeginObject();
  for (const char* media :
       {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv", "application/octet-stream"}) {
    o.Key(media);
    o.BeginObject();
    o.Key("schema");
    o.BeginObject();
    o.Field("type", "string");
    o.Field("format", "binary");
    o.EndObject();
    o.EndObject();
  }
  o.EndObject();
}

void Operation(io::JsonWriter& o, const Route& route) {
  o.BeginObject();
  o.Field("summary", route.summary);
  o.Key("tags");
  o.BeginArray();
  o.String(route.tag);
  o.EndArray();
  o.Key("parameters");
  o.BeginArray();
  for (size_t p = route.pattern.find('{'); p != std::string::npos; p = route.pattern.find('{', p + 1)) {
    const size_t close = route.pattern.find('}', p);
    o.BeginObject();
    o.Field("name", route.pattern.substr(p + 1, close - p - 1));
    o.Field("in", "path");
    o.Field("required", true);
    o.Key("schema");
    o.BeginObject();
    o.Field("type", "string");
    o.EndObject();
    o.EndObject();
  }
  for (const auto& q : route.query) {
    o.BeginObject();
    o.Field("name", q);
    o.Field("in", "query");
    o.Field("required", false);
    o.Key("schema");
    o.BeginObject();
    o.Field("type", q == "limit" || q == "offset" ? "integer" : "string");
    o.EndObject();
    o.EndObject();
  }
  if (route.method == "PUT" || route.method == "DELETE") {
    if (route.pattern.find("{id}") != std::string::npos) {
      o.BeginObject();
      o.Field("name", "If-Match");
      o.Field("in", "header");
      o.Field("required", true);
      o.Field("description", "The ETag of the version being changed, or *");
      o.Key("schema");
      o.BeginObject();
      o.Field("type", "string");
      o.EndObject();
      o.EndObject();
    }
  }
  o.EndArray();
  if (!route.body_schema.empty()) {
    o.Key("requestBody");
    o.BeginObject();
    o.Field("required", true);
    if (route.body_schema == "Spreadsheet")
      SpreadsheetContent(o);
    else
      JsonContent(o, "application/json", route.body_schema);
    o.EndObject();
  }
  o.Key("responses");
  o.BeginObject();
  o.Key(std::to_string(route.success));
  o.BeginObject();
  o.Field("description", route.success == 204 ? "Done" : "Success");
  if (!route.response_schema.empty()) JsonContent(o, "application/json", route.response_schema);
  o.EndObject();
  o.Key("default");
  o.BeginObject();
  o.Field("description", "An error (RFC 9457 problem details)");
  JsonContent(o, "application/problem+json", "Problem");
  o.EndObject();
  o.EndObject();
  o.EndObject();
}

void ObjectSchema(io::JsonWriter& o, const std::string& name, const std::string& description,
                  const std::vector<std::string>& required = {}) {
  o.Key(name);
  o.BeginObject();
  o.Field("type", "object");
  o.Field("description", description);
  if (!required.empty()) o.Field("required", required);
  o.EndObject();
}

}  // namespace

std::string OpenApiJson(const Router& router) {
  io::JsonWriter o(true);
  o.BeginObject();
  o.Field("openapi", "3.1.0");
  o.Key("info");
  o.BeginObject();
  o.Field("title", "Ansvar");
  o.Field("version", "1");
  o.Field("description",
          "Register and rules engine for a municipality's digital services, systems and GDPR obligations. Entities "
          "have the shapes of the register exchange format ansvar-register/1.");
  o.EndObject();
  std::map<std::string, std::vector<const Route*>> paths;
  for (const auto& r : router.routes()) paths[r.pattern].push_back(&r);
  paths["/api/v1/openapi.json"];  // added after this description is made
  o.Key("paths");
  o.BeginObject();
  for (const auto& [pattern, routes] : paths) {
    o.Key(pattern);
    o.BeginObject();
    if (routes.empty()) {
      Route self{"GET", pattern, "This description (OpenAPI 3.1)", "service", {}, "", "", 200, {}};
      o.Key("get");
      Operation(o, self);
    }
    for (const auto* r : routes) {
      std::string method = r->method;
      for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      o.Key(method);
      Operation(o, *r);
    }
    o.EndObject();
  }
  o.EndObject();
  o.Key("components");
  o.BeginObject();
  o.Key("schemas");
  o.BeginObject();
  o.Key("Problem");
  o.BeginObject();
  o.Field("type", "object");
  o.Field("required", std::vector<std::string>{"type", "status", "title"});
  o.Key("properties");
  o.BeginObject();
  for (const char* k : {"type", "title", "detail", "instance"}) {
    o.Key(k);
    o.BeginObject();
    o.Field("type", "string");
    o.EndObject();
  }
  o.Key("status");
  o.BeginObject();
  o.Field("type", "integer");
  o.EndObject();
  o.Key("errors");
  o.BeginObject();
  o.Field("type", "array");
  o.Field("description", "Each fault with the JSON path of the field to fix");
  o.EndObject();
  o.EndObject();
  o.EndObject();
  ObjectSchema(o, "Register", "A whole register, ansvar-register/1", {"format"});
  ObjectSchema(o, "Page", "{items, total, limit, offset}", {"items", "total"});
  ObjectSchema(o, "Findings", "{as_of, findings, summary, total, limit, offset}", {"findings", "summary"});
  ObjectSchema(o, "Responsibilities", "Derived responsibilities of a system and the chain that explains them");
  ObjectSchema(o, "Audit", "{entries, count}", {"entries"});
  ObjectSchema(o, "ImportSummary", "{created, updated, deleted, unchanged}");
  ObjectSchema(
      o, "ImportReport",
      "{dry_run, ok, file, register_version, sheets, summary, rows: [{sheet, row, action, entity_type, entity_id, "
      "name, changes, problems}], problems, applied}",
      {"ok", "rows"});
  for (const char* e : {"Organization", "Committee", "Administration", "Person", "System", "Delegation",
                        "PowerOfAttorney", "ProcessingActivity", "ProcessorRecord", "Incident", "DataSubjectRequest",
                        "Agreement", "Cooperation", "DpaDecision"})
    ObjectSchema(o, e, std::string("A ") + e + " as in ansvar-register/1");
  o.EndObject();
  o.EndObject();
  o.EndObject();
  return o.Take();
}

}  // namespace ansvar::http
