// Cooperations, organizations' rulebooks and the public essence in the browser (issue 13): the Dalarna cooperation's
// page with its responsibility matrix and findings; an admin changes an organization's own rulebook value and sees
// its source change, a bad value refused next to the field, and resets it; the essence published and read signed out
// (404 page before), checked by axe-core in Swedish and English; requests and layout shift of the new pages.
// run.mjs calls scenarios(() => ADMIN).
import { assert, axe, expectStatus, newContext, screenshot, settled, signedInContext } from './lib.mjs';

const COOP = 'bibliotek-dalarna';

async function noViolations(page, where) {
  const v = await axe(page);
  assert(v.length === 0, `${where}: axe violations:\n` + JSON.stringify(v, null, 2));
}

export function scenarios(getAdmin) {
  const admin = (browser, base) => signedInContext(browser, base, getAdmin().user, getAdmin().password);

  async function cooperationPage({ browser, base }) {
    const context = await admin(browser, base);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Samverkan' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Samverkan' }).waitFor();
    await page.getByRole('link', { name: 'Bibliotek Dalarna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bibliotek Dalarna' }).waitFor();
    await settled(page);
    const matrix = page.getByTestId('responsibility-matrix');
    // The matrix is a table: duties as row headers, parties as column headers.
    await matrix.getByRole('rowheader', { name: /Hantering av personuppgiftsincidenter/ }).waitFor();
    await matrix.getByRole('columnheader', { name: 'Region Dalarna' }).waitFor();
    const row = matrix.getByRole('row', { name: /Hantering av personuppgiftsincidenter/ });
    assert((await row.getByRole('cell').first().textContent()).includes('Ansvarig'), 'Region Dalarna handles breaches');
    await matrix.getByRole('rowheader', { name: /Konsekvensbedömning.*Ej tilldelad/ }).waitFor();
    await page.getByTestId('coop-findings').getByText('R-COOP-DECISION').waitFor();
    await page.getByTestId('parties').getByText('Beslut saknas').waitFor();
    await page.getByTestId('coop-cycle').getByText('Ledningens genomgång (PDCA)').waitFor();
    await page.getByRole('link', { name: 'Quria' }).waitFor();
    await noViolations(page, 'cooperation page');
    await screenshot(page, 'cooperation');
    assert(context.problems.length === 0, context.problems.join('\n'));
    await context.close();
  }

  async function editsOverride({ browser, base }) {
    const context = await admin(browser, base);
    expectStatus(context, 422, /\/api\/v1\/organizations\/borlange$/);
    const page = await context.newPage();
    await page.goto('/rulebook?organization=borlange');
    await page.getByRole('heading', { level: 1, name: /Regelverk – Borlänge/ }).waitFor();
    await settled(page);
    const general = page.locator('section', { has: page.getByRole('heading', { name: 'Frister, tal och listor' }) });
    const row = general.locator('tr[data-setting="dpia_threshold"]');
    await row.getByText('Standard').waitFor();
    // A bad value: refused by the server, said next to the field, nothing stored.
    await row.getByRole('button', { name: /^Ändra/ }).click();
    await row.getByRole('spinbutton').fill('-1');
    await row.getByRole('button', { name: 'Spara' }).click();
    await row.getByRole('alert').getByText(/\$\.rulebook\.dpia_threshold/).waitFor();
    await row.getByRole('spinbutton').fill('3');
    await row.getByRole('button', { name: 'Spara' }).click();
    await row.getByText('Organisationens egen').waitFor();
    await row.getByText('annars 2').waitFor();
    await noViolations(page, 'rulebook page');
    await screenshot(page, 'rulebook', false);
    // Reset: the organization's value goes, the default applies again.
    await row.getByRole('button', { name: /^Återställ/ }).click();
    await row.getByText('Standard').waitFor();
    assert(context.problems.length === 0, context.problems.join('\n'));
    await context.close();
  }

  async function publishesEssence({ browser, base }) {
    // Signed out before it is published: a page that says there is nothing here (the API answers 404).
    const outside = await newContext(browser, base);
    expectStatus(outside, 404, /\/api\/v1\/public\/cooperations\/.*\/essence$/);
    let pub = await outside.newPage();
    await pub.goto(`/public/cooperations/${COOP}`);
    await pub.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    await pub.close();

    const context = await admin(browser, base);
    const page = await context.newPage();
    await page.goto(`/cooperations/${COOP}`);
    await settled(page);
    await page.getByTestId('publish-essence').click();
    await page.getByTestId('essence-status').getByText('Publicerad').waitFor();
    await page.getByTestId('essence-link').waitFor();
    await context.close();

    pub = await outside.newPage();
    await pub.goto(`/public/cooperations/${COOP}`);
    await pub.getByRole('heading', { level: 1, name: /Bibliotek Dalarna: Så behandlas dina personuppgifter/ }).waitFor();
    await pub.getByRole('rowheader', { name: /Tar emot och besvarar din begäran/ }).waitFor();
    await pub.getByText('Region Dalarna').first().waitFor();
    assert((await pub.getByRole('link', { name: 'Logga in' }).count()) === 0, 'no sign-in on the public page');
    await noViolations(pub, 'public essence (sv)');
    await screenshot(pub, 'essence');
    await pub.getByRole('button', { name: 'English' }).click();
    await pub.getByRole('heading', { level: 1, name: /How your personal data is processed/ }).waitFor();
    await noViolations(pub, 'public essence (en)');
    const pdf = await pub.getByTestId('essence-pdf').getAttribute('href');
    const res = await outside.request.get(base + pdf);
    assert(res.status() === 200 && (await res.body()).subarray(0, 5).toString() === '%PDF-', 'the PDF is a PDF');
    assert(outside.problems.length === 0, outside.problems.join('\n'));
    await outside.close();
  }

  async function fewRequests({ browser, base }) {
    const failures = [];
    const out = {};
    for (const path of ['/cooperations', `/cooperations/${COOP}`, '/rulebook?organization=falun']) {
      const context = await admin(browser, base);
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
      const cls = await page.evaluate(() => window.__cls);
      out[path] = { requests: context.requests.length, cls: Math.round(cls * 1000) / 1000 };
      if (context.requests.length > 10) failures.push(`${path}: ${context.requests.length} API requests (at most 10)`);
      if (cls >= 0.1) failures.push(`${path}: cumulative layout shift ${cls} (under 0.1)`);
      failures.push(...context.problems.map((p) => `${path}: ${p}`));
      await context.close();
    }
    console.log('     ' + JSON.stringify(out));
    assert(failures.length === 0, failures.join('\n'));
  }

  return [
    ['cooperation page: parties, responsibility matrix as a table, findings, annual cycle (axe)', cooperationPage],
    ["rulebook: an admin changes an organization's value, sees its source, a bad value refused, reset", editsOverride],
    ['essence: published by an admin, read signed out in Swedish and English (axe), PDF; 404 page before', publishesEssence],
    ['cooperation and rulebook pages: few requests, no layout shift', fewRequests],
  ];
}
