#include "http/client_address.hpp"

#include <algorithm>

namespace ansvar::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool Trusted(std::string_view address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  if (!Trusted(peer, trusted_proxies)) return peer;
  std::string_view rest = forwarded_for;
  std::string client = peer;
  // From the right: each hop a trusted proxy appended; stop at the first that is not a trusted proxy.
  while (!rest.empty()) {
    const size_t comma = rest.rfind(',');
    const std::string_view hop = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty() || hop.size() > 64) break;  // a malformed list: believe nothing further left
    client = std::string(hop);
    if (!Trusted(hop, trusted_proxies)) break;
  }
  return client;
}

}  // namespace ansvar::http
