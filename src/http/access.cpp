// The access middleware (http/access.hpp): who the request is, whether it may do what it asks, before any handler.
// Reads the register through the service (an entity as stored, an administration's committees, a system's roles),
// reads request bodies as the handlers will, and hands the decision to the pure policy (auth/policy.cpp).
#include "http/access.hpp"

#include <sodium.h>

#include <cctype>

#include "app/cycle_service.hpp"
#include "app/entity_kinds.hpp"
#include "app/service_facts.hpp"
#include "auth/policy.hpp"
#include "http/log.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"
#include "io/cycle_json.hpp"
#include "io/entity_json.hpp"

namespace ansvar::http {
namespace {

Response NotSignedIn(const Request& r, const std::string& detail) {
  Response resp = Problem(401, "Inte inloggad / Not signed in", detail, r.path);
  resp.headers.push_back({"WWW-Authenticate", "Bearer realm=\"ansvar\""});
  return resp;
}

Response Forbidden(const Request& r, const std::string& detail) {
  return Problem(403, "Otillåtet / Forbidden", detail, r.path);
}

bool StateChanging(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// The API paths anyone may reach (docs/access-control.md "Principles"). A credential that comes along is still
// checked, so that GET /auth/session and POST /auth/logout know who asks.
bool Public(const Request& r) {
  const std::string& p = r.path;
  const bool get = r.method == "GET" || r.method == "HEAD";
  if (p == "/api/v1/auth/login" || p == "/api/v1/auth/logout" || p == "/api/v1/auth/session") return true;
  if (get && (p == "/api/v1/auth/oidc/login" || p == "/api/v1/auth/oidc/callback")) return true;
  if (get && (p == "/api/v1/openapi.json" || p == "/api/v1/health" || p == "/api/v1/messages.atom")) return true;
  // A cooperation's essence for the data subjects (art. 26.2): the route answers 404 unless an admin published it.
  if (get && p.starts_with("/api/v1/public/cooperations/")) return true;
  // The secret calendar feed: the token in the path is the credential.
  if (get && p.starts_with("/api/v1/calendar/") && p.ends_with(".ics") && p.find('/', 17) == std::string::npos)
    return true;
  return false;
}

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The path's segments after "/api/v1/": {"systems", "s1"}.
std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  constexpr std::string_view kBase = "/api/v1/";
  if (!path.starts_with(kBase)) return out;
  size_t at = kBase.size();
  while (at <= path.size()) {
    const size_t end = path.find('/', at);
    out.push_back(path.substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return out;
}

auth::Operation OperationOf(const std::string& method) {
  if (method == "POST") return auth::Operation::kCreate;
  if (method == "PUT" || method == "PATCH") return auth::Operation::kUpdate;
  if (method == "DELETE") return auth::Operation::kDelete;
  return auth::Operation::kRead;
}

// An entity of the register kept alive for the decision (the policy borrows it).
struct HeldEntity {
  std::optional<store::Entity> value;
  [[nodiscard]] auth::EntityRef Ref() const {
    if (!value) return std::monostate{};
    return std::visit([](const auto& e) -> auth::EntityRef { return &e; }, *value);
  }
};

template <class T>
HeldEntity Held(std::optional<T> v) {
  HeldEntity h;
  if (v) h.value.emplace(std::in_place_type<T>, std::move(*v));
  return h;
}

std::string Quoted(int64_t version) { return "\"" + std::to_string(version) + "\""; }

}  // namespace

app::Actor ActorOf(const Request& request) {
  const std::string& id = request.account_id;
  if (id.empty()) return {"anonymous@" + request.remote, "okänd / unknown (" + request.remote + ")"};
  return {id, request.account_name.empty() ? id : request.account_name, request.credential};
}

std::string SessionCookie(const std::string& session_id, const ApiOptions& options) {
  return std::string(options.tls ? kSecureSessionCookie : kSessionCookie) + "=" + session_id +
         "; Path=/; HttpOnly; SameSite=Lax" + (options.tls ? "; Secure" : "");
}

std::string ClearedSessionCookie(const ApiOptions& options) {
  return std::string(options.tls ? kSecureSessionCookie : kSessionCookie) +
         "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (options.tls ? "; Secure" : "");
}

namespace {
std::string CookieNamed(const Request& request, std::string_view cookie);
}  // namespace

std::string SessionIdOf(const Request& request) {
  std::string id = CookieNamed(request, kSecureSessionCookie);
  return id.empty() ? CookieNamed(request, kSessionCookie) : id;
}

namespace {
std::string CookieNamed(const Request& request, std::string_view cookie) {
  const std::string cookies = request.Header("cookie");
  const std::string name = std::string(cookie) + "=";
  size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    const size_t end = cookies.find(';', at);
    const std::string pair = cookies.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (pair.starts_with(name)) {
      std::string value = pair.substr(name.size());
      while (!value.empty() && value.back() == ' ') value.pop_back();
      return value;
    }
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return {};
}
}  // namespace

std::string BearerTokenOf(const Request& request) {
  const std::string header = request.Header("authorization");
  if (header.size() < 7) return {};
  std::string scheme = header.substr(0, 7);
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  std::string token = header.substr(7);
  while (!token.empty() && token.front() == ' ') token.erase(token.begin());
  while (!token.empty() && token.back() == ' ') token.pop_back();
  return token;
}

bool PublicRoute(const std::string& method, const std::string& path) {
  Request r;
  r.method = method, r.path = path;
  return Public(r);
}

std::string LoggablePath(const std::string& path) {
  if (path.starts_with("/api/v1/calendar/") && path.ends_with(".ics")) return "/api/v1/calendar/(token).ics";
  return path;
}

Access::Access(app::RegisterService& service, app::Accounts& accounts, ApiOptions options)
    : service_(service), accounts_(accounts), options_(std::move(options)) {}

std::optional<Response> Access::Admit(Request& r) const { return Decide(r, Phase::kHeaders); }

std::optional<Response> Access::Check(Request& r) const { return Decide(r, Phase::kWhole); }

std::optional<Response> Access::Decide(Request& r, Phase phase) const {
  const bool known = phase == Phase::kWhole && r.admitted;
  r.account_id.clear();
  r.account_name.clear();
  r.credential.clear();
  if (!r.path.starts_with("/api/")) return std::nullopt;  // the web UI's files

  // Who: a Bearer token (integrations), else the session cookie (the browser); once per request.
  std::optional<app::Authenticated> who;
  const bool has_authorization = !r.Header("authorization").empty();
  try {
    if (known) {
      if (r.who) who = *r.who;
    } else if (has_authorization) {
      const std::string token = BearerTokenOf(r);
      if (!token.empty()) who = accounts_.FromToken(token);
      if (!who && !Public(r)) return NotSignedIn(r, "the API token is not valid, or it was revoked");
    } else if (const std::string sid = SessionIdOf(r); !sid.empty()) {
      who = accounts_.FromSession(sid);
    }
  } catch (const store::StoreError& e) {
    Log("error", "authentication failed", {{"error", std::string(e.what())}});
    return Problem(503, "Lagringen svarar inte / Storage unavailable", "try again in a moment", r.path);
  }
  if (phase == Phase::kHeaders) {
    r.admitted = true;
    r.who = who ? std::make_shared<const app::Authenticated>(*who) : nullptr;
  }
  if (who) {
    r.account_id = who->account.id;
    r.account_name = who->account.name.empty() ? who->account.id : who->account.name;
    r.credential = who->credential;
    // An API token acts as its account; the audit trail says which token it was (issue 17: a token an admin made
    // for another account is told apart from that account's own actions).
    if (!who->token_id.empty()) r.account_name += " (API-nyckel / API token " + who->token_id + ")";
  }
  if (Public(r)) {
    // Signing out with the cookie changes state: the CSRF token is required like anywhere else.
    if (who && who->session && StateChanging(r.method) && r.path == "/api/v1/auth/logout" &&
        !ConstantTimeEqual(r.Header("x-csrf-token"), who->session->csrf))
      return Forbidden(r, "CSRF: send the X-CSRF-Token header with the value GET /api/v1/auth/session gave");
    return std::nullopt;
  }
  if (!who) return NotSignedIn(r, "sign in (POST /api/v1/auth/login) or send Authorization: Bearer with an API token");

  // CSRF: a state-changing request that came with the cookie must carry the session's token (a Bearer token cannot
  // be sent by another site's page, so it needs none).
  if (who->session && StateChanging(r.method) && !ConstantTimeEqual(r.Header("x-csrf-token"), who->session->csrf))
    return Forbidden(r, "CSRF: send the X-CSRF-Token header with the value GET /api/v1/auth/session gave");

  const auth::Principal principal{who->account.id, who->account.role, who->account.administration, who->account.person};
  auth::Request what;
  what.op = OperationOf(r.method);
  const auto seg = Segments(r.path);
  const std::string first = seg.empty() ? std::string() : seg[0];
  HeldEntity stored, written;

  if ((first == "accounts" || first == "tokens") && seg.size() == 3 && seg[2] == "trail") {
    what.resource = auth::Resource::kCredentialTrail;
  } else if (first == "accounts") {
    what.resource = auth::Resource::kAccount;
  } else if (first == "tokens") {
    what.resource = auth::Resource::kApiToken;
  } else if (first == "auth") {
    what.resource = auth::Resource::kOwnSession;
  } else if (first == "incident_reports" && seg.size() == 1) {
    what.resource = auth::Resource::kOwnBreachReport;
  } else if (first == "register") {
    what.resource = auth::Resource::kRegister;
  } else if (first == "imports") {
    what.resource = auth::Resource::kSpreadsheetImport;
  } else if (first == "messages" && seg.size() <= 2) {
    what.resource = auth::Resource::kOperationalMessage;
    if (what.op != auth::Operation::kRead) {
      // Who may write messages at all: an admin, a steward (of the message's system, the policy decides below).
      const bool may_write = principal.role == auth::Role::kAdmin || principal.role == auth::Role::kSteward;
      if (!may_write) return Forbidden(r, "only an admin or the system's steward may change operational messages");
      if (phase == Phase::kHeaders) return std::nullopt;  // the message's system is known with the body
      if (what.op != auth::Operation::kCreate && seg.size() == 2) {
        const auto current = app::CycleService(service_).GetMessage(seg[1]);
        if (!current.ok()) return std::nullopt;  // the handler answers 404; nothing changes
        what.systems.push_back(io::ReadMessage(current.value().json).value.system);
        if (r.Header("if-match") == "*") r.headers["if-match"] = Quoted(current.value().version);
      }
      if (what.op != auth::Operation::kDelete) {
        const auto read = io::ReadMessage(r.body);
        if (!read.problems.empty() || read.value.system.empty()) return std::nullopt;  // the handler answers 4xx
        what.systems.push_back(read.value.system);
      }
    }
  } else if (first == "calendar" && seg.size() == 2 && seg[1] == "tokens") {
    what.resource = auth::Resource::kCalendarFeed;
    if (phase == Phase::kHeaders && what.op == auth::Operation::kCreate)
      return std::nullopt;  // its scope is in the body
    std::string scope, id;
    if (what.op == auth::Operation::kCreate) {
      const auto req = io::ReadTokenRequest(r.body);
      scope = req.scope, id = req.id;
    } else {
      scope = r.Query("scope"), id = r.Query("id");
    }
    if (const auto s = app::ParseCalendarScope(scope)) {
      what.feed_scope = *s == app::CalendarScope::kPerson           ? auth::FeedScope::kPerson
                        : *s == app::CalendarScope::kAdministration ? auth::FeedScope::kAdministration
                                                                    : auth::FeedScope::kOrganization;
    } else if (what.op != auth::Operation::kRead) {
      return std::nullopt;  // the handler refuses the request (400); nothing changes
    }
    what.feed_id = id;
  } else if ((first == "incidents" || first == "incident_statistics") && what.op == auth::Operation::kRead) {
    // The incident register and what is made of it (issue 15): the policy decides on the breach as stored; a list
    // or the statistics of a data protection contact are kept to its administration.
    what.resource = auth::Resource::kEntity;
    what.kind = model::Collection::kIncident;
    if (first == "incidents" && seg.size() >= 2) {
      if (const auto current = service_.Get(model::Collection::kIncident, seg[1]); current.ok())
        stored = Held(io::ReadEntity<model::Incident>(current.value().json).value);
      what.stored = stored.Ref();
    } else if (principal.role == auth::Role::kDataProtectionContact) {
      r.query["administration"] = principal.administration;
    }
  } else if (r.method == "POST" &&
             ((first == "systems" && seg.size() == 3 && seg[2] == "dpa_decision") ||
              (first == "systems" && seg.size() == 5 && seg[2] == "documents" && seg[4] == "approve") ||
              (first == "systems" && seg.size() == 4 && seg[2] == "classification" && seg[3] == "approve") ||
              (first == "measures" && seg.size() == 5 && seg[4] == "status") ||
              (first == "committees" && seg.size() == 4 && seg[2] == "delegated_decisions" && seg[3] == "report"))) {
    what.resource =
        auth::Resource::kPersonalAct;  // the entitlement is the register's: app/decisions.hpp, app/measures.hpp
  } else if (const auto kind = seg.size() <= 2 ? KindOfCollectionPath(first) : std::nullopt; kind) {
    what.resource = auth::Resource::kEntity;
    what.kind = *kind;
    if (what.op != auth::Operation::kRead) {
      if (!auth::MayWriteKind(principal.role, *kind))
        return Forbidden(
            r, "the role " + std::string(model::ToString(principal.role)) + " may not change this kind of record");
      if (phase == Phase::kHeaders) return std::nullopt;  // the scope is decided on the record as stored and as written
      bool unreadable = false;
      app::WithKind(*kind, [&]<class T>(std::type_identity<T>) {
        if (what.op != auth::Operation::kCreate && seg.size() == 2) {
          const auto current = service_.Get(*kind, seg[1]);
          if (current.ok()) {
            stored = Held(io::ReadEntity<T>(current.value().json).value);
            if (r.Header("if-match") == "*") r.headers["if-match"] = Quoted(current.value().version);
          } else {
            unreadable = true;  // the handler answers 404
          }
        }
        if (what.op != auth::Operation::kDelete) {
          written = Held(io::ReadEntity<T>(r.body).value);
          if (!written.value) unreadable = true;  // the handler answers 400 or 422
        }
      });
      // A body the handler will refuse, or a record that does not exist: nothing can change, let the handler say why
      // (the role may write this kind in some scope). Otherwise the policy decides on both versions.
      if (unreadable) return std::nullopt;
      what.stored = stored.Ref();
      what.written = written.Ref();
    }
  } else {
    what.resource = auth::Resource::kOther;
  }

  const app::ServiceFacts facts(service_);
  const auto decision = auth::Decide(principal, what, facts);
  if (!decision) return Forbidden(r, decision.reason);
  return std::nullopt;
}

}  // namespace ansvar::http
