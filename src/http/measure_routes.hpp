#pragma once
// The measures register and the owner's approval of a classification (measure_routes.cpp, app/measures.hpp).
#include "app/accounts.hpp"
#include "app/register_service.hpp"
#include "http/router.hpp"

namespace ansvar::http {

void AddMeasureRoutes(Router& router, app::RegisterService& service, app::Accounts& accounts);

}  // namespace ansvar::http
