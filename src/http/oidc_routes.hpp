#pragma once
// Single sign-on with OpenID Connect (docs/access-control.md): the authorization code flow with PKCE against one
// provider (oidc/client.hpp), the user matched to an account (app/accounts.hpp), a session like a password login's.
//   GET  /api/v1/auth/oidc/login?return_to=/path  → 302 to the provider (state, nonce, PKCE S256)
//   GET  /api/v1/auth/oidc/callback?code&state    → 302 to return_to, signed in; or a problem, signed out
//   POST /api/v1/auth/oidc/logout                 → 200 {"end_session_url"}: the session ended, where the browser
//                                                   goes to sign out at the provider too (null when it offers none)
#include "app/accounts.hpp"
#include "http/api.hpp"
#include "http/router.hpp"

namespace ansvar::http {

inline constexpr std::string_view kOidcBrowserCookie = "ansvar_oidc";

// Adds the three routes when `options.sso` is set.
void AddOidcRoutes(Router& router, app::Accounts& accounts, const ApiOptions& options);

}  // namespace ansvar::http
