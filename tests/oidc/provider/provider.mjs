// A real OpenID provider for the end-to-end test (test_oidc_e2e.py starts and stops it): oidc-provider from npm on
// 127.0.0.1 at a free port, one confidential client (Ansvar), a few users, its development login and consent pages
// (any password), PKCE required, RS256 keys made at start. Prints one JSON line {"issuer": …} when it listens.
//
// For the test's refusals it can also misbehave on request: POST /__test/tamper?mode=payload|signature|none makes the
// next token answers carry an ID token whose payload was changed after signing, whose signature was changed, or
// which claims alg "none"; mode=off (or no mode) stops that. Nothing else about the provider is mocked.
//
// With --multi-tenant it plays a provider shared by many organizations, as Microsoft Entra ID's "organizations"
// endpoint: its discovery document (also at /organizations/.well-known/openid-configuration) names the issuer
// "<base>/{tenantid}", and each ID token is re-signed with the issuer "<base>/<the user's tid>" and a "tid" claim.
//
// Usage: node provider.mjs REDIRECT_URI POST_LOGOUT_REDIRECT_URI [--multi-tenant]
import { createSign, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const [redirectUri, postLogoutRedirectUri, mode] = process.argv.slice(2);
const multiTenant = mode === '--multi-tenant';
// The tenants of the multi-tenant mode: Kungsbacka's, and another organization's.
const homeTenant = '9188040d-6c67-4c5b-b112-36a304b66dad';
const otherTenant = '11111111-2222-3333-4444-555555555555';
if (!redirectUri || !postLogoutRedirectUri) {
  console.error('usage: node provider.mjs REDIRECT_URI POST_LOGOUT_REDIRECT_URI');
  process.exit(2);
}

// The users of the identity provider: the login name typed on its page is the account id.
const users = {
  anna: { email: 'anna.dpo@kungsbacka.test', email_verified: true, name: 'Anna Dataskydd', tid: homeTenant },
  // Another organization's tenant, whose administrator gave a user Anna's address (verified there): the takeover.
  eve: { email: 'anna.dpo@kungsbacka.test', email_verified: true, name: 'Eve', tid: otherTenant },
  // An account of Ansvar has this address but was not provisioned for single sign-on.
  bertil: { email: 'bertil@kungsbacka.test', email_verified: true, name: 'Bertil', tid: homeTenant },
  // E-mail not verified by the provider: Ansvar must not match by it.
  mallory: { email: 'anna.dpo@kungsbacka.test', email_verified: false, name: 'Mallory' },
  // Microsoft Entra ID / AD FS style: no email claim, the UPN instead.
  sven: { upn: 'sven.forvaltare@kungsbacka.test', preferred_username: 'sven.forvaltare@kungsbacka.test', name: 'Sven' },
  // Known to the provider, unknown to Ansvar.
  nobody: { email: 'nobody@elsewhere.test', email_verified: true, name: 'Ingen' },
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rsa-1', use: 'sig', alg: 'RS256' };

let tamper = null;

function b64url(buffer) { return Buffer.from(buffer).toString('base64url'); }

// The multi-tenant mode's ID token: the tenant's own issuer, signed again with the provider's key.
function perTenant(idToken, base) {
  const [, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const tid = users[claims.sub]?.tid ?? homeTenant;
  Object.assign(claims, { iss: `${base}/${tid}`, tid });
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: jwk.kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey);
  return `${head}.${body}.${b64url(signature)}`;
}

function tampered(idToken, mode) {
  const [header, payload, signature] = idToken.split('.');
  if (mode === 'payload') {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.sub = 'anna';  // impersonation: someone else's subject under the provider's signature
    claims.email = 'anna.dpo@kungsbacka.test';
    claims.email_verified = true;
    return `${header}.${b64url(JSON.stringify(claims))}.${signature}`;
  }
  if (mode === 'signature') {
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] ^= 0x01;
    return `${header}.${payload}.${b64url(bytes)}`;
  }
  if (mode === 'none') return `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
  return idToken;
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'ansvar',
      client_secret: 'test-klienthemlighet-0123456789',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    pkce: { required: () => true },
    jwks: { keys: [jwk] },
    cookies: { keys: ['ansvar-test-cookie-key'] },
    claims: {
      openid: ['sub', 'tid'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'upn'],
    },
    async findAccount(ctx, id) {
      if (!Object.hasOwn(users, id)) return undefined;
      return { accountId: id, async claims() { return { sub: id, ...users[id] }; } };
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });
  provider.use(async (ctx, next) => {
    if (ctx.path === '/__test/tamper' && ctx.method === 'POST') {
      tamper = ['payload', 'signature', 'none'].includes(ctx.query.mode) ? ctx.query.mode : null;
      ctx.status = 204;
      return;
    }
    const discovery = ctx.path === '/.well-known/openid-configuration' ||
      ctx.path === '/organizations/.well-known/openid-configuration';
    if (multiTenant && discovery) ctx.path = '/.well-known/openid-configuration';
    await next();
    // Entra ID sends no RFC 9207 "iss" in its authorization responses: neither does the multi-tenant mode.
    const location = ctx.response.get('Location');
    if (multiTenant && location && location.startsWith(redirectUri) && location.includes('iss=')) {
      const url = new URL(location);
      url.searchParams.delete('iss');
      ctx.redirect(url.toString());
    }
    if (multiTenant && discovery && ctx.body) {
      const doc = typeof ctx.body === 'string' ? JSON.parse(ctx.body) : ctx.body;
      ctx.body = { ...doc, issuer: `${issuer}/{tenantid}` };
    }
    if (multiTenant && ctx.path === '/token' && ctx.body && typeof ctx.body.id_token === 'string') {
      ctx.body = { ...ctx.body, id_token: perTenant(ctx.body.id_token, issuer) };
    }
    if (ctx.path === '/token' && tamper && ctx.body && typeof ctx.body.id_token === 'string') {
      ctx.body = { ...ctx.body, id_token: tampered(ctx.body.id_token, tamper) };
    }
  });
  server.on('request', provider.callback());
  console.log(JSON.stringify({ issuer }));
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
