#include "http/log.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "io/json_writer.hpp"

namespace ansvar::http {

void Log(std::string_view level, std::string_view message,
         std::initializer_list<std::pair<std::string_view, LogValue>> fields) {
  using namespace std::chrono;
  const auto now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("ts_ms", int64_t(now));
  o.Field("level", level);
  o.Field("msg", message);
  for (const auto& [k, v] : fields) {
    o.Key(k);
    if (const auto* s = std::get_if<std::string>(&v))
      o.String(*s);
    else
      o.Int(std::get<int64_t>(v));
  }
  o.EndObject();
  const std::string line = o.Take() + "\n";
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

std::string LoggableUrl(std::string url) {
  if (const auto p = url.find("password="); p != std::string::npos) {
    const auto amp = url.find('&', p);
    url = url.substr(0, p + 9) + "***" + (amp == std::string::npos ? "" : url.substr(amp));
  }
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto authority_end = url.find_first_of("/?#", scheme + 3);
  const auto at = url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at == std::string::npos || at < scheme) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

std::string MaskedAddress(std::string_view address) {
  if (address.empty()) return "";
  if (address.find(':') == std::string_view::npos) {
    const auto dot = address.rfind('.');
    if (dot == std::string_view::npos) return "masked";
    return std::string(address.substr(0, dot)) + ".0/24";
  }
  // IPv6 (an IPv4-mapped one as IPv4): the first three groups.
  if (address.starts_with("::ffff:") && address.find('.') != std::string_view::npos)
    return MaskedAddress(address.substr(7));
  std::string out;
  size_t start = 0;
  for (int group = 0; group < 3; ++group) {
    const auto colon = address.find(':', start);
    if (colon == std::string_view::npos || colon == start) break;  // "::" (zeros) ends what is spelled out
    out += std::string(address.substr(start, colon - start)) + ":";
    start = colon + 1;
  }
  return out + ":/48";
}

}  // namespace ansvar::http
