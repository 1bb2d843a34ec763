#pragma once
// Our own request and response types: the only HTTP shapes the rest of http/ sees (Beast stays in server.cpp).
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ansvar::app {
struct Authenticated;
}  // namespace ansvar::app

namespace ansvar::http {

struct Request {
  std::string method;                          // "GET", "POST", …
  std::string path;                            // decoded path, without the query
  std::map<std::string, std::string> query;    // decoded
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote;                         // peer address
  std::map<std::string, std::string> params;  // path parameters filled by the router
  // Who asks, as the access middleware (access.cpp) established it; empty when nobody is signed in.
  std::string account_id;
  std::string account_name;
  std::string credential;  // the session or API token that made the request (app::Authenticated::credential)
  // Set when the request was admitted on its headers (Access::Admit): whom its credential named then (null: nobody),
  // so that the check after the body does not authenticate again.
  bool admitted = false;
  std::shared_ptr<const app::Authenticated> who;

  [[nodiscard]] std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  [[nodiscard]] std::string Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

inline Response Json(std::string body, int status = 200) { return {status, "application/json", std::move(body), {}}; }

// Percent-decoding of a path or query component ('+' is a space only in queries); false on a bad escape.
bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space);
// Splits "a=1&b=2" into a map; false on a bad escape.
bool ParseQuery(std::string_view query, std::map<std::string, std::string>& out);

}  // namespace ansvar::http
