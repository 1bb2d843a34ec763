#pragma once
// Decisions, reports and approvals as acts, and each person's tasks (decision_routes.cpp, app/decisions.hpp).
#include "app/accounts.hpp"
#include "app/register_service.hpp"
#include "http/router.hpp"

namespace ansvar::http {

void AddDecisionRoutes(Router& router, app::RegisterService& service, app::Accounts& accounts);

}  // namespace ansvar::http
