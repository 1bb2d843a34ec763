#include "oidc/client.hpp"

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "oidc/base64url.hpp"
#include "oidc/crypto.hpp"
#include "oidc/pkce.hpp"

namespace ansvar::oidc {
namespace {

constexpr int64_t kKeysMaxAge = 3600;
constexpr int64_t kKeysMinInterval = 10;

Error Unreachable(const char* what, const FetchResponse& r) {
  if (r.status == 0) return {ErrorCode::kUnavailable, std::string(what) + ": " + r.error};
  return {ErrorCode::kUnavailable, std::string(what) + ": HTTP " + std::to_string(r.status)};
}

std::string WithQuery(const std::string& endpoint, const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string url = endpoint;
  char sep = endpoint.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : fields) {
    url += sep + PercentEncode(name) + "=" + PercentEncode(value);
    sep = '&';
  }
  return url;
}

// Only the provider's error code, which is one of a few fixed words (RFC 6749 §5.2); its description may echo input.
std::string OAuthError(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_object() && doc.contains("error") && doc["error"].is_string()) {
    std::string code = doc["error"].get<std::string>().substr(0, 40);
    for (char& c : code)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '?';
    return code;
  }
  return "unknown";
}

}  // namespace

int64_t SystemSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string PercentEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      out += ch;
    else
      out += '%', out += kHex[c >> 4], out += kHex[c & 15];
  }
  return out;
}

Client::Client(ClientConfig config, Fetch fetch, Clock clock)
    : config_(std::move(config)), fetch_(std::move(fetch)), clock_(std::move(clock)) {}

Result<ProviderMetadata> Client::Metadata() {
  {
    const std::lock_guard lock(mutex_);
    if (metadata_) return *metadata_;
  }
  const auto answer = fetch_({"GET", DiscoveryUrl(config_.issuer), {{"Accept", "application/json"}}, ""});
  if (answer.status != 200) return Unreachable("the provider's discovery document", answer);
  auto parsed = ParseProviderMetadata(answer.body, config_.issuer);
  if (!parsed.ok()) return parsed.error();
  const std::lock_guard lock(mutex_);
  metadata_ = parsed.value();
  return parsed;
}

Result<KeySet> Client::Keys(bool refresh) {
  const int64_t now = clock_();
  {
    const std::lock_guard lock(mutex_);
    const bool fresh = keys_ && now - keys_fetched_at_ < kKeysMaxAge;
    const bool may_refetch = !keys_ || now - keys_fetched_at_ >= kKeysMinInterval;
    if (fresh && (!refresh || !may_refetch)) return *keys_;
  }
  auto metadata = Metadata();
  if (!metadata.ok()) return metadata.error();
  const auto answer = fetch_({"GET", metadata.value().jwks_uri, {{"Accept", "application/json"}}, ""});
  if (answer.status != 200) return Unreachable("the provider's JWKS", answer);
  auto keys = ParseJwks(answer.body);
  if (!keys.ok()) return keys.error();
  const std::lock_guard lock(mutex_);
  keys_ = keys.value();
  keys_fetched_at_ = now;
  return keys;
}

Result<LoginStart> Client::BeginLogin() {
  auto metadata = Metadata();
  if (!metadata.ok()) return metadata.error();
  LoginStart start;
  start.state = RandomToken(32);
  start.nonce = RandomToken(32);
  start.code_verifier = MakeCodeVerifier();
  start.authorization_url =
      WithQuery(metadata.value().authorization_endpoint, {{"response_type", "code"},
                                                          {"client_id", config_.client_id},
                                                          {"redirect_uri", config_.redirect_uri},
                                                          {"scope", config_.scope},
                                                          {"state", start.state},
                                                          {"nonce", start.nonce},
                                                          {"code_challenge", S256Challenge(start.code_verifier)},
                                                          {"code_challenge_method", "S256"}});
  return start;
}

Result<IdToken> Client::CompleteLogin(const std::string& code, const std::string& code_verifier,
                                      const std::string& nonce, const std::string& wanted_claim) {
  auto metadata = Metadata();
  if (!metadata.ok()) return metadata.error();
  const auto& m = metadata.value();
  std::vector<std::pair<std::string, std::string>> fields = {{"grant_type", "authorization_code"},
                                                             {"code", code},
                                                             {"redirect_uri", config_.redirect_uri},
                                                             {"code_verifier", code_verifier}};
  FetchRequest request{"POST",
                       m.token_endpoint,
                       {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}},
                       ""};
  if (m.client_auth == ClientAuth::kSecretBasic) {
    // RFC 6749 §2.3.1: the id and the secret are form-encoded before they are joined and base64-encoded.
    const std::string pair = FormEncode(config_.client_id) + ":" + FormEncode(config_.client_secret);
    std::string b64 = Base64UrlEncode(pair);
    for (char& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (b64.size() % 4 != 0) b64 += '=';
    request.headers.emplace_back("Authorization", "Basic " + b64);
  } else {
    fields.emplace_back("client_id", config_.client_id);
    fields.emplace_back("client_secret", config_.client_secret);
  }
  request.body = FormBody(fields);
  const auto answer = fetch_(request);
  if (answer.status == 0) return Unreachable("the provider's token endpoint", answer);
  if (answer.status != 200)
    return Error{ErrorCode::kRejected, "the provider refused the code: " + OAuthError(answer.body) + " (HTTP " +
                                           std::to_string(answer.status) + ")"};
  const auto doc = nlohmann::json::parse(answer.body, nullptr, false);
  if (!doc.is_object() || !doc.contains("id_token") || !doc["id_token"].is_string())
    return Error{ErrorCode::kRejected, "the provider's token answer holds no ID token"};
  auto verified = Verify(doc["id_token"].get<std::string>(), nonce);
  if (verified.ok() && !wanted_claim.empty() && verified.value().Claim(wanted_claim).empty() &&
      !m.userinfo_endpoint.empty() && doc.contains("access_token") && doc["access_token"].is_string())
    AddUserInfo(m, doc["access_token"].get<std::string>(), verified.value());
  return verified;
}

void Client::AddUserInfo(const ProviderMetadata& metadata, const std::string& access_token, IdToken& token) {
  const auto answer = fetch_({"GET",
                              metadata.userinfo_endpoint,
                              {{"Authorization", "Bearer " + access_token}, {"Accept", "application/json"}},
                              ""});
  if (answer.status != 200) return;  // the claims stay those of the ID token; matching then says what is missing
  const auto info = nlohmann::json::parse(answer.body, nullptr, false);  // a signed answer (application/jwt) fails
  if (!info.is_object() || !info.contains("sub") || !info["sub"].is_string() ||
      info["sub"].get<std::string>() != token.subject)
    return;
  for (const auto& [name, value] : info.items())
    if (value.is_string()) token.claims.emplace(name, value.get<std::string>());  // the ID token's claims win
  if (!token.email_verified && info.contains("email_verified")) {
    const auto& v = info["email_verified"];
    if (v.is_boolean())
      token.email_verified = v.get<bool>();
    else if (v.is_string())
      token.email_verified = v.get<std::string>() == "true";
  }
}

Result<IdToken> Client::Verify(const std::string& id_token, const std::string& nonce) {
  auto metadata = Metadata();
  if (!metadata.ok()) return metadata.error();
  IdTokenCheck check;
  check.issuer = metadata.value().issuer;
  check.client_id = config_.client_id;
  check.allowed_tenants = config_.allowed_tenants;
  check.nonce = nonce;
  check.now = clock_();
  check.leeway = config_.leeway;
  for (bool refresh : {false, true}) {
    auto keys = Keys(refresh);
    if (!keys.ok()) return keys.error();
    auto verified = VerifyIdToken(id_token, keys.value(), check);
    if (verified.ok() || verified.error().code != ErrorCode::kUnknownKey) return verified;
    if (refresh) return InvalidToken(verified.error().detail);
  }
  return InvalidToken("unreachable");
}

Result<std::string> Client::EndSessionUrl(const std::string& post_logout_redirect_uri) {
  auto metadata = Metadata();
  if (!metadata.ok()) return metadata.error();
  if (metadata.value().end_session_endpoint.empty()) return std::string();
  return WithQuery(metadata.value().end_session_endpoint,
                   {{"client_id", config_.client_id}, {"post_logout_redirect_uri", post_logout_redirect_uri}});
}

}  // namespace ansvar::oidc
