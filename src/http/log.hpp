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

// A client address as a log line shows it (issue 17: the log is not a register of who was where): an IPv4 address
// with its last octet zeroed ("192.0.2.0/24"), an IPv6 address cut to its first 48 bits ("2001:db8:1::/48").
// Enough to tell networks apart in an incident, not to name a person's device.
std::string MaskedAddress(std::string_view address);

}  // namespace ansvar::http
