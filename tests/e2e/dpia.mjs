// DPIAs' and classifications' measures in the measures register (issue 15), in the browser against the demo: the
// DPO opens the activity ifo-socialtjanst and sees its DPIA record and measures, then "Åtgärder", and sees the demo DPIA's overdue measure (ifo-socialtjanst, m1) marked with its rule id
// R-MEASURE-OVERDUE beside one that is not overdue; filtering on overdue leaves only overdue ones; the DPO marks the
// measure done by clicking "Klar" in the DPIA section: its finding leaves the activity's page and the overdue list; the
// page passes axe-core (WCAG 2.1 A/AA). On Combine's page the classification's action plan awaits its owner: another
// person presses "Godkänn" and is refused in words; the owner (p-fc-iff's account) approves it.
import { assert, axe, expectStatus, settled, signedInContext } from './lib.mjs';

const PASSWORD = 'atgarder-och-dpia-2026';

/** The scenarios; `adminApi()` answers the admin's API client of run.mjs (apiClient). */
export function dpiaScenarios(adminApi) {
  async function measuresBecomeFindings({ browser, base }) {
    const api = adminApi();
    const created = await api('/accounts', { method: 'POST', body: { id: 'dag.dpo', name: 'Dag DPO', role: 'dpo', password: PASSWORD } });
    assert(created.status === 201, `dag.dpo: ${created.status} ${JSON.stringify(created.body)}`);
    const context = await signedInContext(browser, base, 'dag.dpo', PASSWORD);
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

    // The activity's DPIA: the record and its measures, the overdue one marked with its rule.
    await page.goto('/activities/ifo-socialtjanst');
    const dpia = page.getByTestId('dpia');
    await dpia.waitFor();
    await settled(page);
    assert(/Nödvändighet och proportionalitet/.test(await dpia.innerText()) && /Medel/.test(await dpia.innerText()), `the record: ${await dpia.innerText()}`);
    assert(/12/.test(await page.getByTestId('dpia-risks').innerText()), 'a risk scored likelihood × consequence (3 × 4)');
    const m1 = page.getByTestId('dpia-measures').locator('tr', { hasText: 'Införa stark autentisering' });
    await m1.waitFor();
    assert(/R-MEASURE-OVERDUE/.test(await m1.innerText()), `the overdue DPIA measure names its rule: ${await m1.innerText()}`);
    const va = await axe(page);
    assert(va.length === 0, `/activities/ifo-socialtjanst: WCAG violations ${JSON.stringify(va, null, 1).slice(0, 1500)}`);
    await page.goto('/measures');
    await table.waitFor();
    await settled(page);

    // Only the overdue ones.
    await page.getByLabel('Visa').selectOption({ label: 'Försenade' });
    await table.locator('tr', { hasText: 'Månatlig granskning av åtkomstloggar' }).waitFor({ state: 'detached' });
    await overdue.waitFor();

    // The DPO marks the measure done in the activity's DPIA section: its finding leaves the activity's findings, the
    // line shows it done, and it leaves the overdue list of the register.
    await page.goto('/activities/ifo-socialtjanst');
    await settled(page);
    const finding = page.getByTestId('findings').locator('li', { hasText: 'R-MEASURE-OVERDUE' });
    await finding.waitFor();
    const row = page.getByTestId('dpia-measures').locator('tr', { hasText: 'Införa stark autentisering' });
    await row.getByRole('button', { name: 'Klar', exact: true }).click();
    await row.filter({ hasText: 'Genomförd' }).waitFor();
    await finding.waitFor({ state: 'detached' });
    assert(!/R-MEASURE-OVERDUE/.test(await row.innerText()), `done, no longer overdue: ${await row.innerText()}`);
    const stored = (await api('/processing_activities/ifo-socialtjanst')).body.dpia.measures.find((m) => m.id === 'm1');
    assert(stored.status === 'done' && /^\d{4}-\d{2}-\d{2}$/.test(stored.done_on ?? ''), `done with its date: ${JSON.stringify(stored)}`);
    await page.goto('/measures');
    await settled(page);
    await page.getByLabel('Visa').selectOption({ label: 'Försenade' });
    await page.getByTestId('measures').locator('tr', { hasText: 'Månatlig granskning av åtkomstloggar' }).waitFor({ state: 'detached' });
    await page.getByTestId('measures').locator('tr', { hasText: 'Införa stark autentisering' }).waitFor({ state: 'detached' });
    const findings = await api('/findings?rule=R-MEASURE-OVERDUE&subject=ifo-socialtjanst&limit=50');
    assert(findings.body.findings.length === 0, `the finding left: ${JSON.stringify(findings.body.findings)}`);
    assert(context.problems.length === 0, 'problems in the browser:\n' + context.problems.join('\n'));
    await context.close();
  }
  async function ownerApprovesClassification({ browser, base }) {
    const api = adminApi();
    for (const body of [
      { id: 'agnes.agare', name: 'Agnes Ägare', role: 'reader', person: 'p-fc-iff', password: PASSWORD },
      { id: 'sven.annan', name: 'Sven Annan', role: 'reader', person: 'p-iff-sf', password: PASSWORD },
    ]) {
      const created = await api('/accounts', { method: 'POST', body });
      assert(created.status === 201, `${body.id}: ${created.status} ${JSON.stringify(created.body)}`);
    }
    // Someone else: refused in words, nothing approved.
    const other = await signedInContext(browser, base, 'sven.annan', PASSWORD);
    expectStatus(other, 403, /\/api\/v1\/systems\/combine\/classification\/approve$/); // refused on purpose below
    let page = await other.newPage();
    await page.goto('/systems/combine');
    const section = page.getByTestId('classification-approval');
    await section.waitFor();
    await settled(page);
    assert(/väntar på systemägarens godkännande/.test(await section.innerText()), `awaits approval: ${await section.innerText()}`);
    await page.getByTestId('classification-measures').locator('tr', { hasText: 'Kryptera säkerhetskopior' }).waitFor();
    await section.getByRole('button', { name: 'Godkänn' }).click();
    const refused = page.getByTestId('classification-refused');
    await refused.waitFor();
    assert(/Du kan inte godkänna: .*inte systemägare/.test(await refused.innerText()), `refused in words: ${await refused.innerText()}`);
    const v = await axe(page);
    assert(v.length === 0, `/systems/combine: WCAG violations ${JSON.stringify(v, null, 1).slice(0, 1500)}`);
    assert(!(await api('/systems/combine')).body.classification.approved_by, 'nothing was approved');
    assert(other.problems.length === 0, 'problems in the browser:\n' + other.problems.join('\n'));
    await other.close();

    // The owner approves.
    const owner = await signedInContext(browser, base, 'agnes.agare', PASSWORD);
    page = await owner.newPage();
    await page.goto('/systems/combine');
    await page.getByTestId('classification-approval').waitFor();
    await settled(page);
    await page.getByTestId('classification-approval').getByRole('button', { name: 'Godkänn' }).click();
    await page.getByTestId('classification-approval').filter({ hasText: 'Godkänd' }).waitFor();
    const stored = (await api('/systems/combine')).body.classification;
    assert(stored.approved_by === 'p-fc-iff' && stored.approval === 'ansvar', `approved as an act: ${JSON.stringify(stored)}`);
    assert(owner.problems.length === 0, 'problems in the browser:\n' + owner.problems.join('\n'));
    await owner.close();
  }
  return [
    ['dpia: the measures register shows a DPIA measure overdue with its rule, and it leaves when done', measuresBecomeFindings],
    ['classification: the owner approves the action plan, someone else is refused in words', ownerApprovesClassification],
  ];
}
