#pragma once
// The annual cycle's routes: GET /api/v1/due, the calendar feeds and their tokens, operational messages and
// their Atom feed.
#include <memory>

#include "app/register_service.hpp"
#include "http/api.hpp"
#include "http/router.hpp"

namespace ansvar::http {

// Links in the feeds point to `links->base` (http/api.hpp: --public-url), never to what the request names.
void AddCycleRoutes(Router& router, app::RegisterService& service, std::shared_ptr<const PublicLinks> links);

}  // namespace ansvar::http
