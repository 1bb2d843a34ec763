#include "io/account_json.hpp"

#include <algorithm>

#include "io/internal/json_in.hpp"
#include "io/internal/json_out.hpp"

namespace ansvar::io {
namespace {

using internal::JsonIn;
using internal::JsonOut;
namespace od = simdjson::ondemand;

// Parses `json` as one object and calls fn(in, key, value) for each field; problems and present keys into `r`.
template <class T, class Fn>
void ReadObject(std::string_view json, AuthRead<T>& r, Fn&& fn, std::initializer_list<std::string_view> required = {}) {
  const simdjson::padded_string padded(json);
  od::parser parser;
  od::document doc;
  od::value v;
  if (auto e = parser.iterate(padded).get(doc); e != simdjson::SUCCESS || (e = doc.get_value().get(v))) {
    r.problems.push_back(model::SyntaxProblem("$", std::string("not a JSON document: ") + simdjson::error_message(e)));
    return;
  }
  JsonIn in("$");
  in.Object(
      v,
      [&](std::string_view k, od::value f) {
        r.present.emplace_back(k);
        fn(in, k, f);
      },
      required);
  if (in.ok() && internal::HasTrailingContent(doc)) in.ErrorAt("$", "content after the JSON document");
  r.problems = in.TakeProblems();
}

void OptionalTime(JsonOut& o, std::string_view key, const std::optional<model::Timestamp>& t) {
  o.Key(key);
  if (t)
    o.String(model::FormatTimestamp(*t));
  else
    o.Null();
}

// "" as null: the API answers absent optional fields as null.
void NullableString(JsonOut& o, std::string_view key, const std::string& s) {
  o.Key(key);
  if (s.empty())
    o.Null();
  else
    o.String(s);
}

}  // namespace

template <class T>
bool AuthRead<T>::Has(std::string_view key) const {
  return std::find(present.begin(), present.end(), key) != present.end();
}
template struct AuthRead<auth::Account>;
template struct AuthRead<auth::Session>;
template struct AuthRead<auth::ApiToken>;
template struct AuthRead<LoginRequest>;
template struct AuthRead<AccountRequest>;
template struct AuthRead<ApiTokenRequest>;

std::string WriteStoredAccount(const auth::Account& a) {
  JsonOut o(false);
  o.BeginObject();
  o.Field("id", a.id);
  o.Field("name", a.name);
  o.Field("email", a.email);
  o.Field("role", model::ToString(a.role));
  o.Field("administration", a.administration);
  o.Field("person", a.person);
  o.Field("disabled", a.disabled);
  o.Field("oidc_subject", a.oidc_subject);
  o.Field("single_sign_on", a.single_sign_on);
  o.Field("created_at", model::FormatTimestamp(a.created_at));
  o.EndObject();
  return o.Take();
}

AuthRead<auth::Account> ReadStoredAccount(std::string_view json) {
  AuthRead<auth::Account> r;
  auto& a = r.value;
  ReadObject(json, r,
             [&](JsonIn& in, std::string_view k, od::value f) {
               if (k == "id")
                 in.Get(f, a.id);
               else if (k == "name")
                 in.Get(f, a.name);
               else if (k == "email")
                 in.Get(f, a.email);
               else if (k == "role")
                 in.Get(f, a.role);
               else if (k == "administration")
                 in.Get(f, a.administration);
               else if (k == "person")
                 in.Get(f, a.person);
               else if (k == "disabled")
                 in.Get(f, a.disabled);
               else if (k == "oidc_subject")
                 in.Get(f, a.oidc_subject);
               else if (k == "single_sign_on")
                 in.Get(f, a.single_sign_on);
               else if (k == "created_at")
                 in.Get(f, a.created_at);
             },
             {"id", "role"});
  return r;
}

std::string WriteStoredSession(const auth::Session& s) {
  JsonOut o(false);
  o.BeginObject();
  o.Field("account", s.account);
  o.Field("csrf", s.csrf);
  o.Field("created_at", model::FormatTimestamp(s.created_at));
  o.Field("expires_at", model::FormatTimestamp(s.expires_at));
  o.Field("via", model::ToString(s.via));
  o.EndObject();
  return o.Take();
}

AuthRead<auth::Session> ReadStoredSession(std::string_view json) {
  AuthRead<auth::Session> r;
  auto& s = r.value;
  ReadObject(json, r,
             [&](JsonIn& in, std::string_view k, od::value f) {
               if (k == "account")
                 in.Get(f, s.account);
               else if (k == "csrf")
                 in.Get(f, s.csrf);
               else if (k == "created_at")
                 in.Get(f, s.created_at);
               else if (k == "expires_at")
                 in.Get(f, s.expires_at);
               else if (k == "via")
                 in.Get(f, s.via);
             },
             {"account", "csrf", "expires_at"});
  return r;
}

std::string WriteStoredApiToken(const auth::ApiToken& t) {
  JsonOut o(false);
  o.BeginObject();
  o.Field("id", t.id);
  o.Field("account", t.account);
  o.Field("name", t.name);
  o.Field("hash", t.hash);
  o.Field("created_at", model::FormatTimestamp(t.created_at));
  o.Field("created_by", t.created_by);
  OptionalTime(o, "revoked_at", t.revoked_at);
  OptionalTime(o, "expires_at", t.expires_at);
  o.EndObject();
  return o.Take();
}

AuthRead<auth::ApiToken> ReadStoredApiToken(std::string_view json) {
  AuthRead<auth::ApiToken> r;
  auto& t = r.value;
  ReadObject(json, r,
             [&](JsonIn& in, std::string_view k, od::value f) {
               if (k == "id")
                 in.Get(f, t.id);
               else if (k == "account")
                 in.Get(f, t.account);
               else if (k == "name")
                 in.Get(f, t.name);
               else if (k == "hash")
                 in.Get(f, t.hash);
               else if (k == "created_at")
                 in.Get(f, t.created_at);
               else if (k == "created_by")
                 in.Get(f, t.created_by);
               else if (k == "revoked_at")
                 in.Get(f, t.revoked_at);
               else if (k == "expires_at")
                 in.Get(f, t.expires_at);
             },
             {"id", "account", "hash"});
  return r;
}

std::string AccountJson(const auth::Account& a, bool has_password) {
  JsonOut o(false);
  o.BeginObject();
  o.Field("id", a.id);
  o.Field("name", a.name);
  NullableString(o, "email", a.email);
  o.Field("role", model::ToString(a.role));
  NullableString(o, "administration", a.administration);
  NullableString(o, "person", a.person);
  o.Field("disabled", a.disabled);
  o.Field("password", has_password);
  o.Field("oidc", !a.oidc_subject.empty());
  o.Field("single_sign_on", a.single_sign_on);
  o.Field("created_at", model::FormatTimestamp(a.created_at));
  o.EndObject();
  return o.Take();
}

std::string ApiTokenJson(const auth::ApiToken& t, std::string_view token) {
  JsonOut o(false);
  o.BeginObject();
  o.Field("id", t.id);
  o.Field("account", t.account);
  o.Field("name", t.name);
  o.Field("created_at", model::FormatTimestamp(t.created_at));
  o.Field("created_by", t.created_by);
  OptionalTime(o, "revoked_at", t.revoked_at);
  OptionalTime(o, "expires_at", t.expires_at);
  if (!token.empty()) o.Field("token", token);
  o.EndObject();
  return o.Take();
}

AuthRead<LoginRequest> ReadLoginRequest(std::string_view json) {
  AuthRead<LoginRequest> r;
  ReadObject(json, r,
             [&](JsonIn& in, std::string_view k, od::value f) {
               if (k == "username")
                 in.Get(f, r.value.username);
               else if (k == "password")
                 in.Get(f, r.value.password);
             },
             {"username", "password"});
  return r;
}

AuthRead<AccountRequest> ReadAccountRequest(std::string_view json) {
  AuthRead<AccountRequest> r;
  auto& a = r.value;
  // null reads as "" (clear) for the optional strings, so that a client can clear a field either way.
  auto text = [](JsonIn& in, od::value f, std::optional<std::string>& out) {
    if (in.IsNull(f))
      out = std::string();
    else
      in.Get(f, out);
  };
  ReadObject(json, r, [&](JsonIn& in, std::string_view k, od::value f) {
    if (k == "id")
      in.Get(f, a.id);
    else if (k == "name")
      text(in, f, a.name);
    else if (k == "email")
      text(in, f, a.email);
    else if (k == "administration")
      text(in, f, a.administration);
    else if (k == "person")
      text(in, f, a.person);
    else if (k == "oidc_subject")
      text(in, f, a.oidc_subject);
    else if (k == "password")
      text(in, f, a.password);
    else if (k == "role")
      in.Get(f, a.role);
    else if (k == "disabled")
      in.Get(f, a.disabled);
    else if (k == "single_sign_on")
      in.Get(f, a.single_sign_on);
    else
      in.Error("unknown field");
  });
  return r;
}

AuthRead<ApiTokenRequest> ReadApiTokenRequest(std::string_view json) {
  AuthRead<ApiTokenRequest> r;
  ReadObject(json, r,
             [&](JsonIn& in, std::string_view k, od::value f) {
               if (k == "account")
                 in.Get(f, r.value.account);
               else if (k == "name")
                 in.Get(f, r.value.name);
               else if (k == "expires_in_days")
                 in.Get(f, r.value.expires_in_days);
             },
             {"account", "name"});
  return r;
}

}  // namespace ansvar::io
