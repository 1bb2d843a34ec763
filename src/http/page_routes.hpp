#pragma once
// Aggregated reads for the web interface's pages (page_routes.cpp): GET /api/v1/pages/overview, /pages/systems/{id},
// /pages/me. Each answers in one request what a page shows first, and what the signed-in account may do there.
#include "app/accounts.hpp"
#include "app/register_service.hpp"
#include "http/router.hpp"

namespace ansvar::http {

void AddPageRoutes(Router& router, app::RegisterService& service, app::Accounts& accounts);

}  // namespace ansvar::http
