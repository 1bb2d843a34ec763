#pragma once
// Access control in front of every route (issue 6, docs/access-control.md): authenticate by the session cookie or an
// API token (Authorization: Bearer), check CSRF on state-changing requests that came with the cookie, and ask the
// policy (auth/policy.hpp) whether the account may do what the request asks — before any handler runs, for the API
// and the web UI alike. A refusal is 401 (not signed in) or 403 (not allowed), and changes nothing.
//
// What the middleware established travels with the request (Request::account_id, account_name).
#include <memory>
#include <optional>
#include <string>

#include "app/accounts.hpp"
#include "app/register_service.hpp"
#include "http/api.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace ansvar::http {

inline constexpr std::string_view kSessionCookie = "ansvar_session";
// Over HTTPS the cookie's name carries the __Host- prefix (RFC 6265bis §4.1.3.2): the browser then takes it only
// from this host, Secure, with Path=/, so that no sibling subdomain can plant one (issue 17).
inline constexpr std::string_view kSecureSessionCookie = "__Host-ansvar_session";

// The audit actor of a request: the signed-in account (id, name). Every handler that writes names it.
app::Actor ActorOf(const Request& request);

// The Set-Cookie value for a session: HttpOnly, SameSite=Lax, Path=/, Secure when served over TLS (options.tls);
// a session cookie (no Max-Age): the server's idle and absolute expiry decide how long it lasts.
std::string SessionCookie(const std::string& session_id, const ApiOptions& options);
// The Set-Cookie value that removes it.
std::string ClearedSessionCookie(const ApiOptions& options);
// The value of the session cookie in a Cookie header ("" when none): the __Host- one first.
std::string SessionIdOf(const Request& request);
// The token of "Authorization: Bearer <token>" ("" when none).
std::string BearerTokenOf(const Request& request);
// The path as a log line may show it: a calendar feed's secret token is left out.
std::string LoggablePath(const std::string& path);

class Access {
 public:
  Access(app::RegisterService& service, app::Accounts& accounts, ApiOptions options);
  // When the headers have arrived, before the body is read: who asks (401 when nobody and the path is not public),
  // CSRF, and every decision that does not need the body (all but writes of entities, messages and calendar
  // feeds, where the role is checked now and the rest by Check). nullopt admits the request.
  std::optional<Response> Admit(Request& request) const;
  // Before routing, with the whole request: nullopt lets the request on (with its account set); otherwise the
  // refusal to answer. Uses what Admit established when it ran.
  std::optional<Response> Check(Request& request) const;

 private:
  enum class Phase { kHeaders, kWhole };
  std::optional<Response> Decide(Request& request, Phase phase) const;

  app::RegisterService& service_;
  app::Accounts& accounts_;
  ApiOptions options_;
};

// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/session, /api/v1/accounts…, /api/v1/tokens…
// (auth_routes.cpp). GET /auth/session tells a signed-out client whether OIDC is offered: whether `router` has the
// route GET /api/v1/auth/oidc/login when it answers.
void AddAuthRoutes(Router& router, app::Accounts& accounts, const ApiOptions& options);

}  // namespace ansvar::http
