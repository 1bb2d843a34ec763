// The end-to-end harness: starts `ansvar serve --demo` on a free port with a temporary database (reading the admin's
// one-time password from its stdout), launches Debian's chromium through playwright-core, signs in, and runs named
// scenarios with a closing "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../..');
export const SHOTS = join(HERE, 'screenshots');
const require = createRequire(join(ROOT, 'web', 'package.json'));
export const { chromium } = require('playwright-core');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The ansvar binary: $ANSVAR_BIN, or the first build tree that has one. */
export function findBinary() {
  if (process.env.ANSVAR_BIN) return process.env.ANSVAR_BIN;
  for (const dir of ['build', 'build-web', 'build-asan', 'build-store', 'build-bench'])
    if (existsSync(join(ROOT, dir, 'ansvar'))) return join(ROOT, dir, 'ansvar');
  throw new Error('no ansvar binary: build it first (make build) or set ANSVAR_BIN');
}

/**
 * Starts the server on 127.0.0.1:0 and answers its URL, read from the "listening" JSON log line on stderr, and the
 * admin's one-time password the demo prints on stdout ("Engångslösenord / one-time password for admin: …").
 */
export async function startServer({ demo = true, extraArgs = [], listen = '127.0.0.1:0', env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ansvar-e2e-'));
  const db = join(dir, 'e2e.db');
  const dist = join(ROOT, 'web', 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist is missing: run `make web` first');
  const args = ['serve', '--db', db, '--listen', listen, '--static-dir', dist, ...(demo ? ['--demo'] : []), ...extraArgs];
  const child = spawn(findBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  let password = null;
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('server did not start in 60 s:\n' + log.replace(/(password for \S+: )\S+/g, '$1…'))), 60_000);
    const onData = (chunk) => {
      log += chunk.toString();
      password ??= log.match(/one-time password for admin: (\S+)/)?.[1] ?? null;
      const m = log.match(/"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/);
      if (m && (password || !demo)) {
        clearTimeout(timer);
        ok(m[1].replace(/\/$/, ''));
      }
    };
    child.stderr.on('data', onData);
    child.stdout.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    db,
    password,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r();
          }, 5000);
          child.on('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  // playwright-core gives every launch a fresh temporary profile (user-data-dir) of its own and removes it on close.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A TCP port free on 127.0.0.1 at the moment of asking. */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Signs in through the API (POST /api/v1/auth/login): answers the session cookie ("ansvar_session=…") and CSRF token. */
export async function apiSignIn(base, username, password) {
  const res = await fetch(base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ansvar_session='));
  const body = await res.json();
  return { cookie: cookie.split(';')[0], csrf: body.csrf_token, account: body.account };
}

/** A client of the API as one signed-in account: api(path, {method, body, headers}) → {status, etag, body}. */
export function apiClient(base, session) {
  return async function api(path, init = {}) {
    const headers = { Cookie: session.cookie, ...(init.headers ?? {}) };
    if (init.method && init.method !== 'GET') headers['X-CSRF-Token'] = session.csrf;
    let body = init.body;
    if (body !== undefined && typeof body !== 'string') {
      body = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(base + '/api/v1' + path, { ...init, headers, body });
    const text = await res.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, etag: res.headers.get('etag'), body: parsed };
  };
}

/** A context signed in as `username` (its own session, through the API): its pages start signed in. */
export async function signedInContext(browser, base, username, password, opts = {}) {
  const context = await newContext(browser, base, opts);
  const res = await context.request.post(base + '/api/v1/auth/login', { data: { username, password } });
  if (res.status() !== 200) throw new Error(`sign-in of ${username} answered ${res.status()}`);
  return context;
}

/**
 * A fresh browser context (its own localStorage) whose pages fail the test on script errors, console errors, CSP
 * violations and every answer 4xx/5xx, except those the scenario provokes on purpose: `expect(context, status, path)`
 * (path a RegExp over the URL's pathname) allows them, each named where the scenario provokes it.
 */
export async function newContext(browser, base, opts = {}) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, locale: 'sv-SE', ...opts });
  context.problems = [];
  context.expected = [];
  context.requests = [];
  context.on('page', (page) => watch(page, context));
  return context;
}
/** Allows answers `status` to paths matching `path` in this context (a flow that provokes them on purpose). */
export function expectStatus(context, status, path) {
  context.expected.push({ status, path });
}
function watch(page, context) {
  const problems = context.problems;
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    // The browser logs every failed answer as a console error; the answers themselves are judged below.
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of \d{3}/.test(text)) problems.push(`console: ${text}`);
  });
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) context.requests.push(r.url());
  });
  page.on('response', (r) => {
    const status = r.status();
    if (status < 400) return;
    const url = new URL(r.url());
    // Signed out, the app asks who it is and is told 401: that is how it learns to show the sign-in page.
    if (status === 401 && url.pathname === '/api/v1/auth/session') return;
    if (context.expected.some((e) => e.status === status && e.path.test(url.pathname))) return;
    problems.push(`${r.request().method()} ${url.pathname}${url.search} answered ${status}`);
  });
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) in the page; answers the violations. */
export async function axe(page) {
  await page.evaluate(AXE_SOURCE + '\n;0');
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) }));
  });
}

export async function screenshot(page, name, fullPage = true) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Waits until no "Laddar…"/"Loading…" status is left in the main region. */
export async function settled(page, timeout = 15_000) {
  await page.waitForFunction(
    () => ![...document.querySelectorAll('main [role=status]')].some((e) => /Laddar|Loading/.test(e.textContent || '')),
    null,
    { timeout },
  );
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Runs the scenarios one after another; prints each result and the closing line; answers the failure count. */
export async function runAll(scenarios, ctx) {
  let passed = 0;
  let failed = 0;
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;
  for (const [name, fn] of scenarios) {
    if (only && !only.test(name)) continue;
    const start = Date.now();
    try {
      await fn(ctx);
      passed++;
      console.log(`ok   ${name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name} (${Date.now() - start} ms)\n     ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 8).join('\n     ')}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}
