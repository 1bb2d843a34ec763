#pragma once
// The relying party's only outgoing HTTP: GET of the discovery document and the JWKS, POST of the token request.
// A function type, so that tests can answer without a network; CurlFetch() is the real one (libcurl).
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ansvar::oidc {

struct FetchRequest {
  std::string method = "GET";  // "GET" | "POST"
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // application/x-www-form-urlencoded for POST
};

struct FetchResponse {
  int status = 0;  // 0: no answer (connection refused, timeout, TLS failure)
  std::string body;
  std::string error;  // why there was no answer; safe to log (holds no URL query or body)
};

using Fetch = std::function<FetchResponse(const FetchRequest&)>;

// libcurl: http and https only, TLS peers verified, no redirects followed, 5 s to connect, 15 s in all, at most
// 1 MiB of answer.
Fetch CurlFetch();

// application/x-www-form-urlencoded (RFC 6749 Appendix B), used for the token request and for client_secret_basic.
std::string FormEncode(std::string_view value);
std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace ansvar::oidc
