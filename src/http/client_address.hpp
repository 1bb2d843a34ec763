#pragma once
// The client's address behind reverse proxies (`ansvar serve --trusted-proxy ADDR`): the login throttle and the log
// must see the client, not the proxy. Only a proxy named as trusted is believed, and only the entries it and other
// trusted proxies appended to X-Forwarded-For: the rightmost address that is not a trusted proxy is the client.
#include <string>
#include <string_view>
#include <vector>

namespace ansvar::http {

std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

// Whether `address` is one of the trusted proxies.
bool Trusted(std::string_view address, const std::vector<std::string>& trusted_proxies);

}  // namespace ansvar::http
