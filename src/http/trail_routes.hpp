#pragma once
// The trails of accounts and API tokens (issue 17): GET /api/v1/accounts/{id}/trail and /api/v1/tokens/{id}/trail,
// for admins and the DPO (auth/policy.cpp: Resource::kCredentialTrail), paged.
#include "app/accounts.hpp"
#include "http/router.hpp"

namespace ansvar::http {

void AddTrailRoutes(Router& router, app::Accounts& accounts);

}  // namespace ansvar::http
