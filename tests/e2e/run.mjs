#!/usr/bin/env node
// End-to-end tests of the web interface in a real browser (Debian's chromium driven by playwright-core),
// against `ansvar serve --demo` on a free port, signed in with the admin's one-time password the server prints.
// Run: make test-e2e (or: node tests/e2e/run.mjs).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient, apiSignIn, assert, axe, expectStatus, freePort, HERE, launchBrowser, newContext, runAll, screenshot, settled, signedInContext, startServer } from './lib.mjs';
import { decisionScenarios } from './decisions.mjs';
import { measure } from './perf.mjs';
import { breachFromReportToNotification } from './breaches.mjs';
import { dpiaScenarios } from './dpia.mjs';

// The admin's session for the checks made through the API (set before the scenarios run).
let api = async () => {
  throw new Error('not signed in');
};
let ADMIN = { user: 'admin', password: '', name: '' };
const admin = (browser, base, opts) => signedInContext(browser, base, ADMIN.user, ADMIN.password, opts);

async function noProblems(context) {
  assert(context.problems.length === 0, 'browser reported problems:\n' + context.problems.join('\n'));
}

// ---------------------------------------------------------------------------------------------------------------
// 1. A new user follows the README: opens the demo, signs in with the one-time password, finds the system with the
//    most errors, appoints the missing roles and sees the findings disappear; the history names the account.
async function newUserFixesMissingRoles({ browser, base }) {
  const context = await newContext(browser, base);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  assert((await page.getAttribute('html', 'lang')) === 'sv', 'Swedish is the default language');
  await page.getByLabel('Användarnamn').fill(ADMIN.user);
  await page.getByLabel('Lösenord').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
  await settled(page);
  await page.getByTestId('account').getByText(ADMIN.name).waitFor();

  // The system with the most errors heads its list; its page shows the same count and findings linked to rules.
  const top = page.getByTestId('most-errors').locator('li').first();
  await top.waitFor();
  const topName = (await top.locator('a').first().textContent()).trim();
  const topCount = Number((await top.locator('.badge').textContent()).replace(/\D+/g, ''));
  const all = await api('/findings?severity=error&subject_type=system&limit=5000');
  const counts = {};
  for (const f of all.body.findings) counts[f.subject.id] = (counts[f.subject.id] ?? 0) + 1;
  assert(topCount === Math.max(...Object.values(counts)), `the top of the list has the most errors (${topCount})`);
  await top.locator('a').first().click();
  await page.getByRole('heading', { level: 1, name: topName }).waitFor();
  await settled(page);
  assert((await page.locator('.tags .sev-error').textContent()).includes(String(topCount)), 'the system page shows its error count');
  const ruleLink = page.getByTestId('findings').locator('a[href^="/rules#"]').first();
  const ruleId = (await ruleLink.getAttribute('href')).slice('/rules#'.length);
  await ruleLink.click();
  await page.locator(`[id="${ruleId}"]`).waitFor();
  assert(await page.locator(`[id="${ruleId}"] p`).nth(1).textContent(), 'the rule text is shown');
  await screenshot(page, 'rules');

  // Missing roles: the overview's "by rule" table leads to every system that lacks a mandatory role.
  await page.getByRole('link', { name: 'Översikt' }).click();
  await settled(page);
  const roleRule = page.getByRole('link', { name: /R-ROLE-MANDATORY/ });
  await roleRule.waitFor({ timeout: 20_000 });
  await roleRule.click();
  await page.getByRole('heading', { level: 1, name: 'Avvikelser' }).waitFor();
  await settled(page);
  const subjects = await page.locator('tbody td a[href^="/systems/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  assert(subjects.length > 0, 'the demo has systems with missing roles');
  const before = await api('/findings?rule=R-ROLE-MANDATORY&limit=0');

  for (const href of subjects) {
    await page.goto(href);
    await settled(page);
    const systemId = decodeURIComponent(href.split('/').pop());
    const roles = page.getByTestId('roles');
    await roles.waitFor();
    // Appoint every missing role, one after another.
    for (let guard = 0; guard < 8; guard++) {
      const appointButton = roles.getByRole('button', { name: /^Utse / }).first();
      if ((await appointButton.count()) === 0) break;
      const roleName = (await appointButton.textContent()).replace(/^Utse /, '').trim();
      await appointButton.click();
      const picker = page.getByLabel(`Person – ${roleName}`, { exact: true });
      await picker.waitFor();
      await page.waitForFunction((sel) => document.querySelector(sel)?.options.length > 1, `select[id^="appoint-"]`);
      const value = await picker.evaluate((s) => s.options[1].value);
      await picker.selectOption(value);
      await roles.getByRole('button', { name: `Utse ${roleName}` }).last().click();
      await page.getByText(new RegExp(`är utsedd till ${roleName}`)).waitFor();
      await settled(page);
    }
    // The findings for missing roles are gone from the system page and from the API.
    const left = await api(`/findings?rule=R-ROLE-MANDATORY&subject_type=system&subject=${encodeURIComponent(systemId)}&limit=0`);
    assert(left.body.total === 0, `${systemId}: no R-ROLE-MANDATORY finding left (found ${left.body.total})`);
    const shown = await page.getByTestId('findings').textContent().catch(() => '');
    assert(!/R-ROLE-MANDATORY/.test(shown), `${systemId}: the page no longer lists R-ROLE-MANDATORY`);
    // The history shows who did it.
    await page.locator('#history').getByRole('link', { name: ADMIN.name }).first().waitFor();
  }
  const after = await api('/findings?rule=R-ROLE-MANDATORY&limit=0');
  assert(before.body.total > 0 && after.body.total === 0, `R-ROLE-MANDATORY findings went from ${before.body.total} to ${after.body.total}`);
  await page.goto('/findings?rule=R-ROLE-MANDATORY');
  await settled(page);
  await page.getByText('Fel · 0').first().waitFor();
  // Who changed what: the audit trail names the account for each change, and lists what that account changed.
  await page.goto('/audit');
  await settled(page);
  await page.getByRole('heading', { level: 1, name: 'Ändringslogg' }).waitFor();
  await page.getByTestId('audit').getByRole('link', { name: ADMIN.name }).first().click();
  await page.getByRole('heading', { level: 1, name: `Ändringar av ${ADMIN.name}` }).waitFor();
  await settled(page);
  const rows = await page.getByTestId('audit').locator('tbody tr').count();
  assert(rows >= subjects.length, `the account's changes are listed (${rows} rows for ${subjects.length} systems)`);
  const mine = await api('/audit?actor=admin&entity_type=system&limit=1000');
  assert(mine.body.entries.every((e) => e.actor.id === 'admin' && e.actor.name === ADMIN.name), 'every change is attributed to the account');
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Records a breach and sees the countdown and the handler.
async function recordsBreach({ browser, base }) {
  const context = await admin(browser, base);
  const page = await context.newPage();
  await page.goto('/incidents');
  await settled(page);
  await page.locator('main').getByRole('link', { name: 'Rapportera incident' }).click();
  await page.getByRole('heading', { level: 1, name: /Ny: personuppgiftsincident/ }).waitFor();
  await page.getByLabel('Id', { exact: false }).first().fill('inc-e2e-1');
  await page.getByLabel('Sök: System').fill('Skolplattform');
  await page.waitForFunction(() => [...document.querySelectorAll('#f-system option')].some((o) => o.value === 'skolplattform'));
  await page.locator('#f-system').selectOption('skolplattform');
  await page.getByLabel('Riskbedömning').selectOption('risk');
  await page.getByLabel('Dataskyddsombudet informerat').check();
  const awareValue = await page.locator('#f-aware_at').inputValue();
  assert(awareValue, 'the time of awareness starts at now');
  await page.getByRole('button', { name: 'Skapa' }).click();
  await page.getByRole('heading', { level: 1, name: /inc-e2e-1/ }).waitFor();
  await settled(page);
  const countdown = page.locator('.countdown-big [data-testid=countdown]');
  const first = await countdown.textContent();
  assert(/kvar/.test(first) && /(71|72) h/.test(first), `a 72-hour countdown is shown: ${first}`);
  await page.waitForTimeout(2100);
  const second = await countdown.textContent();
  assert(first !== second, 'the countdown is live');
  // The handler: the rule's answer for a system of two committees (the owner's committee), with its reason.
  const handler = page.getByTestId('handler');
  await handler.getByText('Nämnden för Förskola & Grundskola').first().waitFor();
  await handler.getByText(/Ägarens nämnd/).waitFor();
  await screenshot(page, 'breach');

  // An open breach past 72 hours says so in words, not only in red.
  await page.getByRole('link', { name: 'Incidenter' }).click();
  await settled(page);
  await page.getByText(/Försenad med/).first().waitFor();
  await screenshot(page, 'breaches');
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Edits a system in two tabs and gets the conflict; nothing typed is lost.
async function conflictInTwoTabs({ browser, base }) {
  const context = await admin(browser, base);
  // Provoked on purpose: the second tab's save over a changed version, and a new system with an id that exists.
  expectStatus(context, 412, /^\/api\/v1\/systems\/raindance$/);
  expectStatus(context, 409, /^\/api\/v1\/systems$/);
  expectStatus(context, 422, /^\/api\/v1\/systems$/);
  const a = await context.newPage();
  const b = await context.newPage();
  for (const p of [a, b]) {
    await p.goto('/edit/systems/raindance');
    await p.getByLabel('Leverantör').waitFor();
  }
  await a.getByLabel('Leverantör').fill('CGI Sverige AB (flik A)');
  await a.getByRole('button', { name: 'Spara' }).click();
  await a.getByRole('heading', { level: 1, name: 'Raindance' }).waitFor();
  await a.getByText('Sparat.').waitFor();

  await b.getByLabel('Leverantör').fill('CGI (flik B)');
  await b.getByRole('button', { name: 'Spara' }).click();
  const dialog = b.getByRole('dialog', { name: /Någon annan har ändrat/ });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Jämför' }).click();
  const row = dialog.locator('tr', { hasText: 'supplier' });
  await row.getByText('CGI Sverige AB (flik A)').waitFor();
  await row.getByText('CGI (flik B)').waitFor();
  await screenshot(b, 'conflict', false);
  await dialog.getByRole('button', { name: /Hämta deras version/ }).click();
  assert((await b.getByLabel('Leverantör').inputValue()) === 'CGI Sverige AB (flik A)', 'their version is loaded');
  await b.getByRole('button', { name: 'Använd utkastet' }).click();
  assert((await b.getByLabel('Leverantör').inputValue()) === 'CGI (flik B)', 'my input is back from the draft');
  await b.getByRole('button', { name: 'Spara' }).click();
  await b.getByRole('heading', { level: 1, name: 'Raindance' }).waitFor();
  const saved = await api('/systems/raindance');
  assert(saved.body.supplier === 'CGI (flik B)', 'my version is saved after the conflict');

  // A failed save keeps the input and shows the message next to the field: client-side and server-side.
  await b.goto('/new/systems');
  await b.getByLabel('Id', { exact: false }).first().fill('raindance');
  await b.getByRole('button', { name: 'Skapa' }).click();
  await b.locator('#f-name-err').waitFor();
  assert(/obligatoriskt/i.test(await b.locator('#f-name-err').textContent()), 'a required field says so next to it');
  assert((await b.locator('#f-name').getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
  await b.getByLabel('Namn', { exact: false }).first().fill('Dubblett');
  await b.getByLabel('Kategori').selectOption('business_system');
  await b.getByLabel('Omfattning').selectOption('administration_specific');
  await b.getByLabel('Livscykel').selectOption('active');
  await b.getByRole('button', { name: 'Skapa' }).click();
  await b.locator('#f-id-err').getByText(/already exists|finns redan/i).waitFor();
  assert((await b.getByLabel('Namn', { exact: false }).first().inputValue()) === 'Dubblett', 'nothing is lost on a failed save');
  await screenshot(b, 'validation');
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Switches to English (and the choice is kept).
async function switchesToEnglish({ browser, base }) {
  const context = await admin(browser, base);
  const page = await context.newPage();
  await page.goto('/systems/skolplattform');
  await settled(page);
  await page.getByRole('heading', { level: 2, name: 'Roller' }).waitFor();
  await page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 2, name: 'Roles' }).waitFor();
  assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang follows the language');
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await settled(page);
  // Findings come from the server in the chosen language too.
  await page.goto('/systems/skolplattform');
  await settled(page);
  const text = await page.getByTestId('findings').textContent();
  assert(/lacks|has no|missing|without|not/i.test(text), 'findings are in English: ' + text.slice(0, 120));
  await screenshot(page, 'system-en');
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Keyboard only: skip link, visible focus, the menu, a form.
async function keyboardOnly({ browser, base }) {
  const context = await admin(browser, base);
  const page = await context.newPage();
  await page.goto('/');
  await settled(page);
  // The frame is drawn once the session and the account's powers are known: wait for the skip link to exist.
  await page.getByRole('link', { name: 'Hoppa till innehållet' }).waitFor({ state: 'attached' });
  await page.keyboard.press('Tab');
  let focused = await page.evaluate(() => document.activeElement?.textContent);
  assert(focused === 'Hoppa till innehållet', `the first Tab reaches the skip link (${focused})`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert(outline && outline !== 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert(await page.evaluate(() => document.activeElement?.id === 'main'), 'the skip link moves focus to main');
  // Tab back up to the menu: Shift+Tab from main reaches the last menu item, and on up to Register.
  await page.keyboard.press('Shift+Tab');
  focused = await page.evaluate(() => document.activeElement?.textContent);
  assert(await page.evaluate(() => !!document.activeElement?.closest('nav.main-nav')), `Shift+Tab from main reaches the menu (${focused})`);
  for (let i = 0; i < 20 && focused !== 'Register'; i++) {
    await page.keyboard.press('Shift+Tab');
    focused = await page.evaluate(() => document.activeElement?.textContent);
  }
  assert(focused === 'Register', `the menu is reachable by keyboard (${focused})`);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Register över system' }).waitFor();
  assert(await page.evaluate(() => document.activeElement?.tagName === 'H1'), 'after navigation focus is on the new heading');
  // The search field is reachable and filters on the server.
  for (let i = 0; i < 4 && !(await page.evaluate(() => document.activeElement?.id === 'reg-q')); i++) await page.keyboard.press('Tab');
  assert(await page.evaluate(() => document.activeElement?.id === 'reg-q'), 'Tab reaches the search field');
  await page.keyboard.type('Raindance');
  await page.waitForURL(/q=Raindance/);
  await settled(page);
  await page.getByText('1 system').waitFor();
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 6. axe-core reports no violations on every page, in Swedish and in English; screenshots of the main pages.
async function axeEveryPage({ browser, base }) {
  const first = async (c) => (await api(`/${c}?limit=1`)).body.items[0]?.id;
  const pages = [
    ['overview', '/'],
    ['register', '/systems'],
    ['register-filtered', '/systems?category=business_system&lifecycle=active'],
    ['system', '/systems/skolplattform'],
    ['findings', '/findings?severity=error'],
    ['findings-theme', '/findings?theme=dpa'],
    ['findings-empty', '/findings?theme=incidents&severity=info'],
    ['register-lacks-dpa', '/systems?lacks=dpa'],
    ['start', '/me'],
    ['org', '/committees'],
    ['committee', '/committees/fg'],
    ['administration', '/administrations/fgf'],
    ['activities', '/activities'],
    ['activity', `/activities/${await first('processing_activities')}`],
    ['incidents', '/incidents'],
    ['measures', '/measures'],
    ['incident', `/incidents/${await first('incidents')}`],
    ['requests', '/requests'],
    ['request', `/requests/${await first('data_subject_requests')}`],
    ['people', '/people'],
    ['person', `/people/${await first('people')}`],
    ['rules', '/rules'],
    ['cycle', '/cycle'],
    ['cycle-person', `/cycle?person=${await first('people')}`],
    ['messages', '/messages'],
    ['delegations', '/delegations'],
    ['powers', '/powers-of-attorney'],
    ['processor-records', '/processor-records'],
    ['agreements', '/agreements'],
    ['edit-system', '/edit/systems/skolplattform'],
    ['new-incident', '/new/incidents'],
    ['edit-activity', `/edit/processing_activities/${await first('processing_activities')}`],
    ['edit-person', `/edit/people/${await first('people')}`],
    ['not-found', '/no-such-page'],
    ['import', '/import'],
    ['audit', '/audit'],
    ['audit-account', '/audit?actor=admin'],
    ['admin', '/admin'],
  ];
  const failures = [];
  for (const lang of ['sv', 'en']) {
    const context = await admin(browser, base);
    await context.addInitScript((l) => {
      try {
        localStorage.setItem('ansvar.lang', l);
      } catch {
        /* about:blank has no storage */
      }
    }, lang);
    const page = await context.newPage();
    for (const [name, path] of pages) {
      await page.goto(path);
      await settled(page, 30_000);
      await page.waitForTimeout(150);
      const violations = await axe(page);
      if (violations.length) failures.push(`${lang} ${path}:\n` + violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n'));
      if (lang === 'sv') await screenshot(page, name);
      if (lang === 'sv' && ['overview', 'system', 'register', 'committee'].includes(name)) await screenshot(page, `${name}-screen`, false);
    }
    if (context.problems.length) failures.push(...context.problems);
    await context.close();
    // Signed out: the sign-in page, empty and with an error shown.
    const out = await newContext(browser, base);
    await out.addInitScript((l) => {
      try {
        localStorage.setItem('ansvar.lang', l);
      } catch {
        /* about:blank has no storage */
      }
    }, lang);
    const p = await out.newPage();
    await p.goto('/systems');
    await p.locator('#signin-username').waitFor();
    for (const state of ['empty', 'error']) {
      if (state === 'error') {
        await p.locator('form.signin-form button[type=submit]').click();
        await p.locator('#signin-error').waitFor();
      }
      const violations = await axe(p);
      if (violations.length) failures.push(`${lang} sign-in (${state}):\n` + violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n'));
      if (lang === 'sv') await screenshot(p, `signin-${state}`, false);
    }
    if (out.problems.length) failures.push(...out.problems);
    await out.close();
  }
  assert(failures.length === 0, `axe violations:\n${failures.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// 8. Imports a spreadsheet: a dry run that names the faulty cell, nothing imported; the corrected file, row by row,
//    then imported; the committee page links its record of processing as a PDF.
async function importsSpreadsheet({ browser, base }) {
  const context = await admin(browser, base);
  const page = await context.newPage();
  await page.goto('/import');
  await settled(page);
  await page.getByRole('heading', { level: 1, name: 'Importera från kalkylblad' }).waitFor();
  const file = (rows) => ({ name: 'system.csv', mimeType: 'text/csv', buffer: Buffer.from('Systemnamn;Kategori;Leverantör\r\n' + rows) });
  const input = page.getByLabel('Kalkylblad (.xlsx eller .csv)');
  await input.setInputFiles(file('E2E-systemet;Digitalt verktyg;Leverantören AB\r\nTrasigt;Kaffebryggare;\r\n'));
  await page.getByRole('button', { name: 'Provläs' }).click();
  await page.getByText('1 fel – inget kan läsas in förrän de är rättade').waitFor();
  await page.getByText('CSV!B3').waitFor();
  assert(await page.getByRole('button', { name: /^Läs in/ }).isDisabled(), 'a file with errors cannot be imported');
  assert((await api('/systems?q=E2E-systemet')).body.total === 0, 'a dry run changes nothing');
  await input.setInputFiles(file('E2E-systemet;Digitalt verktyg;Leverantören AB\r\n'));
  await page.getByRole('button', { name: 'Provläs' }).click();
  await page.getByText('Klar att läsa in').waitFor();
  await page.getByRole('cell', { name: /^E2E-systemet \(system/ }).waitFor();
  await screenshot(page, 'import-dry-run');
  await page.getByRole('button', { name: 'Läs in ändringarna (1)' }).click();
  await page.getByText('Inläst: 1 nya och 0 ändrade.').waitFor();
  assert((await api('/systems?q=E2E-systemet')).body.total === 1, 'the import created the system');
  // The committee page offers its record of processing to the authority as a file.
  await page.goto('/committees/fg');
  await settled(page);
  const href = await page.locator('#ropa .exports a').first().getAttribute('href');
  assert(href && href.includes('/api/v1/exports/ropa') && href.includes('format=pdf'), 'the record of processing is linked as a PDF: ' + href);
  const pdf = await fetch(base + href, { headers: { Cookie: ADMIN.cookie } });
  assert(pdf.status === 200 && pdf.headers.get('content-type') === 'application/pdf', 'the PDF downloads');
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 9. Signs in and out: a page asked for while signed out shows the sign-in page and is shown after signing in; a wrong
//    password says so; too many attempts say how long to wait; signing out ends the session on the server.
async function signsInAndOut({ browser, base }) {
  const context = await newContext(browser, base);
  // Provoked on purpose: a wrong password, and the throttle after repeated failures.
  expectStatus(context, 401, /^\/api\/v1\/auth\/login$/);
  expectStatus(context, 429, /^\/api\/v1\/auth\/login$/);
  const page = await context.newPage();
  await page.goto('/systems/raindance');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  assert((await page.locator('nav.main-nav').count()) === 0, 'no menu before signing in');
  assert((await page.getByRole('link', { name: /organisationens konto/ }).count()) === 0, 'no single sign-on button when none is configured');
  // A wrong password: the message, the user name kept, the password emptied.
  await page.getByLabel('Användarnamn').fill(ADMIN.user);
  await page.getByLabel('Lösenord').fill('fel-lösenord-1234');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('alert').getByText('Fel användarnamn eller lösenord.').waitFor();
  assert((await page.getByLabel('Användarnamn').inputValue()) === ADMIN.user, 'the user name is kept');
  assert((await page.getByLabel('Lösenord').inputValue()) === '', 'the password is emptied');
  await screenshot(page, 'signin-wrong', false);
  // The right one: the page that was asked for, the account in the header.
  await page.getByLabel('Lösenord').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Raindance' }).waitFor();
  const box = page.getByTestId('account');
  await box.getByText(ADMIN.name).waitFor();
  await box.getByText('(Administratör)').waitFor();
  assert((await page.getByRole('link', { name: 'Konton' }).count()) === 1, 'the admin sees the accounts page in the menu');
  const cookie = (await context.cookies()).find((c) => c.name === 'ansvar_session');
  assert(cookie && cookie.httpOnly && cookie.sameSite === 'Lax', 'the session cookie is HttpOnly and SameSite=Lax');
  assert(!(await page.evaluate(() => document.cookie.includes('ansvar_session'))), 'scripts cannot read the session cookie');
  await settled(page);
  await screenshot(page, 'signed-in', false);
  // Signing out: back to the sign-in page, and the session is gone on the server, not only in this browser.
  await box.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  assert(new URL(page.url()).pathname === '/', 'signing out leaves the page that was open');
  const old = await fetch(base + '/api/v1/auth/session', { headers: { Cookie: `ansvar_session=${cookie.value}` } });
  assert(old.status === 401, `the old session cookie no longer works (${old.status})`);
  const after = await fetch(base + '/api/v1/systems?limit=1', { headers: { Cookie: `ansvar_session=${cookie.value}` } });
  assert(after.status === 401, `the register refuses the old session (${after.status})`);
  await page.goto('/systems');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

  // Too many attempts: the server's wait is shown and the button waits too (an account of its own, not the admin).
  const created = await api('/accounts', { method: 'POST', body: { id: 'trott.test', name: 'Trött Testare', role: 'reader', password: 'rätt-lösenord-12345' } });
  assert(created.status === 201, `the account was created (${created.status} ${JSON.stringify(created.body)})`);
  // The throttle's delays grow with each failure (1, 2, 4 … s): the browser tries wrong passwords until the server's
  // answer is 429, so the test follows the server's state rather than racing its clock.
  let throttled = false;
  await page.getByLabel('Användarnamn').fill('trott.test');
  for (let i = 0; i < 16 && !throttled; i++) {
    await page.getByLabel('Lösenord').fill(`fel-${i}-xxxxxxxx`);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const r = await answer;
    throttled = r.status() === 429;
    if (throttled) assert(Number(r.headers()['retry-after']) > 0, 'a throttled answer says how long to wait');
    // A throttled form waits with its button disabled; the next try comes when it is enabled again.
    else await page.getByRole('button', { name: 'Logga in' }).and(page.locator(':enabled')).waitFor();
  }
  assert(throttled, 'the server throttles after repeated failures');
  const alert = page.getByRole('alert');
  await alert.getByText(/För många försök\. Vänta \d+ (minuter|minut|sekunder|sekund)/).waitFor();
  assert(await page.getByRole('button', { name: 'Logga in' }).isDisabled(), 'the button waits while throttled');
  await screenshot(page, 'signin-throttled', false);
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 10. A reader (an account created through the API by the admin) sees the register, but an edit is refused: the
//     refusal is said in words, what was typed stays, and nothing changes on the server.
async function readerIsRefused({ browser, base }) {
  const password = 'läsare-lösenord-2024';
  const created = await api('/accounts', { method: 'POST', body: { id: 'lisa.lasare', name: 'Lisa Läsare', role: 'reader', password } });
  assert(created.status === 201, `the reader was created (${created.status} ${JSON.stringify(created.body)})`);
  const before = await api('/systems/raindance');
  const context = await newContext(browser, base);
  // Provoked on purpose: the reader's save, and the accounts page and its API, which are the admin's alone.
  expectStatus(context, 403, /^\/api\/v1\/systems\/raindance$/);
  expectStatus(context, 403, /^\/api\/v1\/(accounts|tokens)$/);
  const page = await context.newPage();
  await page.goto('/systems');
  await page.getByLabel('Användarnamn').fill('lisa.lasare');
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Register över system' }).waitFor();
  await settled(page);
  await page.getByTestId('account').getByText('(Läsare)').waitFor();
  assert((await page.locator('tbody tr').count()) > 10, 'the reader sees the register');
  assert((await page.getByRole('link', { name: 'Konton' }).count()) === 0, 'no accounts page in a reader\'s menu');
  // Nothing to change is offered: no new system, and a system's Edit is disabled with the reason in words.
  assert((await page.getByRole('link', { name: 'Nytt system' }).count()) === 0, 'a reader is not offered a new system');
  await page.goto('/systems/raindance');
  await settled(page);
  assert(await page.getByRole('button', { name: 'Redigera' }).isDisabled(), 'Edit is disabled for a reader');
  await page.getByTestId('why-not').getByText(/får läsa registret men inte ändra det/).waitFor();
  assert((await page.getByRole('button', { name: /^Utse / }).count()) === 0, 'a reader is not offered to appoint');
  // The edit page, reached by its address, says so before anything is typed; the server still refuses, the input kept.
  await page.goto('/edit/systems/raindance');
  await page.getByLabel('Leverantör').waitFor();
  await page.getByTestId('why-not').getByText(/får läsa registret men inte ändra det/).waitFor();
  await page.getByLabel('Leverantör').fill('Läsarens leverantör AB');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByRole('alert').getByText(/Du saknar behörighet/).waitFor();
  assert((await page.getByLabel('Leverantör').inputValue()) === 'Läsarens leverantör AB', 'what the reader typed is still there');
  await screenshot(page, 'reader-refused', false);
  const after = await api('/systems/raindance');
  assert(after.body.supplier === before.body.supplier && after.etag === before.etag, 'nothing changed on the server');
  // The accounts page and its API are the admin's alone.
  await page.goto('/admin');
  await page.getByRole('alert').getByText(/Du saknar behörighet/).waitFor();
  const direct = await page.evaluate(async () => (await fetch('/api/v1/accounts', { credentials: 'same-origin' })).status);
  assert(direct === 403, `the accounts API refuses a reader (${direct})`);
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 11. The accounts page: the admin creates a steward linked to a person, and an API token for them that is shown
//     once and copied; the token works at once, and stops working when revoked.
async function accountsPage({ browser, base }) {
  const context = await admin(browser, base);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await page.goto('/');
  await settled(page);
  await page.getByRole('link', { name: 'Konton' }).click();
  await page.getByRole('heading', { level: 1, name: 'Konton och API-nycklar' }).waitFor();
  await settled(page);
  // A new account: a missing name is said next to the field first.
  await page.getByLabel('Användarnamn').fill('sven.forvaltare');
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await page.locator('#acc-name-err').waitFor();
  await page.getByLabel('Namn', { exact: true }).fill('Sven Förvaltare');
  await page.getByLabel('E-post').fill('sven.forvaltare@example.se');
  await page.getByLabel('Roll').selectOption('steward');
  const person = (await api('/people?limit=1')).body.items[0];
  await page.getByLabel('Sök: Person i registret').fill(person.name);
  await page.waitForFunction((id) => [...document.querySelectorAll('#acc-person option')].some((o) => o.value === id), person.id);
  await page.locator('#acc-person').selectOption(person.id);
  await page.getByRole('button', { name: 'Skapa ett slumpat lösenord' }).click();
  const password = await page.locator('#acc-password').inputValue();
  assert(password.length >= 20, 'a random password is offered');
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await page.getByText('Kontot sven.forvaltare är skapat.').waitFor();
  await page.getByTestId('accounts').getByRole('row', { name: /sven\.forvaltare/ }).getByText('Systemförvaltare').waitFor();
  const acc = await api('/accounts/sven.forvaltare');
  assert(acc.status === 200 && acc.body.role === 'steward' && acc.body.person === person.id && acc.body.password === true, 'the account is stored as entered: ' + JSON.stringify(acc.body));
  const steward = await apiSignIn(base, 'sven.forvaltare', password);
  assert(steward.account.role === 'steward', 'the new account signs in with the password');

  // An API token for the new account: shown once, copied, working at once.
  await page.getByLabel('Konto', { exact: true }).selectOption('sven.forvaltare');
  await page.getByLabel('Beskrivning').fill('E2E-integration');
  await page.getByRole('button', { name: 'Skapa API-nyckel' }).click();
  const field = page.getByLabel('Din nya API-nyckel');
  await field.waitFor();
  const token = await field.inputValue();
  assert(/^ansvar_[0-9a-f]{16}_[0-9a-f]{64}$/.test(token), 'the token is shown: ' + token.slice(0, 12) + '…');
  await page.getByRole('button', { name: 'Kopiera' }).click();
  await page.getByText('Kopierad.').waitFor();
  assert((await page.evaluate(() => navigator.clipboard.readText())) === token, 'the token is on the clipboard');
  await screenshot(page, 'accounts', true);
  const withToken = await fetch(base + '/api/v1/systems?limit=1', { headers: { Authorization: `Bearer ${token}` } });
  assert(withToken.status === 200, `the token reads the register (${withToken.status})`);
  const list = await api('/tokens');
  assert(!JSON.stringify(list.body).includes(token.slice(-64)), 'the token list never shows the token');
  // Shown once: after a reload only its label remains.
  await page.reload();
  await settled(page);
  assert((await page.getByLabel('Din nya API-nyckel').count()) === 0, 'the token is not shown again');
  // Revoked: stops working at once.
  await page.getByRole('button', { name: 'Återkalla E2E-integration' }).click();
  await page.getByText('Nyckeln E2E-integration är återkallad.').waitFor();
  const revoked = await fetch(base + '/api/v1/systems?limit=1', { headers: { Authorization: `Bearer ${token}` } });
  assert(revoked.status === 401, `a revoked token is refused (${revoked.status})`);
  // Disabling the account signs it out everywhere.
  await page.getByRole('button', { name: 'Inaktivera sven.forvaltare' }).click();
  await page.getByText(/Kontot sven\.forvaltare är inaktiverat/).waitFor();
  const gone = await fetch(base + '/api/v1/auth/session', { headers: { Cookie: steward.cookie } });
  assert(gone.status === 401, `a disabled account's session ends (${gone.status})`);
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 12. With single sign-on configured (a second server; its provider need not answer for this), the sign-in page offers
//     "Logga in med organisationens konto", which goes to the server's OIDC start with the page asked for as return_to.
async function singleSignOnButton({ browser }) {
  const port = await freePort();
  const sso = await startServer({
    demo: false,
    listen: `127.0.0.1:${port}`,
    extraArgs: ['--public-url', `http://127.0.0.1:${port}`, '--oidc-issuer', 'http://127.0.0.1:9/', '--oidc-client-id', 'ansvar'],
    env: { ANSVAR_OIDC_CLIENT_SECRET: 'e2e-hemlighet-0123456789' },
  });
  try {
    const context = await newContext(browser, sso.url);
    const page = await context.newPage();
    await page.goto('/systems/raindance?tab=x');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    const button = page.getByRole('link', { name: 'Logga in med organisationens konto' });
    await button.waitFor();
    const href = new URL(await button.getAttribute('href'), sso.url);
    assert(href.pathname === '/api/v1/auth/oidc/login', 'the button starts the sign-in at the server: ' + href);
    assert(href.searchParams.get('return_to') === '/systems/raindance?tab=x', 'and comes back to the page asked for: ' + href);
    await page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: "Sign in with your organization's account" }).waitFor();
    const violations = await axe(page);
    assert(violations.length === 0, 'axe on the sign-in page with single sign-on: ' + JSON.stringify(violations));
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Svenska' }).click();
    await screenshot(page, 'signin-sso', false);
    await noProblems(context);
    await context.close();
  } finally {
    await sso.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 7. Performance: time to first render of the overview and a system page, and the size of the first load.
async function performanceBudget({ browser, base }) {
  const result = await measure(browser, base, 'demo (41 systems)', 'skolplattform', 5, { username: ADMIN.user, password: ADMIN.password });
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'perf-demo.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('     ' + JSON.stringify(result));
  assert(result.js_first_load_gzip_bytes < 150 * 1024, `first-load JavaScript is ${result.js_first_load_gzip_bytes} bytes gzipped (budget 150 KB)`);
  assert(result.pages.overview.first_contentful_paint_ms < 5000, 'the overview paints within 5 s');
}

// ---------------------------------------------------------------------------------------------------------------
// 14. Each role's start page: a steward, a data protection contact and the data protection officer sign in; the name
//     in the header opens their page, which shows what is theirs; what the role may not change is not offered, or
//     disabled with the reason in words, and the server still refuses it.
async function startPages({ browser, base }) {
  const password = 'startsida-lösenord-2026';
  const ecos = (await api('/systems/ecos')).body;
  const stewardPerson = ecos.roles.find((r) => r.role === 'system_steward').person;
  const dpoPerson = (await api('/organizations?limit=1')).body.items[0].dpo;
  const accounts = [
    { id: 'steward.start', name: 'Stina Förvaltare', role: 'steward', person: stewardPerson },
    { id: 'dpc.start', name: 'Dag Kontaktombud', role: 'data_protection_contact', administration: (await api('/administrations?committee=ifo&limit=1')).body.items[0].id },
    { id: 'dpo.start', name: 'Disa Ombud', role: 'dpo', ...(dpoPerson ? { person: dpoPerson } : {}) },
  ];
  for (const a of accounts) {
    const created = await api('/accounts', { method: 'POST', body: { ...a, password } });
    assert(created.status === 201, `${a.id} was created (${created.status} ${JSON.stringify(created.body)})`);
  }
  // The steward: their systems with findings, their to-dos, a calendar link to copy; the header's name opens it.
  {
    const context = await signedInContext(browser, base, 'steward.start', password);
    expectStatus(context, 403, /^\/api\/v1\/systems\/[^/]+$/); // the write the page does not offer, tried directly
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    await page.goto('/systems');
    await settled(page);
    assert((await page.getByRole('link', { name: 'Nytt system' }).count()) === 0, 'a steward is not offered a new system');
    assert((await page.getByRole('link', { name: 'Importera' }).count()) === 0, 'a steward is not offered the import');
    await page.getByTestId('my-page-link').click();
    await page.getByRole('heading', { level: 1, name: /^Min sida/ }).waitFor();
    await settled(page);
    const mine = page.getByTestId('my-systems');
    await mine.getByRole('link', { name: 'Ecos' }).waitFor();
    const rows = await mine.locator('tbody tr').count();
    const expected = (await api(`/systems?person=${stewardPerson}&limit=0`)).body.total;
    assert(rows === expected, `the steward's systems are listed (${rows} of ${expected})`);
    await page.getByRole('heading', { level: 2, name: 'Att göra för dig' }).waitFor();
    await page.getByRole('button', { name: 'Skapa kalenderadress' }).click();
    const url = await page.locator('#ics-url').inputValue();
    assert(/\/api\/v1\/calendar\/.+\.ics$/.test(url), 'a calendar address is shown: ' + url.slice(0, 40));
    await page.getByRole('button', { name: 'Kopiera' }).click();
    await page.getByText('Kopierad.').waitFor();
    assert((await page.evaluate(() => navigator.clipboard.readText())) === url, 'the calendar address is on the clipboard');
    const feed = await fetch(url.startsWith('http') ? url : base + url);
    assert(feed.status === 200 && /BEGIN:VCALENDAR/.test(await feed.text()), 'the calendar address works');
    await screenshot(page, 'start-steward');
    // A system that is not theirs: Edit is disabled and the page says why, in words; the server refuses anyway.
    const other = (await api('/systems?limit=100')).body.items.find((x) => !(x.roles ?? []).some((r) => r.person === stewardPerson));
    await page.goto(`/systems/${other.id}`);
    await settled(page);
    assert(await page.getByRole('button', { name: 'Redigera' }).isDisabled(), 'Edit is disabled on a system that is not the steward\'s');
    const why = await page.getByTestId('why-not').textContent();
    assert(/systemförvaltare ändrar de system där hen själv har en roll/.test(why), 'the reason is said in words: ' + why);
    assert((await page.getByRole('button', { name: /^Utse / }).count()) === 0, 'no appointing on a system that is not theirs');
    const refused = await page.evaluate(async (id) => (await fetch(`/api/v1/systems/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-Match': '*' }, body: '{}' })).status, other.id);
    assert(refused === 403, `the server still refuses the write (${refused})`);
    await page.goto('/systems/ecos');
    await settled(page);
    await page.getByRole('link', { name: 'Redigera' }).waitFor();
    await noProblems(context);
    await context.close();
  }
  // The data protection contact: the administration's breaches, requests and findings.
  {
    const context = await signedInContext(browser, base, 'dpc.start', password);
    const page = await context.newPage();
    await page.goto('/');
    await settled(page);
    await page.getByTestId('my-page-link').click();
    await page.getByRole('heading', { level: 2, name: 'Incidenter i din förvaltning' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Begäranden i din förvaltning' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Avvikelser i din förvaltning' }).waitFor();
    await page.getByTestId('my-records').getByRole('link', { name: /^Registerförteckning för / }).first().waitFor();
    // The breaches listed are those of the administration's committees, every one of them.
    const dpcCommittees = (await api(`/administrations/${accounts[1].administration}`)).body.committees;
    const open = (await api('/incidents?limit=1000')).body.items.filter(
      (i) => !i.notified_authority_at && i.assessment !== 'no_risk' && (i.controllers.some((c) => dpcCommittees.includes(c)) || dpcCommittees.includes(i.handler)),
    );
    for (const i of open) await page.locator('main').getByRole('link', { name: i.id, exact: true }).waitFor();
    await settled(page);
    await screenshot(page, 'start-dpc');
    await noProblems(context);
    await context.close();
  }
  // The data protection officer: findings per committee across the organization.
  {
    const context = await signedInContext(browser, base, 'dpo.start', password);
    const page = await context.newPage();
    await page.goto('/me');
    await settled(page);
    const per = page.getByTestId('per-committee');
    await per.locator('li').first().waitFor();
    const committees = (await api('/findings/summary?group_by=committee')).body.groups.filter((g) => g.error + g.warning > 0).length;
    assert((await per.locator('li').count()) === committees, `every committee with findings is listed (${committees})`);
    await screenshot(page, 'start-dpo');
    await noProblems(context);
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 15. The overview is ordered by urgency: the breach clocks and overdue requests first, errors oldest first, due items
//     without the done ones; the trend only over weeks with history.
async function overviewByUrgency({ browser, base }) {
  const context = await admin(browser, base);
  const page = await context.newPage();
  await page.goto('/');
  await settled(page);
  const first = page.locator('main section').first();
  assert((await first.locator('h2').textContent()) === 'Att göra nu', 'the first section is what to do now');
  const urgent = page.getByTestId('do-now');
  const items = await urgent.locator('li').allTextContents();
  const incidents = (await api('/incidents?limit=1000')).body.items.filter((i) => !i.notified_authority_at && i.assessment !== 'no_risk');
  for (const i of incidents) assert(items.some((x) => x.includes(i.id)), `the open breach ${i.id} is among what to do now`);
  const overdue = (await api('/findings?rule=R-DSAR-DEADLINE&severity=error')).body.findings;
  for (const f of overdue) assert(items.some((x) => x.includes(f.subject.id) && /försenad/i.test(x)), `the overdue request ${f.subject.id} is among what to do now`);
  assert(/Försenad med|kvar/.test(items[0]), 'a breach clock heads the list: ' + items[0]);
  assert(!/\d{4}-\d\d-\d\dT\d\d:\d\d/.test(await page.locator('main').textContent()), 'no raw UTC time on the overview');
  const due = await page.getByTestId('due-groups').locator('li').allTextContents();
  assert(due.length > 0 && due.every((x) => !/Klar/.test(x)), 'what falls due leaves the done items out');
  const trend = (await api('/findings/trend?weeks=12')).body.points.filter((x) => x.systems > 0).length;
  if (trend < 2) await page.getByText(/Ingen historik ännu/).waitFor();
  else await page.getByText(`Trend över ${trend} veckor med historik`).waitFor();
  await screenshot(page, 'overview');
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 16. Complete English: in English, no Swedish is left in the interface's own words (headings, table heads, labels,
//     buttons, navigation, state badges) on the main pages; names from the register are left out of the check.
const SWEDISH = /[åäöÅÄÖ]|\b(och|för|saknas|Sista|Inga|Visa|Fel|Varning|Nämnd|Förvaltning|Kategori|Roll|Sök|Alla|Nej|Ja|Ny|Redigera|Skriv ut|Att göra)\b/;
async function englishComplete({ browser, base }) {
  const context = await admin(browser, base);
  await context.addInitScript(() => {
    try {
      localStorage.setItem('ansvar.lang', 'en');
    } catch {
      /* about:blank */
    }
  });
  const page = await context.newPage();
  const left = [];
  for (const path of ['/', '/me', '/findings', '/systems', '/systems/ecos', '/committees/fg', '/incidents', '/requests', '/activities', '/cycle', '/people', '/audit']) {
    await page.goto(path);
    await settled(page, 30_000);
    await page.waitForLoadState('networkidle');
    const texts = await page.evaluate(() => {
      const out = [];
      for (const e of document.querySelectorAll('h2, h3, th[scope=col], label, button, nav.main-nav a, .badge, caption, summary, legend')) {
        // Names from the register (links to entities, codes) are the register's own words.
        const clone = e.cloneNode(true);
        for (const a of clone.querySelectorAll('a[href^="/"]:not(nav a), code, select, option, input')) a.remove();
        const text = clone.textContent.replace(/\s+/g, ' ').trim();
        if (text && !(e.closest('a[href^="/"]') && !e.closest('nav.main-nav'))) out.push(text);
      }
      return out;
    });
    for (const text of texts) if (SWEDISH.test(text) && !/^(Svenska)$/.test(text)) left.push(`${path}: "${text}"`);
  }
  await noProblems(context);
  await context.close();
  assert(left.length === 0, 'Swedish left in the English interface:\n' + [...new Set(left)].join('\n'));
}

// ---------------------------------------------------------------------------------------------------------------
// 17. On a phone: the first screen shows the page, not the menu; a breach is reported in two taps from any page.
async function phoneLayout({ browser, base }) {
  const context = await admin(browser, base, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('/systems/ecos');
  await settled(page);
  assert(!(await page.getByRole('link', { name: 'Register', exact: true }).isVisible()), 'the menu is folded on a phone');
  const h1 = await page.locator('h1').boundingBox();
  assert(h1 && h1.y < 844 / 2, `the page's heading is on the first screen (at ${h1?.y} px)`);
  await page.getByRole('button', { name: 'Meny' }).tap();
  await page.getByRole('link', { name: 'Register', exact: true }).waitFor();
  await page.getByTestId('report-breach').tap();
  await page.getByRole('heading', { level: 1, name: /Ny: personuppgiftsincident/ }).waitFor();
  assert(await page.locator('#f-aware_at').inputValue(), 'the time of awareness starts at now');
  assert(!(await page.getByRole('link', { name: 'Register', exact: true }).isVisible()), 'the menu folds again after navigating');
  await screenshot(page, 'phone-report-breach', false);
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 18. The responsibilities card of a system with powers of attorney names each holder (it once asked for
//     /api/v1/people/[object Object] and left the name out): every power's holder is a link to that person.
async function powersOfAttorneyNamed({ browser, base }) {
  const powers = (await api('/powers_of_attorney?limit=1000')).body.items;
  assert(powers.length > 0, 'the demo has powers of attorney');
  const context = await admin(browser, base);
  const page = await context.newPage();
  for (const system of [...new Set(powers.map((p) => p.system))]) {
    await page.goto(`/systems/${system}`);
    await settled(page);
    const gdpr = page.locator('#gdpr');
    for (const p of powers.filter((x) => x.system === system)) {
      const holder = (await api(`/people/${p.holder}`)).body.name;
      const item = gdpr.locator('li', { has: page.locator(`a[href="/powers-of-attorney/${p.id}"]`) });
      await item.locator(`a[href="/people/${p.holder}"]`, { hasText: holder }).first().waitFor();
    }
  }
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 13. Few requests and no layout shift: each page's API requests are counted from a fresh load until the page and the
//     network are quiet; the cumulative layout shift (the browser's layout-shift entries without input) is summed.
export async function pageCost(browser, base, path, login = null) {
  const context = login ? await signedInContext(browser, base, login.user, login.password) : await admin(browser, base);
  await context.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(path);
  await settled(page, 30_000);
  await page.waitForLoadState('networkidle');
  await settled(page, 30_000);
  const cls = await page.evaluate(() => window.__cls);
  const requests = context.requests.length;
  const problems = [...context.problems];
  await context.close();
  return { path, requests, cls: Math.round(cls * 1000) / 1000, problems };
}
const COST_PAGES = [
  ['overview', '/'],
  ['system', '/systems/ecos'],
  ['findings', '/findings'],
  ['register', '/systems'],
  ['committee', '/committees/fg'],
  ['cycle', '/cycle'],
  ['start page', '/me'],
];
async function requestsAndLayoutShift({ browser, base }) {
  const out = {};
  const failures = [];
  for (const [name, path] of COST_PAGES) {
    const c = await pageCost(browser, base, path);
    out[name] = { requests: c.requests, cls: c.cls };
    failures.push(...c.problems.map((p) => `${path}: ${p}`));
    if (c.requests > 10) failures.push(`${path}: ${c.requests} API requests (at most 10)`);
    if (c.cls >= 0.1) failures.push(`${path}: cumulative layout shift ${c.cls} (under 0.1)`);
  }
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'requests-cls.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('     ' + JSON.stringify(out));
  assert(failures.length === 0, failures.join('\n'));
}

// ---------------------------------------------------------------------------------------------------------------
const scenarios = [
  ['new user: demo, most errors, appoints missing roles, findings disappear', newUserFixesMissingRoles],
  ['records a breach: live 72-hour countdown and the handler', recordsBreach],
  ['edits a system in two tabs: conflict, compare, nothing lost; field-level errors', conflictInTwoTabs],
  ['switches to English', switchesToEnglish],
  ['keyboard only: skip link, visible focus, menu, search', keyboardOnly],
  ['imports a spreadsheet: dry run row by row, errors named by cell, then all of it', importsSpreadsheet],
  ['signs in and out: wrong password, the page asked for, sign out ends the session, too many attempts', signsInAndOut],
  ['a reader sees the register; an edit is refused in words, the input kept, nothing changed', readerIsRefused],
  ['accounts page: creates a steward and an API token (shown once, copied, revoked), disables the account', accountsPage],
  ['single sign-on: the sign-in page offers the organization\'s account, back to the page asked for', singleSignOnButton],
  ['axe-core: no WCAG 2.1 A/AA violations on every page (sv and en)', axeEveryPage],
  ['performance: first render and JavaScript size', performanceBudget],
  ['start pages: steward, data protection contact and DPO; the header\'s name opens it; actions by role', startPages],
  ['overview by urgency: breach clocks and overdue requests first, due items without done ones, trend with history', overviewByUrgency],
  ['English is complete: no Swedish left in the interface\'s own words', englishComplete],
  ['phone: folded menu, a breach reported in two taps', phoneLayout],
  ['the responsibilities card names the holder of each power of attorney', powersOfAttorneyNamed],
  ['few requests and no layout shift: overview, system, findings, register, committee, cycle, start page', requestsAndLayoutShift],
  ...(await import('./cooperation.mjs')).scenarios(() => ADMIN),
  ['breaches: a reader reports, the data protection contact receives it and makes the notification', (ctx) => breachFromReportToNotification({ ...ctx, api })],
  ...decisionScenarios(() => api), // decisions, reports, approvals and each person's tasks (decisions.mjs)
  ...dpiaScenarios(() => api), // DPIA and classification measures in the measures register (dpia.mjs)
];

const server = await startServer();
let failed = 1;
let close = async () => {};
try {
  const launched = await launchBrowser();
  close = launched.close;
  const browser = launched.browser;
  assert(server.password, 'the demo printed the admin\'s one-time password');
  const session = await apiSignIn(server.url, 'admin', server.password);
  ADMIN = { user: 'admin', password: server.password, name: session.account.name, cookie: session.cookie };
  api = apiClient(server.url, session);
  // Each scenario gets the demo as the server loaded it, except for what earlier scenarios changed on purpose.
  failed = await runAll(scenarios, { browser, base: server.url });
} finally {
  await close();
  await server.stop();
}
process.exit(failed ? 1 : 0);
