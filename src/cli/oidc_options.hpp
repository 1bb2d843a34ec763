#pragma once
// What `ansvar serve` adds for single sign-on with OpenID Connect:
//   --oidc-issuer URL --oidc-client-id ID --oidc-client-secret-file FILE [--oidc-claim email]
// (with --public-url, which the reminders' links share). The client secret comes from the file's first line or from
// the environment variable ANSVAR_OIDC_CLIENT_SECRET, never from the command line (where `ps` shows it to every
// user of the machine), and is never logged.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "http/api.hpp"

namespace ansvar::cli {

struct OidcServeArgs {
  std::string issuer;
  std::string client_id;
  std::string client_secret_file;
  std::string claim = "email";
  std::vector<std::string> allowed_tenants;  // --oidc-allowed-tenant (repeatable): a multi-tenant issuer needs them
  bool username_fallback = false;            // --oidc-username-fallback: upn / preferred_username for a missing email
};

// Adds the options to the serve subcommand.
std::shared_ptr<OidcServeArgs> AddOidcServeOptions(CLI::App& serve);

// Sets `api.sso` (nothing without --oidc-issuer). `public_url` is --public-url ("" derives http(s)://<listen>).
// Asks the provider for its discovery document once: a provider that answers with a misfit (another issuer, no
// PKCE S256) stops the start; one that does not answer yet is logged and asked again at the first sign-in.
// Throws std::runtime_error with what the operator must fix.
void ConfigureSingleSignOn(const OidcServeArgs& args, const std::string& public_url, const std::string& listen,
                           http::ApiOptions& api);

}  // namespace ansvar::cli
