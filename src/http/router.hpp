#pragma once
// Routes: method + path pattern ("/api/v1/systems/{id}") → handler, with what the OpenAPI description says of them.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace ansvar::http {

struct Route {
  std::string method;
  std::string pattern;
  std::string summary;
  std::string tag;
  std::vector<std::string> query;  // documented query parameters
  std::string body_schema;         // a components/schemas name when the request has a body
  std::string response_schema;     // a components/schemas name of the success body
  int success = 200;
  std::function<Response(Request&)> handler;
};

class Router {
 public:
  void Add(Route route);
  // The route's answer; nullopt when no route has this path (405 is answered here for a known path).
  std::optional<Response> Dispatch(Request& request) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool Match(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params);
  std::vector<Route> routes_;
};

}  // namespace ansvar::http
