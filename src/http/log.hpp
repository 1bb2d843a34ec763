#pragma once
// Structured logs: one JSON object per line on stderr ({"ts":…,"level":…,"msg":…, fields}). No secrets, no bodies.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace ansvar::http {

using LogValue = std::variant<std::string, int64_t>;
void Log(std::string_view level, std::string_view message,
         std::initializer_list<std::pair<std::string_view, LogValue>> fields = {});

// A URL as a log line may show it: the password of "scheme://user:secret@host/…" and of "?password=secret" left out
// (database and SMTP URLs).
std::string LoggableUrl(std::string url);

}  // namespace ansvar::http
