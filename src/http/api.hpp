#pragma once
// The REST API under /api/v1 over the register service, the static front end, and what every response gets
// (security headers, a structured log line).
#include <string>

#include "app/register_service.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace ansvar::http {

struct ApiOptions {
  std::string static_dir;      // the built web front end ("" for none)
  bool refresh_each_request = false;  // several instances share the database: catch up before answering
};

// Adds every /api/v1 route to `router`.
void AddApiRoutes(Router& router, app::RegisterService& service);
// Spreadsheet imports and the exports (import_export_routes.cpp); AddApiRoutes calls it.
void AddImportExportRoutes(Router& router, app::RegisterService& service);
// The OpenAPI 3.1 description of `router`'s routes.
std::string OpenApiJson(const Router& router);
// The whole request handler for `ansvar serve`.
Handler MakeHandler(app::RegisterService& service, ApiOptions options);

}  // namespace ansvar::http
