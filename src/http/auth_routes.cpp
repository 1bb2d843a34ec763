// Signing in and out, the session, accounts and API tokens (docs/access-control.md "Endpoints"). The middleware
// (access.cpp) has already decided who may reach each route: accounts and tokens are an admin's.
#include <cctype>
#include <memory>

#include "http/access.hpp"
#include "http/log.hpp"
#include "http/problem.hpp"
#include "io/account_json.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {
namespace {

// Exactly application/json (parameters aside: "; charset=utf-8"), compared without case: "text/plain; x=+json" is
// a type a cross-site form can send without a preflight, and is not JSON (issue 17).
bool IsJson(const Request& r) {
  std::string type = r.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.erase(type.begin());
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "application/json";
}

Response UnsupportedType(const Request& r) {
  return Problem(415, "Fel innehållstyp / Unsupported media type", "send the body as application/json", r.path);
}

Response Unavailable(const Request& r) {
  return Problem(503, "Lagringen svarar inte / Storage unavailable", "try again in a moment", r.path);
}

void SummaryFields(io::JsonWriter& o, const auth::Account& a) {
  o.BeginObject();
  o.Field("id", a.id);
  o.Field("name", a.name);
  o.Field("role", model::ToString(a.role));
  o.Key("administration");
  if (a.administration.empty())
    o.Null();
  else
    o.String(a.administration);
  o.Key("person");
  if (a.person.empty())
    o.Null();
  else
    o.String(a.person);
  o.EndObject();
}

// {"account":{id,name,role,administration,person},"csrf_token","via"}
std::string SessionJson(const auth::Account& a, const std::string& csrf, std::string_view via) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Key("account");
  SummaryFields(o, a);
  o.Key("csrf_token");
  if (csrf.empty())
    o.Null();
  else
    o.String(csrf);
  o.Field("via", via);
  o.EndObject();
  return o.Take();
}

// Login's defence against a cross-site form: JSON only (a form cannot send it without a CORS preflight, which this
// server never grants), and when the browser says where the page came from, it must be this server.
bool SameOrigin(const Request& r) {
  const std::string origin = r.Header("origin");
  if (origin.empty()) return true;
  const auto scheme = origin.find("://");
  if (scheme == std::string::npos) return false;
  return origin.substr(scheme + 3) == r.Header("host");
}

app::AccountChange ChangeOf(const io::AccountRequest& a) {
  app::AccountChange c;
  c.name = a.name, c.email = a.email, c.administration = a.administration, c.person = a.person;
  c.oidc_subject = a.oidc_subject, c.password = a.password, c.role = a.role, c.disabled = a.disabled;
  c.single_sign_on = a.single_sign_on;
  return c;
}

}  // namespace

void AddAuthRoutes(Router& router, app::Accounts& accounts, const ApiOptions& options) {
  const Router* routes = &router;

  router.Add({"POST",
              "/api/v1/auth/login",
              "Sign in with user name and password: {username, password}; sets the session cookie and answers the "
              "account and the CSRF token (401 refused, 429 throttled)",
              "auth",
              {},
              "",
              "",
              200,
              [&accounts, options](Request& r) {
                if (!IsJson(r)) return UnsupportedType(r);
                if (!SameOrigin(r))
                  return Problem(403, "Otillåtet / Forbidden", "sign in from this server's own pages", r.path);
                const auto body = io::ReadLoginRequest(r.body);
                if (!body.problems.empty())
                  return Problem(app::Invalid("the sign-in is not valid", body.problems), r.path);
                app::LoginResult result;
                try {
                  // A session that came along is never promoted (session fixation): it ends, a new one begins.
                  if (const auto old = SessionIdOf(r); !old.empty()) accounts.EndSession(old);
                  result = accounts.Login(body.value.username, body.value.password, r.remote);
                } catch (const store::StoreError& e) {
                  Log("error", "login failed", {{"error", std::string(e.what())}});
                  return Unavailable(r);
                }
                switch (result.outcome) {
                  case app::LoginOutcome::kThrottled: {
                    Log("warning", "login throttled", {{"remote", MaskedAddress(r.remote)}});
                    auto resp = Problem(429, "För många försök / Too many attempts",
                                        "too many failed sign-ins: wait before trying again", r.path);
                    resp.headers.push_back({"Retry-After", std::to_string(result.retry_after_seconds)});
                    return resp;
                  }
                  case app::LoginOutcome::kRefused: {
                    Log("info", "login refused", {{"remote", MaskedAddress(r.remote)}});
                    auto resp = Problem(401, "Inte inloggad / Not signed in",
                                        "fel användarnamn eller lösenord / wrong user name or password", r.path);
                    return resp;
                  }
                  case app::LoginOutcome::kSignedIn:
                    break;
                }
                Log("info", "login", {{"account", result.account->id}, {"remote", MaskedAddress(r.remote)}});
                Response resp = Json(SessionJson(*result.account, result.session->csrf, "password"));
                resp.headers.push_back({"Set-Cookie", SessionCookie(result.session->id, options)});
                resp.headers.push_back({"Cache-Control", "no-store"});
                return resp;
              }});

  router.Add({"POST",
              "/api/v1/auth/logout",
              "Sign out: ends the session and clears its cookie",
              "auth",
              {},
              "",
              "",
              204,
              [&accounts, options](Request& r) {
                try {
                  if (const auto sid = SessionIdOf(r); !sid.empty()) accounts.EndSession(sid);
                } catch (const store::StoreError&) {
                  return Unavailable(r);
                }
                Response resp{204, "application/json", "", {}};
                resp.headers.push_back({"Set-Cookie", ClearedSessionCookie(options)});
                return resp;
              }});

  router.Add({"GET",
              "/api/v1/auth/session",
              "Who is signed in: the account, the CSRF token for state-changing requests and how they signed in; 401 "
              "with the sign-in methods on offer when no one is",
              "auth",
              {},
              "",
              "",
              200,
              [&accounts, routes](Request& r) {
                std::optional<app::Authenticated> who;
                std::string via;
                try {
                  if (const auto token = BearerTokenOf(r); !token.empty()) {
                    who = accounts.FromToken(token), via = "token";
                  } else if (const auto sid = SessionIdOf(r); !sid.empty()) {
                    who = accounts.FromSession(sid);
                    if (who) via = model::ToString(who->session->via);
                  }
                } catch (const store::StoreError&) {
                  return Unavailable(r);
                }
                if (!who) {
                  bool oidc = false;
                  for (const auto& route : routes->routes())
                    if (route.method == "GET" && route.pattern == "/api/v1/auth/oidc/login") oidc = true;
                  io::JsonWriter o(false);
                  o.BeginObject();
                  o.Field("type", "about:blank");
                  o.Field("status", 401);
                  o.Field("title", "Inte inloggad / Not signed in");
                  o.Field("detail", "no session: sign in");
                  o.Field("instance", r.path);
                  o.Key("methods");
                  o.BeginObject();
                  o.Field("password", true);
                  o.Field("oidc", oidc);
                  o.EndObject();
                  o.EndObject();
                  return Response{401, "application/problem+json", o.Take(), {}};
                }
                Response resp = Json(SessionJson(who->account, who->session ? who->session->csrf : "", via));
                resp.headers.push_back({"Cache-Control", "no-store"});
                return resp;
              }});

  // ---- Accounts (admin) ----
  auto account_json = [&accounts](const auth::Account& a) { return io::AccountJson(a, accounts.HasPassword(a.id)); };
  router.Add({"GET",
              "/api/v1/accounts",
              "The accounts (admin): never a password or its hash",
              "accounts",
              {},
              "",
              "",
              200,
              [&accounts, account_json](Request& r) {
                const auto all = accounts.List();
                if (!all.ok()) return Problem(all.error(), r.path);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("items");
                o.BeginArray();
                for (const auto& a : all.value()) o.Raw(account_json(a));
                o.EndArray();
                o.EndObject();
                return Json(o.Take());
              }});
  router.Add(
      {"POST",
       "/api/v1/accounts",
       "Create an account (admin): {id, name, email, role, administration, person, password, disabled}",
       "accounts",
       {},
       "",
       "",
       201,
       [&accounts, account_json](Request& r) {
         if (!IsJson(r)) return UnsupportedType(r);
         const auto body = io::ReadAccountRequest(r.body);
         if (!body.problems.empty()) return Problem(app::Invalid("the account is not valid", body.problems), r.path);
         if (!body.Has("id"))
           return Problem(app::Invalid("the account is not valid", {{"$.id", "missing required field"}}), r.path);
         auto created = accounts.Create(body.value.id, ChangeOf(body.value), ActorOf(r));
         if (!created.ok()) return Problem(created.error(), r.path);
         Response resp = Json(account_json(created.value()), 201);
         resp.headers.push_back({"Location", "/api/v1/accounts/" + created.value().id});
         return resp;
       }});
  router.Add({"GET",
              "/api/v1/accounts/{id}",
              "Read an account (admin)",
              "accounts",
              {},
              "",
              "",
              200,
              [&accounts, account_json](Request& r) {
                const auto a = accounts.Get(r.params.at("id"));
                if (!a.ok()) return Problem(a.error(), r.path);
                return Json(account_json(a.value()));
              }});
  router.Add({"PATCH",
              "/api/v1/accounts/{id}",
              "Change an account (admin): role, administration, person, disabled, name, email, password; a new "
              "password or disabling signs the account out everywhere",
              "accounts",
              {},
              "",
              "",
              200,
              [&accounts, account_json](Request& r) {
                if (!IsJson(r)) return UnsupportedType(r);
                const auto body = io::ReadAccountRequest(r.body);
                if (!body.problems.empty())
                  return Problem(app::Invalid("the change is not valid", body.problems), r.path);
                if (body.Has("id") && body.value.id != r.params.at("id"))
                  return Problem(
                      app::Invalid("the id cannot change", {{"$.id", "must be \"" + r.params.at("id") + "\""}}),
                      r.path);
                auto updated = accounts.Update(r.params.at("id"), ChangeOf(body.value), ActorOf(r));
                if (!updated.ok()) return Problem(updated.error(), r.path);
                return Json(account_json(updated.value()));
              }});

  // ---- API tokens (admin) ----
  router.Add({"GET",
              "/api/v1/tokens",
              "The API tokens (admin): who and what for, never the token",
              "tokens",
              {},
              "",
              "",
              200,
              [&accounts](Request& r) {
                const auto all = accounts.ListTokens();
                if (!all.ok()) return Problem(all.error(), r.path);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("items");
                o.BeginArray();
                for (const auto& t : all.value()) o.Raw(io::ApiTokenJson(t));
                o.EndArray();
                o.EndObject();
                return Json(o.Take());
              }});
  router.Add({"POST",
              "/api/v1/tokens",
              "Create an API token for an account (admin only): {account, name, expires_in_days?}; the token is shown "
              "once. A token for another account than the admin's own acts on that account's behalf: every audit "
              "entry made with it names the account as actor and the admin as issued_by "
              "(credential token:<id>;issued_by:<admin>)",
              "tokens",
              {},
              "",
              "",
              201,
              [&accounts](Request& r) {
                if (!IsJson(r)) return UnsupportedType(r);
                const auto body = io::ReadApiTokenRequest(r.body);
                if (!body.problems.empty())
                  return Problem(app::Invalid("the token request is not valid", body.problems), r.path);
                auto issued =
                    accounts.CreateToken(body.value.account, body.value.name, ActorOf(r), body.value.expires_in_days);
                if (!issued.ok()) return Problem(issued.error(), r.path);
                // The only time the token is shown.
                Response resp = Json(io::ApiTokenJson(issued.value().record, issued.value().token), 201);
                resp.headers.push_back({"Cache-Control", "no-store"});
                resp.headers.push_back({"Location", "/api/v1/tokens/" + issued.value().record.id});
                return resp;
              }});
  router.Add({"DELETE",
              "/api/v1/tokens/{id}",
              "Revoke an API token (admin): it stops working at once",
              "tokens",
              {},
              "",
              "",
              204,
              [&accounts](Request& r) {
                auto revoked = accounts.RevokeToken(r.params.at("id"), ActorOf(r));
                if (!revoked.ok()) return Problem(revoked.error(), r.path);
                return Response{204, "application/json", "", {}};
              }});
}

}  // namespace ansvar::http
