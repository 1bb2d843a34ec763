// DPIAs' and classifications' measures in the measures register (issue 15), in the browser against the demo: the
// DPO opens "Åtgärder", sees the demo DPIA's overdue measure (ifo-socialtjanst, m1) marked with its rule id
// R-MEASURE-OVERDUE beside one that is not overdue; filtering on overdue leaves only overdue ones; marking the measure
// done (through the API, as the activity's editor would) takes it out of the overdue list and its finding goes; the
// page passes axe-core (WCAG 2.1 A/AA). The owner's approval of a classification has no UI yet (HTTP-tested in
// tests/http/test_measures.py).
import { assert, axe, settled, signedInContext } from './lib.mjs';

const PASSWORD = 'atgarder-och-dpia-2026';

/** The scenarios; `adminApi()` answers the admin's API client of run.mjs (apiClient). */
export function dpiaScenarios(adminApi) {
  async function measuresBecomeFindings({ browser, base }) {
    const api = adminApi();
    const created = await api('/accounts', { method: 'POST', body: { id: 'dora.dpo', name: 'Dora DPO', role: 'dpo', password: PASSWORD } });
    assert(created.status === 201, `dora.dpo: ${created.status} ${JSON.stringify(created.body)}`);
    const context = await signedInContext(browser, base, 'dora.dpo', PASSWORD);
    const page = await context.newPage();
    await page.goto('/measures');
    await page.getByRole('heading', { level: 1, name: 'Åtgärdsregister' }).waitFor();
    await settled(page);
    const table = page.getByTestId('measures');
    await table.waitFor();
    const overdue = table.locator('tr', { hasText: 'Införa stark autentisering' });
    await overdue.waitFor();
    assert(/R-MEASURE-OVERDUE/.test(await overdue.innerText()), `the overdue measure names its rule: ${await overdue.innerText()}`);
    const later = table.locator('tr', { hasText: 'Månatlig granskning av åtkomstloggar' });
    await later.waitFor();
    assert(!/R-MEASURE-OVERDUE/.test(await later.innerText()), `a measure due later is not overdue: ${await later.innerText()}`);
    const v = await axe(page);
    assert(v.length === 0, `/measures: WCAG violations ${JSON.stringify(v, null, 1).slice(0, 1500)}`);

    // Only the overdue ones.
    await page.getByLabel('Visa').selectOption({ label: 'Försenade' });
    await table.locator('tr', { hasText: 'Månatlig granskning av åtkomstloggar' }).waitFor({ state: 'detached' });
    await overdue.waitFor();

    // The measure is done: it leaves the overdue list and its finding goes.
    const got = await api('/processing_activities/ifo-socialtjanst');
    const activity = got.body;
    activity.dpia.measures = activity.dpia.measures.map((m) => (m.id === 'm1' ? { ...m, status: 'done', done_on: '2026-06-15' } : m));
    const put = await api('/processing_activities/ifo-socialtjanst', { method: 'PUT', body: activity, headers: { 'If-Match': got.etag } });
    assert(put.status === 200, `the measure marked done: ${put.status} ${JSON.stringify(put.body)}`);
    await page.reload();
    await settled(page);
    await page.getByLabel('Visa').selectOption({ label: 'Försenade' });
    await page.getByTestId('measures').locator('tr', { hasText: 'Införa stark autentisering' }).waitFor({ state: 'detached' });
    const findings = await api('/findings?rule=R-MEASURE-OVERDUE&subject=ifo-socialtjanst&limit=50');
    assert(findings.body.findings.length === 0, `the finding left: ${JSON.stringify(findings.body.findings)}`);
    assert(context.problems.length === 0, 'problems in the browser:\n' + context.problems.join('\n'));
    await context.close();
  }
  return [['dpia: the measures register shows a DPIA measure overdue with its rule, and it leaves when done', measuresBecomeFindings]];
}
