#include "cli/oidc_options.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "http/log.hpp"
#include "oidc/client.hpp"
#include "oidc/identity.hpp"

namespace ansvar::cli {
namespace {

constexpr const char* kSecretVariable = "ANSVAR_OIDC_CLIENT_SECRET";

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

std::string ClientSecret(const OidcServeArgs& args) {
  if (!args.client_secret_file.empty()) {
    std::ifstream in(args.client_secret_file);
    if (!in) throw std::runtime_error("--oidc-client-secret-file: cannot read " + args.client_secret_file);
    std::string line;
    std::getline(in, line);
    line = Trimmed(line);
    if (line.empty()) throw std::runtime_error("--oidc-client-secret-file: the first line is empty");
    struct stat st {};
    if (::stat(args.client_secret_file.c_str(), &st) == 0 && (st.st_mode & S_IROTH) != 0)
      http::Log("warning", "the OIDC client secret file is readable by every user; chmod 600 it",
                {{"file", args.client_secret_file}});
    return line;
  }
  const char* env = std::getenv(kSecretVariable);
  if (env != nullptr && *env != '\0') return Trimmed(env);
  throw std::runtime_error(std::string("--oidc-issuer needs the client secret: --oidc-client-secret-file FILE or the "
                                       "environment variable ") +
                           kSecretVariable);
}

std::string PublicUrl(const std::string& public_url, const std::string& listen, bool tls) {
  std::string url = public_url;
  if (url.empty()) {
    if (listen.ends_with(":0"))
      throw std::runtime_error("--oidc-issuer needs --public-url when --listen picks a free port");
    url = (tls ? "https://" : "http://") + listen;
  }
  while (url.ends_with('/')) url.pop_back();
  if (!url.starts_with("https://") && !url.starts_with("http://"))
    throw std::runtime_error("--public-url: expected http(s)://host[:port], got \"" + public_url + "\"");
  return url;
}

}  // namespace

std::shared_ptr<OidcServeArgs> AddOidcServeOptions(CLI::App& serve) {
  auto a = std::make_shared<OidcServeArgs>();
  auto* issuer = serve.add_option("--oidc-issuer", a->issuer,
                                  "Inloggning via OpenID Connect: utfärdarens URL / the OpenID provider's issuer URL");
  auto* id = serve.add_option("--oidc-client-id", a->client_id, "OpenID Connect: klient-id / client id");
  serve.add_option("--oidc-client-secret-file", a->client_secret_file,
                   "OpenID Connect: fil med klienthemligheten (första raden), annars miljövariabeln "
                   "ANSVAR_OIDC_CLIENT_SECRET / file holding the client secret");
  serve.add_option("--oidc-claim", a->claim,
                   "Anspråket som matchas mot kontot: email (e-post, standard) eller t.ex. preferred_username, upn "
                   "(konto-id) / the claim matched to accounts");
  serve.add_option(
      "--oidc-allowed-tenant", a->allowed_tenants,
      "OpenID Connect med en utfärdare för många organisationer (Entra ID organizations/common, "
      "{tenantid}): tillåten klient-id (tid), kan upprepas; krävs / a multi-tenant issuer's allowed tenant "
      "id (tid), repeatable; required for such an issuer");
  serve.add_flag("--oidc-username-fallback", a->username_fallback,
                 "Matcha på upn eller preferred_username när e-post saknas (Entra ID, AD FS) / match upn or "
                 "preferred_username when the token has no email claim");
  issuer->needs(id);
  id->needs(issuer);
  return a;
}

void ConfigureSingleSignOn(const OidcServeArgs& args, const std::string& public_url, const std::string& listen,
                           http::ApiOptions& api) {
  if (args.issuer.empty()) return;
  if (!oidc::AcceptableUrl(args.issuer))
    throw std::runtime_error("--oidc-issuer: expected an https:// URL (http:// only to this machine), got \"" +
                             args.issuer + "\"");
  if (args.claim.empty() || args.claim.size() > 100)
    throw std::runtime_error("--oidc-claim: expected a claim name such as email, preferred_username or upn");
  oidc::ClientConfig config;
  config.issuer = args.issuer;
  config.client_id = args.client_id;
  config.client_secret = ClientSecret(args);
  config.allowed_tenants = args.allowed_tenants;
  // A provider shared by many organizations (Entra ID's "organizations", "common", or a "{tenantid}" template)
  // signs in anyone of any of them: refuse to start without the tenants to accept (issue 17).
  const auto shared_issuer = [](const std::string& issuer) {
    return issuer.find("{tenantid}") != std::string::npos || issuer.find("/common/") != std::string::npos ||
           issuer.find("/organizations/") != std::string::npos || issuer.find("/consumers/") != std::string::npos ||
           issuer.ends_with("/common") || issuer.ends_with("/organizations") || issuer.ends_with("/consumers");
  };
  if (shared_issuer(args.issuer) && args.allowed_tenants.empty())
    throw std::runtime_error("--oidc-issuer " + args.issuer +
                             " serves many organizations: name the tenants to accept with --oidc-allowed-tenant ID");
  http::SingleSignOn sso;
  sso.public_url = PublicUrl(public_url, listen, api.tls);
  config.redirect_uri = sso.public_url + "/api/v1/auth/oidc/callback";
  sso.claim = args.claim;
  sso.username_fallback = args.username_fallback ? oidc::UsernameFallback::kYes : oidc::UsernameFallback::kNo;
  sso.client = std::make_shared<oidc::Client>(std::move(config));
  const auto metadata = sso.client->Metadata();
  if (!metadata.ok() && metadata.error().code == oidc::ErrorCode::kConfiguration)
    throw std::runtime_error("--oidc-issuer: " + metadata.error().detail);
  if (metadata.ok() && shared_issuer(metadata.value().issuer) && args.allowed_tenants.empty())
    throw std::runtime_error("--oidc-issuer: the provider's issuer \"" + metadata.value().issuer +
                             "\" serves many organizations: name the tenants to accept with --oidc-allowed-tenant ID");
  if (metadata.ok())
    http::Log("info", "single sign-on",
              {{"issuer", metadata.value().issuer},
               {"client_id", args.client_id},
               {"redirect_uri", sso.public_url + "/api/v1/auth/oidc/callback"},
               {"claim", args.claim}});
  else
    http::Log("warning", "the OpenID provider does not answer yet; asked again at the first sign-in",
              {{"issuer", args.issuer}, {"reason", metadata.error().detail}});
  api.sso = std::move(sso);
}

}  // namespace ansvar::cli
