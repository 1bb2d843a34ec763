#pragma once
// Errors as application/problem+json (RFC 9457). The one place where errors become HTTP statuses.
#include <string>

#include "app/result.hpp"
#include "http/message.hpp"

namespace ansvar::http {

Response Problem(int status, const std::string& title, const std::string& detail, const std::string& instance);
Response Problem(const app::Error& error, const std::string& instance);
// The one table from a reason to a status; never from the wording of a message.
int StatusOf(app::ErrorCode code);
int StatusOf(const app::Error& error);

}  // namespace ansvar::http
