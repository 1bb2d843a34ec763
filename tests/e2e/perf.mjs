#!/usr/bin/env node
// Performance of the web interface: JavaScript of the first load (gzipped) and, per page, navigation timing,
// first contentful paint, the app's first render and the moment the page's main data is on screen (median of 5).
// As a script, against a running server (e.g. one holding a large register), signed in as --user with the password
// in $ANSVAR_PASSWORD:
//   ANSVAR_PASSWORD=… node tests/e2e/perf.mjs --base http://127.0.0.1:8091 --system SYSTEM_ID [--user admin]
//                                             [--label TEXT] [--out FILE] [--runs N]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchBrowser, ROOT } from './lib.mjs';

export async function measure(browser, base, label, systemId, runCount = 5, auth = null) {
  const dist = join(ROOT, 'web', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const assets = readdirSync(join(dist, 'assets'));
  const firstLoad = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]);
  const size = (files, ext) =>
    files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length, 0);
  const raw = (files, ext) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + readFileSync(join(dist, 'assets', f)).length, 0);
  const out = {
    label,
    js_first_load_gzip_bytes: size(firstLoad, '.js'),
    js_first_load_raw_bytes: raw(firstLoad, '.js'),
    js_all_gzip_bytes: size(assets, '.js'),
    css_gzip_bytes: size(assets, '.css'),
    pages: {},
  };
  for (const [name, path, mark] of [
    ['overview', '/', 'ansvar:ready:overview'],
    ['system', `/systems/${systemId}`, 'ansvar:ready:system'],
    ['register', '/systems', 'ansvar:ready:register'],
  ]) {
    const runs = [];
    for (let i = 0; i < runCount; i++) {
      const context = await browser.newContext({ baseURL: base });
      // Each run is a fresh browser, already signed in: the cookie is there, the page still asks who it is.
      if (auth) {
        const res = await context.request.post(base + '/api/v1/auth/login', { data: auth });
        if (res.status() !== 200) throw new Error(`sign-in for the measurement answered ${res.status()}`);
      }
      const page = await context.newPage();
      await page.goto(path, { waitUntil: 'commit', timeout: 180_000 });
      await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 180_000 });
      await page.waitForLoadState('load');
      runs.push(
        await page.evaluate((m) => {
          const nav = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          return {
            ttfb: nav.responseStart,
            dom_content_loaded: nav.domContentLoadedEventEnd,
            first_contentful_paint: fcp ? fcp.startTime : null,
            first_render: performance.getEntriesByName('ansvar:first-render')[0]?.startTime ?? null,
            content_ready: performance.getEntriesByName(m)[0].startTime,
          };
        }, mark),
      );
      await context.close();
    }
    const median = (k) => {
      const v = runs.map((r) => r[k]).filter((x) => x !== null).sort((a, b) => a - b);
      return v.length ? Math.round(v[Math.floor(v.length / 2)]) : null;
    };
    out.pages[name] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k + '_ms', median(k)]));
  }
  return out;
}


if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const base = arg('--base', 'http://127.0.0.1:8080');
  const { browser, close } = await launchBrowser();
  try {
    const auth = process.env.ANSVAR_PASSWORD ? { username: arg('--user', 'admin'), password: process.env.ANSVAR_PASSWORD } : null;
    const result = await measure(browser, base, arg('--label', base), arg('--system', 'raindance'), Number(arg('--runs', 5)), auth);
    const text = JSON.stringify(result, null, 2);
    console.log(text);
    const out = arg('--out', null);
    if (out) writeFileSync(out, text + '\n');
  } finally {
    await close();
  }
}
