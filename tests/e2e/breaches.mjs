// Breaches from the first report to the authority (issue 15), in the browser against the demo:
//  - a reader signs in, reports a breach in the short form, sees it under "Mina anmälningar" with its status, and
//    cannot open the incident register (refused in words, with the way to report instead);
//  - the data protection contact of the administration signs in, finds it among the new breaches with its clock,
//    opens it, sees what the notification to the authority lacks, fills the case, and downloads the notification as
//    a PDF whose text (pdftotext, poppler-utils) holds the record;
//  - both pages pass axe-core (WCAG 2.1 A/AA).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { assert, axe, expectStatus, newContext, screenshot, settled } from './lib.mjs';

async function signIn(page, user, password) {
  await page.getByLabel('Användarnamn').fill(user);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

async function noViolations(page, where) {
  const violations = await axe(page);
  assert(violations.length === 0, `${where}: axe violations\n${JSON.stringify(violations, null, 2)}`);
}

/** The scenario; `api` is the admin's API client of run.mjs. */
export async function breachFromReportToNotification({ browser, base, api }) {
  const readerPassword = 'rapportör-lösenord-2026';
  const contactPassword = 'kontakt-lösenord-2026';
  const iff = (await api('/administrations?committee=ifo&limit=1')).body.items[0].id;
  for (const body of [
    { id: 'rakel.rapport', name: 'Rakel Rapport', role: 'reader', password: readerPassword },
    { id: 'ida.kontakt', name: 'Ida Kontakt', role: 'data_protection_contact', administration: iff, password: contactPassword },
  ]) {
    const created = await api('/accounts', { method: 'POST', body });
    assert(created.status === 201, `${body.id} was created (${created.status} ${JSON.stringify(created.body)})`);
  }
  const what = 'Ett brev om ekonomiskt bistånd skickades till fel adress (e2e).';

  // The reader reports a breach.
  const reader = await newContext(browser, base);
  expectStatus(reader, 403, /^\/api\/v1\/incidents$/); // the register, refused on purpose below
  let page = await reader.newPage();
  await page.goto('/report-breach');
  await signIn(page, 'rakel.rapport', readerPassword);
  await page.getByRole('heading', { level: 1, name: 'Anmäl en personuppgiftsincident' }).waitFor();
  await settled(page);
  await page.getByLabel('Vad har hänt?').fill(what);
  assert(await page.getByLabel('När upptäcktes det?').inputValue(), 'the time of discovery starts at now');
  await page.getByLabel('Vilket system gäller det?').selectOption({ label: 'Combine' });
  await page.getByLabel('Vems uppgifter gäller det?').fill('Sökande av ekonomiskt bistånd');
  await page.getByRole('button', { name: 'Skicka anmälan' }).click();
  const receipt = page.getByTestId('report-receipt');
  await receipt.waitFor();
  const id = /Din anmälan (\S+) är mottagen/.exec(await receipt.innerText())?.[1];
  assert(id, `the receipt names the case: ${await receipt.innerText()}`);
  assert(/Ida Kontakt/.test(await receipt.innerText()), `the receipt names the contact it went to: ${await receipt.innerText()}`);
  const row = page.getByTestId('my-reports').locator('tr', { hasText: id });
  await row.waitFor();
  assert(/Mottagen/.test(await row.innerText()), `the reader sees the status: ${await row.innerText()}`);
  await noViolations(page, '/report-breach');
  await screenshot(page, 'breach-reported', false);
  // The register itself is not the reader's: refused in words, with the way to report.
  await page.goto('/incidents');
  await page.getByTestId('register-closed').waitFor();
  assert(!(await page.getByText(what).count()), 'the reader sees nothing of the register');
  assert(reader.problems.length === 0, 'reader: ' + reader.problems.join('\n'));
  await reader.close();

  // The data protection contact receives it, with the clock running.
  const contact = await newContext(browser, base, { acceptDownloads: true });
  page = await contact.newPage();
  await page.goto('/incidents');
  await signIn(page, 'ida.kontakt', contactPassword);
  const task = page.getByTestId('breach-tasks').locator('tr', { hasText: id });
  await task.waitFor();
  assert(/kvar/.test(await task.getByTestId('breach-clock').innerText()), `the clock runs: ${await task.innerText()}`);
  await task.getByRole('link', { name: id }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(id) }).waitFor();
  const missing = page.getByTestId('notification-missing');
  await missing.waitFor();
  assert(/Orsak/.test(await missing.innerText()), `what the notification lacks is named: ${await missing.innerText()}`);
  await settled(page);
  await noViolations(page, `/incidents/${id}`);

  // The case: the cause, the likely consequences and the measures.
  await page.getByRole('link', { name: 'Fyll i ärendet' }).click();
  await page.getByLabel('Orsak').waitFor();
  await page.getByLabel('Orsak').selectOption('misdirected');
  await page.getByLabel('Sannolika konsekvenser').fill('Obehörig kan ha fått kännedom om ekonomiska förhållanden.');
  await page.getByLabel('Vidtagna och planerade åtgärder (art. 33.3 d)').fill('Mottagaren har förstört brevet; adressrutinen ses över.');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(id) }).waitFor();
  await page.getByTestId('notification').waitFor();
  await page.waitForFunction(() => !/Orsak/.test(document.querySelector('[data-testid=notification-missing]')?.textContent ?? ''));

  // The notification to the authority, as the PDF the contact downloads.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notification-pdf').click()]);
  const file = await download.path();
  assert(readFileSync(file).subarray(0, 4).toString() === '%PDF', 'a PDF was downloaded');
  const text = execFileSync('pdftotext', [file, '-']).toString();
  for (const expected of ['Anmälan av personuppgiftsincident', what, 'Felskickat', 'Obehörig kan ha fått kännedom'])
    assert(text.replace(/\s+/g, ' ').includes(expected), `the PDF holds "${expected}":\n${text}`);
  await screenshot(page, 'breach-notification', false);
  assert(contact.problems.length === 0, 'contact: ' + contact.problems.join('\n'));
  await contact.close();
}
