#pragma once
// The use cases' typed answers as the API's JSON, written in one place with the io writers (io::JsonWriter, the
// entity JSON io::WriteEntity made, io/reports.hpp's findings, io/cycle_json.hpp, io::RulebookJson): never
// concatenated by hand, never searched afterwards. An answer of the API and the same part of a page
// (page_routes.cpp) are the same bytes.
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "app/cycle_service.hpp"
#include "app/register_service.hpp"
#include "http/message.hpp"
#include "http/problem.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {

void WriteJson(io::JsonWriter& o, const app::EntityPage& page);                    // {items, total, limit, offset}
void WriteJson(io::JsonWriter& o, const app::FindingsPage& page);                  // {as_of, findings, summary, …}
void WriteJson(io::JsonWriter& o, const app::GroupedSummary& summary);             // {as_of, group_by, groups}
void WriteJson(io::JsonWriter& o, const std::vector<app::TrendPoint>& points);     // {points}
void WriteJson(io::JsonWriter& o, const app::RegisterChanges& changes);            // {created, …[, changes]}
void WriteJson(io::JsonWriter& o, const std::vector<store::AuditEntry>& entries);  // {entries, count}
void WriteJson(io::JsonWriter& o, const std::vector<store::DocumentAuditEntry>& entries);  // {entries}
void WriteJson(io::JsonWriter& o, const rules::Rulebook& rulebook);
void WriteJson(io::JsonWriter& o, const app::DueReport& report);                       // {items}
void WriteJson(io::JsonWriter& o, const std::vector<app::CalendarTokenInfo>& tokens);  // {items}
void WriteJson(io::JsonWriter& o, const app::MessageList& list);                       // {items, total}
void WriteJson(io::JsonWriter& o, const app::SystemResponsibilities& r);  // {id, name, controllers, roles, dpa, …}

template <class T>
std::string ToJson(const T& value) {
  io::JsonWriter o(false);
  WriteJson(o, value);
  return o.Take();
}

// An entity with its version as the ETag.
Response Versioned(const app::Versioned& v, int status = 200);

// The answer to a request: the value as JSON (an entity with its ETag), or the error as a problem (problem.hpp).
template <class T>
Response Answer(const app::Result<T>& result, const Request& request, int status = 200) {
  if (!result.ok()) return Problem(result.error(), request.path);
  if constexpr (std::is_same_v<T, app::Versioned>)
    return Versioned(result.value(), status);
  else
    return Json(ToJson(result.value()), status);
}

// A part of a page: the value under `key`, or null when the read failed (the page shows that part as unavailable).
template <class T>
void ValueOr(io::JsonWriter& o, std::string_view key, const app::Result<T>& r) {
  o.Key(key);
  if (!r.ok())
    o.Null();
  else
    WriteJson(o, r.value());
}

}  // namespace ansvar::http
