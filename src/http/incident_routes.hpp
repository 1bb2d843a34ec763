#pragma once
// Breaches from the first report to the authority (issue 15; app/incident_reports.hpp):
//   POST /api/v1/incident_reports                 any signed-in account reports a breach (201)
//   GET  /api/v1/incident_reports                 the account's own reports with their status, nothing else
//   GET  /api/v1/incident_tasks                   the breaches on the account's task list (DPO, contacts)
//   GET  /api/v1/incidents/{id}/notification      the notification to the authority: json, pdf or xlsx
//   GET  /api/v1/incident_statistics              counts per cause, system and quarter: json or xlsx
// Who may read the incident register is the policy's (auth/policy.hpp); the access middleware applies it to these
// routes as to /incidents.
#include "app/register_service.hpp"
#include "http/router.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {

void AddIncidentRoutes(Router& router, app::RegisterService& service);

// For the pages (page_routes.cpp): the incidents the request's account may read, as GET /incidents answers
// ({"items": […], …}); an empty page for an account that may read none.
app::Result<app::EntityPage> ReadableIncidents(const app::RegisterService& service, const Request& r);
// The breaches on the account's task list, as "breach_tasks": […] of the page's object (the /me page).
void WriteBreachTasks(io::JsonWriter& o, app::RegisterService& service, const Request& r);

}  // namespace ansvar::http
