#pragma once
// The REST API under /api/v1 over the register service, the static front end, and what every response gets
// (security headers, a structured log line).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/register_service.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace ansvar::oidc {
class Client;
enum class UsernameFallback;
}  // namespace ansvar::oidc

namespace ansvar::http {

// Single sign-on with OpenID Connect (http/oidc_routes.hpp; `ansvar serve --oidc-issuer …`, cli/oidc_options.hpp).
struct SingleSignOn {
  std::shared_ptr<oidc::Client> client;
  std::string claim = "email";  // "email": the account's e-mail; any other claim: the account id
  std::string public_url;       // where browsers reach this server ("https://ansvar.kommun.se")
  // Whether upn / preferred_username stand in for a missing e-mail (`--oidc-username-fallback`, oidc/identity.hpp).
  oidc::UsernameFallback username_fallback{};  // kNo
};

// Where the links in calendar feeds, the Atom feed and reminder mails point: `--public-url`, or without it the
// address the server listens on (known once it listens; `ansvar serve` says so at start). Never the request's `Host`
// or `X-Forwarded-Proto`, which a client chooses (issue 17). Set before the server runs, only read after.
struct PublicLinks {
  std::string base;  // "https://ansvar.kommun.se", no trailing slash
};

struct ApiOptions {
  std::string static_dir;             // the built web front end ("" for none)
  bool refresh_each_request = false;  // several instances share the database: catch up before answering
  // Served over HTTPS, here (--tls-cert) or by a TLS-terminating proxy (--behind-tls-proxy): cookies get Secure and
  // every answer Strict-Transport-Security.
  bool tls = false;
  std::optional<SingleSignOn> sso = std::nullopt;  // nullopt: no single sign-on routes
  // Reverse proxies (their addresses as the peer is seen) whose X-Forwarded-For names the client (client_address.hpp).
  std::vector<std::string> trusted_proxies = {};
  std::shared_ptr<PublicLinks> links = std::make_shared<PublicLinks>();
};

// The kind of the register's collection at /api/v1/<segment> ("systems": kSystem).
std::optional<app::Kind> KindOfCollectionPath(std::string_view segment);
// Adds every /api/v1 route to `router`.
void AddApiRoutes(Router& router, app::RegisterService& service);
// Spreadsheet imports and the exports (import_export_routes.cpp); AddApiRoutes calls it.
void AddImportExportRoutes(Router& router, app::RegisterService& service);
// The OpenAPI 3.1 description of `router`'s routes.
std::string OpenApiJson(const Router& router);
// The whole request handler for `ansvar serve`.
Handler MakeHandler(app::RegisterService& service, ApiOptions options);

}  // namespace ansvar::http
