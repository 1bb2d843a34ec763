#include "http/oidc_routes.hpp"

#include <cctype>
#include <memory>

#include "http/access.hpp"
#include "http/log.hpp"
#include "http/problem.hpp"
#include "io/json_writer.hpp"
#include "oidc/client.hpp"
#include "oidc/crypto.hpp"
#include "oidc/identity.hpp"
#include "oidc/pending_login.hpp"

namespace ansvar::http {
namespace {

const std::string kFailed = "Inloggningen misslyckades / Sign-in failed";
const std::string kCallbackPath = "/api/v1/auth/oidc/callback";
constexpr std::string_view kStatePrefix = "oidc/";

// The record of a sign-in is named by the SHA-256 of its state: the store never holds the state itself.
std::string StateKey(const std::string& state) { return std::string(kStatePrefix) + oidc::Sha256Hex(state); }

std::string CookieValue(const Request& r, std::string_view name) {
  const std::string cookies = r.Header("cookie");
  size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    const size_t end = cookies.find(';', at);
    std::string pair = cookies.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (pair.size() > name.size() && pair.compare(0, name.size(), name) == 0 && pair[name.size()] == '=') {
      pair = pair.substr(name.size() + 1);
      while (!pair.empty() && pair.back() == ' ') pair.pop_back();
      return pair;
    }
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return {};
}

// The browser that started a sign-in must be the one that finishes it (login CSRF: otherwise another site could
// complete its own sign-in in the victim's browser). Lax: the provider's redirect back is a top-level GET.
std::string BrowserCookie(const std::string& value, const ApiOptions& options, int max_age) {
  return std::string(kOidcBrowserCookie) + "=" + value +
         "; Path=/api/v1/auth/oidc; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Lax" +
         (options.tls ? "; Secure" : "");
}

Response Redirect(const std::string& location) {
  Response r{302, "text/plain; charset=utf-8", "", {}};
  r.headers.push_back({"Location", location});
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

Response NoStore(Response r) {
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

// A refusal: logged with its reason (never a token, code, verifier or secret: oidc::Error details hold none), nothing
// changed. The browser's ansvar_oidc cookie stays: a forged callback must not cancel the sign-in it has under way.
Response Refuse(const Request& r, int status, const std::string& title, const std::string& detail) {
  Log("warning", "oidc sign-in refused",
      {{"reason", detail}, {"status", int64_t(status)}, {"remote", MaskedAddress(r.remote)}});
  return NoStore(Problem(status, title, detail, r.path));
}

int OidcStatus(const oidc::Error& e) {
  switch (e.code) {
    case oidc::ErrorCode::kUnavailable:
      return 502;
    case oidc::ErrorCode::kConfiguration:
      return 500;
    case oidc::ErrorCode::kRejected:
    case oidc::ErrorCode::kInvalidToken:
    case oidc::ErrorCode::kUnknownKey:
    default:  // the sign-in makes no other code
      return 401;
  }
}

// RFC 9207's iss against the provider's issuer; a multi-tenant issuer's "{tenantid}" stands for one path segment
// (which tenant is allowed, the ID token's check decides).
bool SameIssuer(const std::string& issuer, const std::string& iss) {
  const auto at = issuer.find("{tenantid}");
  if (at == std::string::npos) return issuer == iss;
  const std::string before = issuer.substr(0, at), after = issuer.substr(at + 10);
  if (iss.size() <= before.size() + after.size() || !iss.starts_with(before) || !iss.ends_with(after)) return false;
  return iss.substr(before.size(), iss.size() - before.size() - after.size()).find('/') == std::string::npos;
}

std::string Origin(const std::string& public_url) {
  return public_url.ends_with('/') ? public_url.substr(0, public_url.size() - 1) : public_url;
}

// The account of a verified identity: the one already linked to this subject, else the one whose e-mail (or id, for
// a configured claim) matches, which is then linked to the subject — only when an administrator provisioned it for
// single sign-on (issue 17: a matching address alone never links). An account linked to another subject is not
// taken over by a new identity that happens to carry its e-mail.
app::Result<auth::Account> AccountOf(app::Accounts& accounts, const oidc::Identity& who) {
  if (auto linked = accounts.Find(app::AccountMatch::kOidcSubject, who.subject)) return *linked;
  const auto by = who.by == oidc::MatchBy::kEmail ? app::AccountMatch::kEmail : app::AccountMatch::kId;
  auto found = accounts.Find(by, who.value);
  if (!found)
    return app::Error{app::ErrorCode::kNotFound,
                      "Inget konto / No account",
                      "no account of Ansvar matches this identity (" + who.claim + "); ask an administrator",
                      {}};
  if (!found->oidc_subject.empty())
    return app::Error{app::ErrorCode::kNotFound,
                      "Inget konto / No account",
                      "the matching account is linked to another identity of the provider",
                      {}};
  if (!found->single_sign_on)
    return app::Error{app::ErrorCode::kNotFound,
                      "Inget konto / No account",
                      "the matching account is not provisioned for single sign-on; ask an administrator",
                      {}};
  app::AccountChange link;
  link.oidc_subject = who.subject;
  auto linked = accounts.Update(found->id, link, {"oidc", "Inloggning via OpenID Connect / Single sign-on"});
  if (!linked.ok()) return linked.error();
  return linked.value();
}

// The three handlers over one provider; AddOidcRoutes keeps them alive in the routes' closures.
class Routes {
 public:
  Routes(app::Accounts& accounts, SingleSignOn sso, ApiOptions options)
      : accounts_(accounts), sso_(std::move(sso)), options_(std::move(options)) {}

  Response Login(const Request& r) const {
    auto start = sso_.client->BeginLogin();
    if (!start.ok()) {
      Log("error", "oidc provider unavailable", {{"reason", start.error().detail}});
      return NoStore(Problem(OidcStatus(start.error()),
                             "Inloggningstjänsten svarar inte / The identity provider is unavailable",
                             "single sign-on cannot start now; try again, or sign in with a password", r.path));
    }
    const auto& s = start.value();
    const std::string browser = oidc::RandomToken(32);
    const oidc::PendingLogin pending{s.nonce, s.code_verifier, oidc::Sha256Hex(browser),
                                     oidc::SafeReturnPath(r.Query("return_to"))};
    const auto kept =
        accounts_.PutShortLived(StateKey(s.state), oidc::EncodePendingLogin(pending), oidc::kPendingLoginSeconds);
    if (!kept.ok()) return NoStore(Problem(kept.error(), r.path));
    Response resp = Redirect(s.authorization_url);
    resp.headers.push_back({"Set-Cookie", BrowserCookie(browser, options_, oidc::kPendingLoginSeconds)});
    return resp;
  }

  Response Callback(const Request& r) const {
    const std::string state = r.Query("state");
    // Whatever happens next, this sign-in's record is used up (a replayed callback finds nothing).
    const auto record = state.empty() || state.size() > 200 ? std::nullopt : accounts_.TakeShortLived(StateKey(state));
    if (const auto error = r.Query("error"); !error.empty()) {
      std::string code = error.substr(0, 40);
      for (char& c : code)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '?';
      return Refuse(r, 401, "Inloggningen avbröts / Sign-in cancelled", "the identity provider answered " + code);
    }
    const auto pending = record ? oidc::DecodePendingLogin(*record) : std::nullopt;
    if (!pending) return Refuse(r, 400, kFailed, "unknown, used or expired state: start the sign-in again");
    if (!oidc::ConstantTimeEquals(oidc::Sha256Hex(CookieValue(r, kOidcBrowserCookie)), pending->browser_hash))
      return Refuse(r, 400, kFailed, "this browser did not start this sign-in");
    const std::string code = r.Query("code");
    if (code.empty() || code.size() > 2048) return Refuse(r, 400, kFailed, "no authorization code");
    // RFC 9207: a provider that names itself in the answer must be ours (mix-up defence).
    if (const auto iss = r.Query("iss"); !iss.empty()) {
      const auto metadata = sso_.client->Metadata();
      if (!metadata.ok() || !SameIssuer(metadata.value().issuer, iss))
        return Refuse(r, 400, kFailed, "the answer comes from another issuer");
    }
    const std::string claim = sso_.claim.empty() ? "email" : sso_.claim;
    auto token = sso_.client->CompleteLogin(code, pending->code_verifier, pending->nonce, claim);
    if (!token.ok()) return Refuse(r, OidcStatus(token.error()), kFailed, token.error().detail);
    auto identity = oidc::IdentityOf(token.value(), claim, sso_.username_fallback);
    if (!identity.ok()) return Refuse(r, 403, "Inget konto / No account", identity.error().detail);
    auto account = AccountOf(accounts_, identity.value());
    if (!account.ok()) {
      const int status = account.error().code == app::ErrorCode::kUnavailable ? 503 : 403;
      return Refuse(r, status, account.error().title, account.error().detail);
    }
    if (account.value().disabled)
      return Refuse(r, 403, "Kontot är avstängt / Account disabled", "the account is disabled");
    auto session = accounts_.CreateSession(account.value().id, auth::SignIn::kOidc, r.remote);
    if (!session.ok()) return Refuse(r, http::StatusOf(session.error()), kFailed, session.error().detail);
    Log("info", "oidc sign-in",
        {{"account", account.value().id}, {"claim", identity.value().claim}, {"remote", MaskedAddress(r.remote)}});
    Response resp = Redirect(pending->return_to);
    // The ansvar_oidc cookie is left to expire (Max-Age): it is worth nothing once its sign-in's record is used up
    // (and the server writes one value per header name: one Set-Cookie per answer).
    resp.headers.push_back({"Set-Cookie", SessionCookie(session.value().id, options_)});
    return resp;
  }

  Response Logout(const Request& r) const {
    try {
      if (const auto sid = SessionIdOf(r); !sid.empty()) accounts_.EndSession(sid);
    } catch (const store::StoreError&) {
      return Problem(503, "Lagringen svarar inte / Storage unavailable", "try again in a moment", r.path);
    }
    const auto url = sso_.client->EndSessionUrl(Origin(sso_.public_url) + "/");
    io::JsonWriter o(false);
    o.BeginObject();
    o.Key("end_session_url");
    if (url.ok() && !url.value().empty())
      o.String(url.value());
    else
      o.Null();
    o.EndObject();
    Response resp = NoStore(Json(o.Take()));
    resp.headers.push_back({"Set-Cookie", ClearedSessionCookie(options_)});
    return resp;
  }

 private:
  app::Accounts& accounts_;
  SingleSignOn sso_;
  ApiOptions options_;
};

}  // namespace

void AddOidcRoutes(Router& router, app::Accounts& accounts, const ApiOptions& options) {
  if (!options.sso || !options.sso->client) return;
  auto routes = std::make_shared<const Routes>(accounts, *options.sso, options);
  router.Add({"GET",
              "/api/v1/auth/oidc/login",
              "Single sign-on: 302 to the identity provider (authorization code flow with PKCE); return_to is a path "
              "of this server to land on afterwards",
              "auth",
              {"return_to"},
              "",
              "",
              302,
              [routes](Request& r) { return routes->Login(r); }});
  router.Add({"GET",
              kCallbackPath,
              "Single sign-on: where the identity provider sends the browser back; exchanges the code, verifies the "
              "ID token, signs the matching account in and redirects to return_to",
              "auth",
              {"code", "state", "iss", "error"},
              "",
              "",
              302,
              [routes](Request& r) { return routes->Callback(r); }});
  router.Add({"POST",
              "/api/v1/auth/oidc/logout",
              "Sign out here and get where to sign out at the identity provider: {\"end_session_url\"} (null when "
              "it offers no RP-initiated logout)",
              "auth",
              {},
              "",
              "",
              200,
              [routes](Request& r) { return routes->Logout(r); }});
}

}  // namespace ansvar::http
