#include "oidc/provider_metadata.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

namespace ansvar::oidc {
namespace {

using Json = nlohmann::json;

std::string_view TrimSlash(std::string_view s) { return s.ends_with('/') ? s.substr(0, s.size() - 1) : s; }

std::string Text(const Json& doc, const char* name) {
  const auto it = doc.find(name);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// nullopt when the member is absent (the spec's default then applies).
std::optional<std::vector<std::string>> List(const Json& doc, const char* name) {
  const auto it = doc.find(name);
  if (it == doc.end() || !it->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

bool Has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Error Misfit(std::string detail) { return {ErrorCode::kConfiguration, std::move(detail)}; }

}  // namespace

std::string DiscoveryUrl(std::string_view issuer) {
  return std::string(TrimSlash(issuer)) + "/.well-known/openid-configuration";
}

bool AcceptableUrl(std::string_view url) {
  if (url.starts_with("https://")) return url.size() > 8;
  if (!url.starts_with("http://")) return false;
  const auto rest = url.substr(7);
  const auto host_end = rest.find_first_of("/?#");
  auto host = rest.substr(0, host_end);
  if (host.starts_with("[::1]")) return host.size() == 5 || host[5] == ':';
  host = host.substr(0, host.find(':'));
  if (host == "localhost") return true;
  // 127.0.0.0/8 as a dotted quad of digits only ("127.0.0.1.evil.test" is a name anywhere).
  if (!host.starts_with("127.")) return false;
  int dots = 0;
  for (const char c : host) {
    if (c == '.')
      ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  }
  return dots == 3;
}

Result<ProviderMetadata> ParseProviderMetadata(std::string_view json, std::string_view configured_issuer) {
  const Json doc = Json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Error{ErrorCode::kUnavailable, "the provider's discovery document is not a JSON object"};
  ProviderMetadata m;
  m.issuer = Text(doc, "issuer");
  m.authorization_endpoint = Text(doc, "authorization_endpoint");
  m.token_endpoint = Text(doc, "token_endpoint");
  m.jwks_uri = Text(doc, "jwks_uri");
  m.userinfo_endpoint = Text(doc, "userinfo_endpoint");
  m.end_session_endpoint = Text(doc, "end_session_endpoint");
  // OIDC Discovery §4.3: the issuer in the document must be the one we asked, or tokens could be mixed up.
  const bool template_issuer = m.issuer.find("{tenantid}") != std::string::npos;
  if (m.issuer.empty() || (TrimSlash(m.issuer) != TrimSlash(configured_issuer) && !template_issuer))
    return Misfit("the discovery document names another issuer: \"" + m.issuer.substr(0, 200) + "\"");
  for (const auto* url : {&m.authorization_endpoint, &m.token_endpoint, &m.jwks_uri})
    if (!AcceptableUrl(*url))
      return Misfit("the discovery document lacks an https endpoint: \"" + url->substr(0, 200) + "\"");
  if (!m.end_session_endpoint.empty() && !AcceptableUrl(m.end_session_endpoint)) m.end_session_endpoint.clear();
  if (!m.userinfo_endpoint.empty() && !AcceptableUrl(m.userinfo_endpoint)) m.userinfo_endpoint.clear();
  if (const auto types = List(doc, "response_types_supported"); types && !Has(*types, "code"))
    return Misfit("the provider does not offer the authorization code flow");
  if (const auto methods = List(doc, "code_challenge_methods_supported"); methods && !Has(*methods, "S256"))
    return Misfit("the provider does not offer PKCE with S256");
  // The default when absent is client_secret_basic (OIDC Discovery §3).
  if (const auto auth = List(doc, "token_endpoint_auth_methods_supported");
      auth && !Has(*auth, "client_secret_basic")) {
    if (!Has(*auth, "client_secret_post"))
      return Misfit("the provider takes neither client_secret_basic nor client_secret_post");
    m.client_auth = ClientAuth::kSecretPost;
  }
  m.algorithms = List(doc, "id_token_signing_alg_values_supported").value_or(std::vector<std::string>{"RS256"});
  return m;
}

}  // namespace ansvar::oidc
