#pragma once
// Cooperations and organizations' rulebooks (issue 13): the pages' aggregated reads (GET /api/v1/pages/rulebook,
// /pages/cooperations, /pages/cooperations/{id}), the publication of a cooperation's essence by an admin
// (PUT|DELETE /api/v1/cooperations/{id}/publication) and what the public reads without signing in
// (GET /api/v1/public/cooperations/{id}/essence and essence.pdf; 404 unless published).
#include "app/accounts.hpp"
#include "app/register_service.hpp"
#include "http/router.hpp"

namespace ansvar::http {

void AddCooperationRoutes(Router& router, app::RegisterService& service, app::Accounts& accounts);

}  // namespace ansvar::http
