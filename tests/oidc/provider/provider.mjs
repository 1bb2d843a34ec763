// A real OpenID provider for the end-to-end test (test_oidc_e2e.py starts and stops it): oidc-provider from npm on
// 127.0.0.1 at a free port, one confidential client (Ansvar), a few users, its development login and consent pages
// (any password), PKCE required, RS256 keys made at start. Prints one JSON line {"issuer": …} when it listens.
//
// For the test's refusals it can also misbehave on request: POST /__test/tamper?mode=payload|signature|none makes the
// next token answers carry an ID token whose payload was changed after signing, whose signature was changed, or
// which claims alg "none"; mode=off (or no mode) stops that. Nothing else about the provider is mocked.
//
// Usage: node provider.mjs REDIRECT_URI POST_LOGOUT_REDIRECT_URI
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const [redirectUri, postLogoutRedirectUri] = process.argv.slice(2);
if (!redirectUri || !postLogoutRedirectUri) {
  console.error('usage: node provider.mjs REDIRECT_URI POST_LOGOUT_REDIRECT_URI');
  process.exit(2);
}

// The users of the identity provider: the login name typed on its page is the account id.
const users = {
  anna: { email: 'anna.dpo@kungsbacka.test', email_verified: true, name: 'Anna Dataskydd' },
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
      openid: ['sub'],
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
    await next();
    if (ctx.path === '/token' && tamper && ctx.body && typeof ctx.body.id_token === 'string') {
      ctx.body = { ...ctx.body, id_token: tampered(ctx.body.id_token, tamper) };
    }
  });
  server.on('request', provider.callback());
  console.log(JSON.stringify({ issuer }));
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
