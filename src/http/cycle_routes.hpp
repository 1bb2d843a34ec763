#pragma once
// The annual cycle's routes: GET /api/v1/due, the calendar feeds and their tokens, operational messages and
// their Atom feed.
#include "app/register_service.hpp"
#include "http/router.hpp"

namespace ansvar::http {

void AddCycleRoutes(Router& router, app::RegisterService& service);

}  // namespace ansvar::http
