// Breaches from the first report to the authority (issue 15): the report form any signed-in person uses and their
// own reports with status; for the DPO and the data protection contacts the new breaches with their clocks, the
// notification to the authority made from the record (missing fields named, PDF/xlsx/JSON), and the statistics.
// Every deadline comes from the server (the rulebook's authority_notice_hours), none is written here.
import { useState } from 'preact/hooks';
import { apiFetch, ApiError, listAll } from '../api';
import { ErrorBox, PageTitle, Section, Show, StateBadge, useAsync, useNow, duration } from '../components';
import { fmtDate, fmtNumber, label, lang, localTexts, useLang } from '../i18n';
import type { components } from '../generated/api';

type S = components['schemas'];

const sv = {
  report_title: 'Anmäl en personuppgiftsincident',
  report_intro:
    'Har personuppgifter hamnat fel, kommit bort, ändrats eller blivit åtkomliga för någon som inte borde se dem? Anmäl det direkt, även om du är osäker. Dataskyddskontakten tar hand om resten.',
  what_happened: 'Vad har hänt?',
  what_hint: 'Beskriv med egna ord. Skriv inte in fler personuppgifter än som behövs.',
  discovered_at: 'När upptäcktes det?',
  occurred_at: 'När hände det (om du vet)?',
  which_system: 'Vilket system gäller det?',
  unknown_system: 'Vet inte / inget system',
  which_admin: 'Vilken förvaltning berörs?',
  admin_hint: 'Behövs om du inte vet vilket system det gäller.',
  choose_admin: 'Välj förvaltning',
  whose_data: 'Vems uppgifter gäller det?',
  whose_hint: 'Till exempel elever, brukare, anställda.',
  send: 'Skicka anmälan',
  sending: 'Skickar…',
  received: 'Tack! Din anmälan {id} är mottagen.',
  routed_to: 'Den har gått till: {names}.',
  deadline_note: 'Eventuell anmälan till IMY ska göras senast {time}.',
  mine_title: 'Mina anmälningar',
  none_mine: 'Du har inte anmält några incidenter.',
  case: 'Ärende',
  reported: 'Anmäld',
  status: 'Status',
  st_received: 'Mottagen',
  st_assessed: 'Bedömd',
  st_notified: 'Anmäld till IMY',
  st_closed: 'Avslutad',
  tasks_title: 'Nya och pågående incidenter',
  tasks_none: 'Inga nya incidenter att hantera.',
  handler: 'Hanterare',
  clock: 'Tid kvar till anmälan',
  left: '{time} kvar',
  overdue: 'Försenad med {time}',
  stats_title: 'Uppföljning',
  total: 'Totalt',
  notified_n: 'Anmälda till IMY',
  not_notified: 'Ej anmälda',
  by_cause: 'Per orsak',
  by_system: 'Per system',
  by_quarter: 'Per kvartal',
  count: 'Antal',
  unknown: 'Okänd',
  no_system: 'Inget system',
  download_xlsx: 'Hämta som Excel',
  notification_title: 'Anmälan till IMY',
  complete: 'Alla uppgifter som formuläret kräver finns.',
  missing: 'Saknas: {fields}',
  download_pdf: 'Anmälan som PDF',
  download_notification_xlsx: 'Anmälan som Excel',
  download_json: 'Anmälan som JSON',
  edit_case: 'Fyll i ärendet',
  register_closed: 'Incidentregistret är för dataskyddsombudet och dataskyddskontakterna. Du kan anmäla en incident och följa dina egna anmälningar.',
  to_report: 'Till anmälan',
};
type K = keyof typeof sv;
const en: Record<K, string> = {
  report_title: 'Report a personal data breach',
  report_intro:
    'Have personal data been sent to the wrong person, lost, altered, or made accessible to someone who should not see them? Report it at once, even if you are unsure. The data protection contact takes it from there.',
  what_happened: 'What happened?',
  what_hint: 'In your own words. Do not write more personal data than needed.',
  discovered_at: 'When was it discovered?',
  occurred_at: 'When did it happen (if you know)?',
  which_system: 'Which system is it about?',
  unknown_system: 'Do not know / no system',
  which_admin: 'Which administration is concerned?',
  admin_hint: 'Needed when you do not know the system.',
  choose_admin: 'Choose administration',
  whose_data: 'Whose data?',
  whose_hint: 'For example pupils, clients, employees.',
  send: 'Send the report',
  sending: 'Sending…',
  received: 'Thank you! Your report {id} was received.',
  routed_to: 'It went to: {names}.',
  deadline_note: 'A notification to the authority, if needed, is due by {time}.',
  mine_title: 'My reports',
  none_mine: 'You have not reported any breaches.',
  case: 'Case',
  reported: 'Reported',
  status: 'Status',
  st_received: 'Received',
  st_assessed: 'Assessed',
  st_notified: 'Notified to the authority',
  st_closed: 'Closed',
  tasks_title: 'New and open breaches',
  tasks_none: 'No new breaches to handle.',
  handler: 'Handler',
  clock: 'Time left to notify',
  left: '{time} left',
  overdue: 'Overdue by {time}',
  stats_title: 'Follow-up',
  total: 'Total',
  notified_n: 'Notified to the authority',
  not_notified: 'Not notified',
  by_cause: 'By cause',
  by_system: 'By system',
  by_quarter: 'By quarter',
  count: 'Count',
  unknown: 'Unknown',
  no_system: 'No system',
  download_xlsx: 'Download as Excel',
  notification_title: 'Notification to the authority',
  complete: 'Every field the form requires is filled.',
  missing: 'Missing: {fields}',
  download_pdf: 'Notification as PDF',
  download_notification_xlsx: 'Notification as Excel',
  download_json: 'Notification as JSON',
  edit_case: 'Fill in the case',
  register_closed: 'The breach register is for the data protection officer and the data protection contacts. You can report a breach and follow your own reports.',
  to_report: 'Report a breach',
};
const tt = localTexts(sv, en);

// The answers of the breach routes, as the OpenAPI description gives them (src/generated/api.ts).
type OwnReport = S['IncidentReports']['items'][number];
type Receipt = S['IncidentReport'];
type BreachTask = S['BreachTask'];
type Count = S['BreachCount'];
type Statistics = S['IncidentStatistics'];
type Notification = S['IncidentNotification'];

async function getJson<T>(path: string): Promise<T> {
  return (await (await apiFetch('GET', path)).json()) as T;
}

export function statusText(s: string): string {
  return tt(('st_' + s) as K);
}

/** A local date and time for <input type="datetime-local">, now. */
function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function MyReports({ tick }: { tick: number }) {
  const a = useAsync(() => getJson<{ items: OwnReport[] }>('/incident_reports'), [tick]);
  return (
    <Section title={tt('mine_title')}>
      <Show a={a}>
        {(p) =>
          p.items.length === 0 ? (
            <p>{tt('none_mine')}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="my-reports">
                <caption class="sr-only">{tt('mine_title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tt('case')}</th>
                    <th scope="col">{tt('reported')}</th>
                    <th scope="col">{tt('what_happened')}</th>
                    <th scope="col">{tt('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((r) => (
                    <tr key={r.incident}>
                      <td>{r.incident}</td>
                      <td>{fmtDate(r.reported_at)}</td>
                      <td>{r.what_happened}</td>
                      <td>
                        <StateBadge kind={r.status === 'received' ? 'warn' : r.status === 'closed' ? 'ok' : 'neutral'} text={statusText(r.status)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </Section>
  );
}

/** /report-breach: the short form in plain Swedish, then the reporter's own reports. */
export function ReportBreachPage() {
  useLang();
  const systems = useAsync(() => listAll('systems'), []);
  const admins = useAsync(() => listAll('administrations'), []);
  const [what, setWhat] = useState('');
  const [discovered, setDiscovered] = useState(localNow());
  const [occurred, setOccurred] = useState('');
  const [system, setSystem] = useState('');
  const [admin, setAdmin] = useState('');
  const [whose, setWhose] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [sending, setSending] = useState(false);
  const [tick, setTick] = useState(0);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSending(true);
    setErrors({});
    setGeneral(null);
    const body: Record<string, string> = { what_happened: what, whose_data: whose };
    const d = toInstant(discovered);
    if (d) body.discovered_at = d;
    const o = toInstant(occurred);
    if (o) body.occurred_at = o;
    if (system) body.system = system;
    if (admin) body.administration = admin;
    try {
      const res = await apiFetch('POST', '/incident_reports', { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      setReceipt((await res.json()) as Receipt);
      setWhat('');
      setWhose('');
      setOccurred('');
      setTick(tick + 1);
    } catch (err) {
      const ae = err as ApiError;
      const errs: Record<string, string> = {};
      for (const x of ae.problem?.errors ?? []) errs[x.path.replace(/^\$\./, '')] = x.message;
      setErrors(errs);
      if (Object.keys(errs).length === 0) setGeneral(ae);
    } finally {
      setSending(false);
    }
  };
  const err = (k: string) =>
    errors[k] ? (
      <p class="field-error" id={`rb-${k}-error`}>
        {errors[k]}
      </p>
    ) : null;
  const described = (k: string, hint?: boolean) => [hint ? `rb-${k}-hint` : '', errors[k] ? `rb-${k}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <PageTitle>{tt('report_title')}</PageTitle>
      <p>{tt('report_intro')}</p>
      {receipt && (
        <div class="flash" role="status" data-testid="report-receipt">
          <p>
            <span aria-hidden="true">✔ </span>
            {tt('received', { id: receipt.incident })}
          </p>
          {receipt.routed_to.length > 0 && <p>{tt('routed_to', { names: receipt.routed_to.map((r) => r.name).join(', ') })}</p>}
          <p>{tt('deadline_note', { time: fmtDate(receipt.deadline) })}</p>
        </div>
      )}
      {general && <ErrorBox error={general} />}
      <form class="card form" onSubmit={submit} noValidate>
        <div class={`field ${errors.what_happened ? 'has-error' : ''}`}>
          <label for="rb-what">{tt('what_happened')}</label>
          <textarea id="rb-what" rows={4} required aria-required="true" aria-invalid={!!errors.what_happened} aria-describedby={described('what_happened', true)} value={what} onInput={(e) => setWhat((e.target as HTMLTextAreaElement).value)} />
          <p class="hint" id="rb-what_happened-hint">
            {tt('what_hint')}
          </p>
          {err('what_happened')}
        </div>
        <div class={`field ${errors.discovered_at ? 'has-error' : ''}`}>
          <label for="rb-discovered">{tt('discovered_at')}</label>
          <input id="rb-discovered" type="datetime-local" required aria-required="true" aria-invalid={!!errors.discovered_at} aria-describedby={described('discovered_at')} value={discovered} onInput={(e) => setDiscovered((e.target as HTMLInputElement).value)} />
          {err('discovered_at')}
        </div>
        <div class={`field ${errors.occurred_at ? 'has-error' : ''}`}>
          <label for="rb-occurred">{tt('occurred_at')}</label>
          <input id="rb-occurred" type="datetime-local" aria-invalid={!!errors.occurred_at} aria-describedby={described('occurred_at')} value={occurred} onInput={(e) => setOccurred((e.target as HTMLInputElement).value)} />
          {err('occurred_at')}
        </div>
        <div class={`field ${errors.system ? 'has-error' : ''}`}>
          <label for="rb-system">{tt('which_system')}</label>
          <select id="rb-system" aria-invalid={!!errors.system} aria-describedby={described('system')} value={system} onChange={(e) => setSystem((e.target as HTMLSelectElement).value)}>
            <option value="">{tt('unknown_system')}</option>
            {[...(systems.data ?? [])]
              .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
          {err('system')}
        </div>
        <div class={`field ${errors.administration ? 'has-error' : ''}`}>
          <label for="rb-admin">{tt('which_admin')}</label>
          <select id="rb-admin" aria-invalid={!!errors.administration} aria-describedby={described('administration', true)} value={admin} onChange={(e) => setAdmin((e.target as HTMLSelectElement).value)}>
            <option value="">{tt('choose_admin')}</option>
            {(admins.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <p class="hint" id="rb-administration-hint">
            {tt('admin_hint')}
          </p>
          {err('administration')}
        </div>
        <div class="field">
          <label for="rb-whose">{tt('whose_data')}</label>
          <input id="rb-whose" type="text" aria-describedby="rb-whose_data-hint" value={whose} onInput={(e) => setWhose((e.target as HTMLInputElement).value)} />
          <p class="hint" id="rb-whose_data-hint">
            {tt('whose_hint')}
          </p>
        </div>
        <button type="submit" class="primary" disabled={sending}>
          {sending ? tt('sending') : tt('send')}
        </button>
      </form>
      <MyReports tick={tick} />
    </>
  );
}

function Clock({ deadline }: { deadline: string | null }) {
  const now = useNow();
  if (!deadline) return <>–</>;
  const left = Date.parse(deadline) - now;
  const text = left < 0 ? tt('overdue', { time: duration(left) }) : tt('left', { time: duration(left) });
  return (
    <span class={`countdown countdown-${left < 0 ? 'bad' : left < 24 * 3600_000 ? 'warn' : 'neutral'}`} role="timer" data-testid="breach-clock">
      {text} <span class="muted small">({fmtDate(deadline)})</span>
    </span>
  );
}

/** The breaches on the account's task list (GET /incident_tasks): new ones first by their deadline. */
export function BreachTasks() {
  useLang();
  const a = useAsync(() => getJson<{ breach_tasks: BreachTask[] }>('/incident_tasks'), []);
  return (
    <Section title={tt('tasks_title')}>
      <Show a={a}>
        {(p) =>
          p.breach_tasks.length === 0 ? (
            <p>{tt('tasks_none')}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="breach-tasks">
                <caption class="sr-only">{tt('tasks_title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tt('case')}</th>
                    <th scope="col">System</th>
                    <th scope="col">{tt('status')}</th>
                    <th scope="col">{tt('handler')}</th>
                    <th scope="col">{tt('clock')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.breach_tasks.map((x) => (
                    <tr key={x.id}>
                      <td>
                        <a href={`/incidents/${encodeURIComponent(x.id)}`}>{x.id}</a>
                      </td>
                      <td>{x.system_name || tt('no_system')}</td>
                      <td>{statusText(x.status)}</td>
                      <td>{x.handler_name || '–'}</td>
                      <td>
                        <Clock deadline={x.deadline} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </Section>
  );
}

function CountTable({ caption, rows, name }: { caption: string; rows: Count[]; name: (c: Count) => string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            <th scope="col">{tt('count')}</th>
            <th scope="col">{tt('notified_n')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.key}>
              <th scope="row">{name(c)}</th>
              <td>{fmtNumber(c.total)}</td>
              <td>{fmtNumber(c.notified)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Counts per cause, system and quarter (GET /incident_statistics), with the same as a workbook. */
export function BreachStatistics() {
  useLang();
  const a = useAsync(() => getJson<Statistics>('/incident_statistics'), []);
  return (
    <Section title={tt('stats_title')}>
      <Show a={a}>
        {(s) => (
          <div data-testid="breach-statistics">
            <p>
              {tt('total')}: {fmtNumber(s.total)} · {tt('notified_n')}: {fmtNumber(s.notified)} · {tt('not_notified')}: {fmtNumber(s.not_notified)}
            </p>
            <div>
              <CountTable caption={tt('by_cause')} rows={s.by_cause} name={(c) => (c.key === 'unknown' ? tt('unknown') : label(c.key))} />
              <CountTable caption={tt('by_system')} rows={s.by_system} name={(c) => c.label || tt('no_system')} />
              <CountTable caption={tt('by_quarter')} rows={s.by_quarter} name={(c) => c.label} />
            </div>
            <p>
              <a href="/api/v1/incident_statistics?format=xlsx" download>
                {tt('download_xlsx')}
              </a>
            </p>
          </div>
        )}
      </Show>
    </Section>
  );
}

/** The notification to the authority made from the record: what is missing, and the documents. */
export function NotificationPanel({ id }: { id: string }) {
  useLang();
  const a = useAsync(() => getJson<Notification>(`/incidents/${encodeURIComponent(id)}/notification`), [id]);
  const en = lang() === 'en';
  const base = `/api/v1/incidents/${encodeURIComponent(id)}/notification`;
  return (
    <Section title={tt('notification_title')} id="notification">
      <Show a={a}>
        {(n) => {
          const missing = n.sections.flatMap((s) => s.fields.filter((f) => f.missing).map((f) => (en ? f.label_en : f.label_sv)));
          return (
            <div data-testid="notification">
              {n.complete ? (
                <StateBadge kind="ok" text={tt('complete')} />
              ) : (
                <p class="field-error" data-testid="notification-missing">
                  {tt('missing', { fields: missing.join(', ') })}
                </p>
              )}
              <ul class="links">
                <li>
                  <a href={`${base}?format=pdf`} download data-testid="notification-pdf">
                    {tt('download_pdf')}
                  </a>
                </li>
                <li>
                  <a href={`${base}?format=xlsx`} download>
                    {tt('download_notification_xlsx')}
                  </a>
                </li>
                <li>
                  <a href={`${base}?format=json`} download>
                    {tt('download_json')}
                  </a>
                </li>
                <li>
                  <a href={`/edit/incidents/${encodeURIComponent(id)}`}>{tt('edit_case')}</a>
                </li>
              </ul>
            </div>
          );
        }}
      </Show>
    </Section>
  );
}

/** Shown instead of the register to an account that may not read it. */
export function RegisterClosed() {
  return (
    <div class="card" data-testid="register-closed">
      <p>{tt('register_closed')}</p>
      <p>
        <a href="/report-breach">{tt('to_report')}</a>
      </p>
    </div>
  );
}
