// Decisions, reports and approvals as acts done in Ansvar, and each person's tasks (issue 14), in the browser:
// a steward's first page is "Mina uppgifter" and a due item leaves it when done; a budget holder approves a plan and
// someone else is refused in words; the entitled director decides on a processor and downloads the decision (a PDF
// naming the processor, read by pdftotext); the committee's secretary marks the delegated decisions reported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { assert, axe, expectStatus, screenshot, settled, signedInContext } from './lib.mjs';

const PASSWORD = 'beslut-och-uppgifter-2026';

/** The scenarios; `adminApi()` answers the admin's API client of run.mjs (apiClient). */
export function decisionScenarios(adminApi) {
  const made = new Set();
  async function account(id, fields) {
    if (made.has(id)) return;
    const r = await adminApi()('/accounts', { method: 'POST', body: { id, name: id, password: PASSWORD, ...fields } });
    assert(r.status === 201, `account ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    made.add(id);
  }
  async function noProblems(context) {
    assert(context.problems.length === 0, 'problems in the browser:\n' + context.problems.join('\n'));
  }
  async function noViolations(page, what) {
    const v = await axe(page);
    assert(v.length === 0, `${what}: WCAG violations ${JSON.stringify(v, null, 1).slice(0, 1500)}`);
  }

  // A steward signs in and lands on their tasks; a due item is done (the review recorded) and leaves the list.
  async function stewardTasks({ browser, base }) {
    await account('josefin.ljung', { role: 'steward', person: 'p-fgf-sf' });
    const context = await signedInContext(browser, base, 'josefin.ljung', PASSWORD);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /^Mina uppgifter/ }).waitFor();
    await settled(page);
    const table = page.getByTestId('tasks');
    await table.waitFor();
    // A review that falls due for the steward: do it (record it on the system, as the steward may) and it goes.
    const review = table.locator('tr[data-kind="due"][data-rule="R-ACCESS-REVIEW"], tr[data-kind="due"][data-rule="R-LOG-REVIEW"]', { hasText: 'Skolplattformen' }).first();
    await review.waitFor();
    const rule = await review.getAttribute('data-rule');
    const title = (await review.locator('th').textContent()).trim();
    await noViolations(page, 'tasks');
    await screenshot(page, 'tasks-steward');
    const sys = await adminApi()('/systems/skolplattform');
    const kind = rule === 'R-ACCESS-REVIEW' ? 'access_review' : 'log_review';
    const today = new Date().toISOString().slice(0, 10);
    const body = { ...sys.body, reviews: [...(sys.body.reviews ?? []).filter((r) => r.kind !== kind), { kind, done_on: today }] };
    const put = await page.evaluate(
      async ({ body, etag }) => {
        const s = await (await fetch('/api/v1/auth/session')).json();
        const r = await fetch('/api/v1/systems/skolplattform', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-Match': etag, 'X-CSRF-Token': s.csrf_token }, body: JSON.stringify(body) });
        return r.status;
      },
      { body, etag: sys.etag },
    );
    assert(put === 200, `the steward records the review (${put})`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Mina uppgifter/ }).waitFor();
    await table.waitFor();
    await page.waitForFunction(
      ([r, t]) => ![...document.querySelectorAll(`[data-testid=tasks] tr[data-rule="${r}"] th`)].some((th) => th.textContent.trim() === t),
      [rule, title],
    );
    await noProblems(context);
    await context.close();
  }

  // The budget holder approves the 2027 plan from their task list; the steward tried first and was refused in words.
  async function approvesPlan({ browser, base }) {
    await account('josefin.ljung', { role: 'steward', person: 'p-fgf-sf' });
    await account('mattias.holmberg', { role: 'reader', person: 'p-fgf-utv' });
    {
      const context = await signedInContext(browser, base, 'josefin.ljung', PASSWORD);
      expectStatus(context, 403, /\/documents\/skolplattform-management-plan-2027\/approve$/);
      const page = await context.newPage();
      await page.goto('/systems/skolplattform');
      await settled(page);
      await page.getByTestId('acts-link').click();
      await page.getByRole('heading', { level: 1, name: /^Beslut och godkännanden/ }).waitFor();
      await settled(page);
      await page.getByRole('button', { name: 'Godkänn Förvaltningsplan 2027' }).click();
      const problem = page.getByTestId('act-problem');
      await problem.waitFor();
      const text = await problem.textContent();
      assert(/Inte behörig/.test(text) && /inte budgetansvarig för Skolplattformen/.test(text), 'the refusal says why: ' + text);
      await noViolations(page, 'acts');
      await noProblems(context);
      await context.close();
    }
    const context = await signedInContext(browser, base, 'mattias.holmberg', PASSWORD);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /^Mina uppgifter/ }).waitFor();
    const row = page.locator('[data-testid=tasks] tr[data-kind="approve"]', { hasText: 'Skolplattformen' });
    await row.getByRole('link', { name: /^Godkänn/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Beslut och godkännanden/ }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Godkänn Förvaltningsplan 2027' }).click();
    await page.getByTestId('act-done').getByText('Godkänt.').waitFor();
    await page.locator('[data-doc="skolplattform-management-plan-2027"]').getByText(/Godkänd i Ansvar av p-fgf-utv/).waitFor();
    // The 2026 plan's approval was typed in, not performed here: the page says so.
    await page.locator('[data-doc="skolplattform-management-plan-2026"]').getByText(/registrerat i efterhand/).waitFor();
    const stored = (await adminApi()('/systems/skolplattform')).body.documents.find((d) => d.id === 'skolplattform-management-plan-2027');
    assert(stored.approved_by === 'p-fgf-utv' && stored.approved_by_account === 'mattias.holmberg', 'stamped: ' + JSON.stringify(stored));
    await screenshot(page, 'approved');
    await page.goto('/tasks');
    await settled(page);
    await page.getByRole('heading', { level: 1, name: /^Mina uppgifter/ }).waitFor();
    assert((await page.locator('[data-testid=tasks] tr[data-kind="approve"]', { hasText: 'Skolplattformen' }).count()) === 0, 'the approval left the list');
    await noProblems(context);
    await context.close();
  }

  // The director entitled by the committee's delegation decides on the processor and downloads the decision.
  async function decidesDpa({ browser, base }) {
    await account('charlotte.bjork', { role: 'reader', person: 'p-fc-fgf' });
    const context = await signedInContext(browser, base, 'charlotte.bjork', PASSWORD, { acceptDownloads: true });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /^Mina uppgifter/ }).waitFor();
    const row = page.locator('[data-testid=tasks] tr[data-kind="decide"]', { hasText: 'Skolplattformen' });
    await row.getByRole('link', { name: /^Besluta/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Beslut och godkännanden/ }).waitFor();
    await settled(page);
    const committees = await page.getByTestId('deciding-committees').textContent();
    assert(/deleg-fg-decide-dpa/.test(committees), 'the delegation that entitles her is named: ' + committees);
    assert((await page.getByRole('textbox', { name: 'Personuppgiftsbiträde' }).inputValue()) === 'Vklass AB', 'the processor comes from the register');
    await page.getByLabel('Diarienummer').fill('FG 2026/1234');
    await page.getByRole('button', { name: 'Fatta beslutet' }).click();
    await page.getByTestId('act-done').waitFor();
    const link = page.getByTestId('decision-pdf').first();
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const bytes = readFileSync(file);
    assert(bytes.subarray(0, 5).toString() === '%PDF-', 'the decision is a PDF');
    const text = execFileSync('pdftotext', [file, '-']).toString();
    assert(/Vklass AB/.test(text) && /FG 2026\/1234/.test(text), 'the PDF names the processor and the diary number: ' + text.slice(0, 300));
    await screenshot(page, 'decided');
    await noProblems(context);
    await context.close();
  }

  // The secretary of Vård & Omsorg marks the committee's delegated decisions reported at the meeting.
  async function reportsDecisions({ browser, base }) {
    await account('tina.andersson', { role: 'reader', person: 'p-vof-sf' });
    const context = await signedInContext(browser, base, 'tina.andersson', PASSWORD);
    const page = await context.newPage();
    await page.goto('/committees/vo');
    await settled(page);
    await page.getByTestId('delegated-link').click();
    await page.getByRole('heading', { level: 1, name: /^Delegationsbeslut att anmäla/ }).waitFor();
    await settled(page);
    await page.getByTestId('unreported').getByText('dd-2026-004').waitFor();
    await noViolations(page, 'delegated decisions');
    await page.getByLabel('Sammanträde och paragraf').fill('VO 2026-12-08 § 12');
    await page.getByRole('button', { name: 'Markera valda som anmälda' }).click();
    await page.getByTestId('act-done').waitFor();
    await page.getByTestId('deleg-none').waitFor();
    const d = (await adminApi()('/dpa_decisions/dd-2026-004')).body;
    assert(d.reported_at === 'VO 2026-12-08 § 12' && d.reported_on, 'reported at the meeting: ' + JSON.stringify(d));
    await noProblems(context);
    await context.close();
  }

  // The DPO's tasks: the breach clocks (with the instant of the authority notice) and the measures the DPO owns, each
  // a link to where it is done.
  async function dpoTasks({ browser, base }) {
    await account('dora.dpo', { role: 'dpo', person: 'p-dpo' });
    const context = await signedInContext(browser, base, 'dora.dpo', PASSWORD);
    const page = await context.newPage();
    await page.goto('/tasks');
    await page.getByRole('heading', { level: 1, name: /^Mina uppgifter/ }).waitFor();
    await settled(page);
    const table = page.getByTestId('tasks');
    const breach = table.locator('tr[data-kind="breach"][data-rule="R-INC-72H"]').first();
    await breach.waitFor();
    assert(/\d{2}:\d{2}/.test(await breach.locator('td').nth(2).textContent()), 'a breach clock shows its hour');
    // The DPO owns every overdue measure, the demo's DPIA's as well as the breach's: follow the breach's.
    const measure = table
      .locator('tr[data-kind="measure"][data-rule="R-MEASURE-OVERDUE"]')
      .filter({ has: page.locator('a[href*="/incidents/"]') })
      .first();
    await measure.waitFor();
    assert((await measure.locator('td').first().textContent()).trim() === 'Åtgärd', 'the kind is named in Swedish');
    await measure.getByRole('link').click();
    await page.waitForURL(/\/incidents\//);
    await noProblems(context);
    await context.close();
  }

  return [
    ['my tasks: the DPO sees breach clocks and the measures they own', dpoTasks],
    ['my tasks: a steward lands on them; a due item leaves the list when done', stewardTasks],
    ['approves a plan as its budget holder; the steward is refused in words', approvesPlan],
    ['decides on a processor under delegation and downloads the decision PDF', decidesDpa],
    ['the committee secretary marks the delegated decisions reported', reportsDecisions],
  ];
}
