#!/usr/bin/env node
// End-to-end tests of the web interface in a real browser (Debian's chromium driven by playwright-core),
// against `ansvar serve --demo` on a free port. Run: make test-e2e (or: node tests/e2e/run.mjs).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, axe, HERE, launchBrowser, newContext, runAll, screenshot, settled, startServer } from './lib.mjs';
import { measure } from './perf.mjs';

const ACTOR = 'Eva Testare';

async function api(base, path, init = {}) {
  const res = await fetch(base + '/api/v1' + path, init);
  const body = res.status === 204 ? null : await res.json();
  return { status: res.status, etag: res.headers.get('etag'), body };
}

async function noProblems(context) {
  assert(context.problems.length === 0, 'browser reported problems:\n' + context.problems.join('\n'));
}

// ---------------------------------------------------------------------------------------------------------------
// 1. A new user follows the README: opens the demo, finds the system with the most errors, appoints the
//    missing roles and sees the findings disappear.
async function newUserFixesMissingRoles({ browser, base }) {
  const context = await newContext(browser, base);
  const page = await context.newPage();
  await page.goto('/');
  await settled(page);
  assert((await page.getAttribute('html', 'lang')) === 'sv', 'Swedish is the default language');
  await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();

  // The name the audit trail will show, typed once and kept.
  await page.getByLabel('Ditt namn (visas i ändringsloggen)').fill(ACTOR);
  await page.getByRole('button', { name: 'Spara namn' }).click();
  await page.getByText(`Du ändrar som: ${ACTOR}`).waitFor();

  // The system with the most errors heads its list; its page shows the same count and findings linked to rules.
  const top = page.getByTestId('most-errors').locator('li').first();
  await top.waitFor();
  const topName = (await top.locator('a').first().textContent()).trim();
  const topCount = Number((await top.locator('.badge').textContent()).replace(/\D+/g, ''));
  const all = await api(base, '/findings?severity=error&subject_type=system&limit=5000');
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
  const before = await api(base, '/findings?rule=R-ROLE-MANDATORY&limit=0');

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
    const left = await api(base, `/findings?rule=R-ROLE-MANDATORY&subject_type=system&subject=${encodeURIComponent(systemId)}&limit=0`);
    assert(left.body.total === 0, `${systemId}: no R-ROLE-MANDATORY finding left (found ${left.body.total})`);
    const shown = await page.getByTestId('findings').textContent().catch(() => '');
    assert(!/R-ROLE-MANDATORY/.test(shown), `${systemId}: the page no longer lists R-ROLE-MANDATORY`);
    // The history shows who did it.
    await page.locator('#history').getByText(ACTOR).first().waitFor();
  }
  const after = await api(base, '/findings?rule=R-ROLE-MANDATORY&limit=0');
  assert(before.body.total > 0 && after.body.total === 0, `R-ROLE-MANDATORY findings went from ${before.body.total} to ${after.body.total}`);
  await page.goto('/findings?rule=R-ROLE-MANDATORY');
  await settled(page);
  await page.getByText('Fel · 0').first().waitFor();
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Records a breach and sees the countdown and the handler.
async function recordsBreach({ browser, base }) {
  const context = await newContext(browser, base);
  const page = await context.newPage();
  await page.goto('/incidents');
  await settled(page);
  await page.getByRole('link', { name: 'Rapportera incident' }).click();
  await page.getByRole('heading', { level: 1, name: /Ny: personuppgiftsincident/ }).waitFor();
  await page.locator('#f-actor').fill(ACTOR);
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
  const context = await newContext(browser, base);
  await context.addInitScript((name) => {
    try {
      localStorage.setItem('ansvar.actor', name);
    } catch {
      /* about:blank has no storage */
    }
  }, ACTOR);
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
  const saved = await api(base, '/systems/raindance');
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
  const context = await newContext(browser, base);
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
  const context = await newContext(browser, base);
  const page = await context.newPage();
  await page.goto('/');
  await settled(page);
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
  const first = async (c) => (await api(base, `/${c}?limit=1`)).body.items[0]?.id;
  const pages = [
    ['overview', '/'],
    ['register', '/systems'],
    ['register-filtered', '/systems?category=business_system&lifecycle=active'],
    ['system', '/systems/skolplattform'],
    ['findings', '/findings?severity=error'],
    ['org', '/committees'],
    ['committee', '/committees/fg'],
    ['administration', '/administrations/fgf'],
    ['activities', '/activities'],
    ['activity', `/activities/${await first('processing_activities')}`],
    ['incidents', '/incidents'],
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
  ];
  const failures = [];
  for (const lang of ['sv', 'en']) {
    const context = await newContext(browser, base);
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
  }
  assert(failures.length === 0, `axe violations:\n${failures.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// 8. Imports a spreadsheet: a dry run that names the faulty cell, nothing imported; the corrected file, row by row,
//    then imported; the committee page links its record of processing as a PDF.
async function importsSpreadsheet({ browser, base }) {
  const context = await newContext(browser, base);
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
  assert((await api(base, '/systems?q=E2E-systemet')).body.total === 0, 'a dry run changes nothing');
  await input.setInputFiles(file('E2E-systemet;Digitalt verktyg;Leverantören AB\r\n'));
  await page.getByRole('button', { name: 'Provläs' }).click();
  await page.getByText('Klar att läsa in').waitFor();
  await page.getByRole('cell', { name: /^E2E-systemet \(system/ }).waitFor();
  await screenshot(page, 'import-dry-run');
  await page.getByRole('button', { name: 'Läs in ändringarna (1)' }).click();
  await page.getByText('Inläst: 1 nya och 0 ändrade.').waitFor();
  assert((await api(base, '/systems?q=E2E-systemet')).body.total === 1, 'the import created the system');
  // The committee page offers its record of processing to the authority as a file.
  await page.goto('/committees/fg');
  await settled(page);
  const href = await page.locator('#ropa .exports a').first().getAttribute('href');
  assert(href && href.includes('/api/v1/exports/ropa') && href.includes('format=pdf'), 'the record of processing is linked as a PDF: ' + href);
  const pdf = await fetch(base + href);
  assert(pdf.status === 200 && pdf.headers.get('content-type') === 'application/pdf', 'the PDF downloads');
  await noProblems(context);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------
// 7. Performance: time to first render of the overview and a system page, and the size of the first load.
async function performanceBudget({ browser, base }) {
  const result = await measure(browser, base, 'demo (41 systems)', 'skolplattform');
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'perf-demo.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('     ' + JSON.stringify(result));
  assert(result.js_first_load_gzip_bytes < 150 * 1024, `first-load JavaScript is ${result.js_first_load_gzip_bytes} bytes gzipped (budget 150 KB)`);
  assert(result.pages.overview.first_contentful_paint_ms < 5000, 'the overview paints within 5 s');
}

// ---------------------------------------------------------------------------------------------------------------
const scenarios = [
  ['new user: demo, most errors, appoints missing roles, findings disappear', newUserFixesMissingRoles],
  ['records a breach: live 72-hour countdown and the handler', recordsBreach],
  ['edits a system in two tabs: conflict, compare, nothing lost; field-level errors', conflictInTwoTabs],
  ['switches to English', switchesToEnglish],
  ['keyboard only: skip link, visible focus, menu, search', keyboardOnly],
  ['imports a spreadsheet: dry run row by row, errors named by cell, then all of it', importsSpreadsheet],
  ['axe-core: no WCAG 2.1 A/AA violations on every page (sv and en)', axeEveryPage],
  ['performance: first render and JavaScript size', performanceBudget],
];

const server = await startServer();
let failed = 1;
let close = async () => {};
try {
  const launched = await launchBrowser();
  close = launched.close;
  const browser = launched.browser;
  // Each scenario gets the demo as the server loaded it, except for what earlier scenarios changed on purpose.
  failed = await runAll(scenarios, { browser, base: server.url });
} finally {
  await close();
  await server.stop();
}
process.exit(failed ? 1 : 0);
