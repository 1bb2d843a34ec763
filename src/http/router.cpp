#include "http/router.hpp"

#include "http/problem.hpp"

namespace ansvar::http {

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

bool Router::Match(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  size_t p = 0, q = 0;
  while (p < pattern.size() && q < path.size()) {
    if (pattern[p] == '{') {
      const size_t close = pattern.find('}', p);
      const size_t end = path.find('/', q);
      const std::string value = path.substr(q, end == std::string::npos ? std::string::npos : end - q);
      if (value.empty()) return false;
      params[pattern.substr(p + 1, close - p - 1)] = value;
      p = close + 1;
      q = end == std::string::npos ? path.size() : end;
    } else {
      if (pattern[p] != path[q]) return false;
      ++p, ++q;
    }
  }
  return p == pattern.size() && q == path.size();
}

std::optional<Response> Router::Dispatch(Request& request) const {
  std::string allowed;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(route.pattern, request.path, params)) continue;
    if (route.method == request.method || (request.method == "HEAD" && route.method == "GET")) {
      request.params = std::move(params);
      return route.handler(request);
    }
    allowed += (allowed.empty() ? "" : ", ") + route.method;
  }
  if (allowed.empty()) return std::nullopt;
  auto r = Problem(405, "Metoden stöds inte / Method not allowed",
                   request.method + " is not allowed here; use " + allowed, request.path);
  r.headers.push_back({"Allow", allowed});
  return r;
}

}  // namespace ansvar::http
