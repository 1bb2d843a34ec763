// Acts done in Ansvar (issue 14): "Mina uppgifter" (each person's tasks, from GET /api/v1/pages/tasks), deciding on a
// system's processor under delegation and approving its plans and reports (/systems/:id/acts), and reporting the
// committee's delegated decisions at a meeting (/committees/:id/delegated-decisions). Everything the pages show —
// who may decide, by which delegation, when a report is due — comes from the server; no rule value is repeated here.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiFetch } from '../api';
import { ErrorBox, PageTitle, Section, Skeleton, StateBadge, useAsync } from '../components';
import { fmtDate, label, lang, localTexts, useLang } from '../i18n';
import { markReady } from '../perf';
import type { components } from '../generated/api';

type S = components['schemas'];

const sv = {
  tasks_title: 'Mina uppgifter',
  tasks_scope_dpo: 'Som dataskyddsombud: det som väntar i dina nämnder.',
  tasks_scope_administration: 'Som dataskyddskontakt: det som väntar i din förvaltning.',
  tasks_scope_person: 'Det som väntar på dig: beslut, godkännanden, det som förfaller och det du ombeds rätta.',
  tasks_none: 'Inget väntar på dig just nu.',
  tasks_no_person: 'Ditt konto är inte kopplat till en person i registret. Be en administratör koppla det.',
  kind_decide: 'Beslut',
  kind_approve: 'Godkännande',
  kind_report: 'Anmälan',
  kind_breach: 'Personuppgiftsincident',
  kind_measure: 'Åtgärd',
  kind_due: 'Förfaller',
  kind_fix: 'Att rätta',
  col_what: 'Uppgift',
  col_kind: 'Slag',
  col_subject: 'Gäller',
  col_due: 'Senast',
  col_state: 'Läge',
  col_action: 'Åtgärd',
  act_decide: 'Besluta',
  act_approve: 'Godkänn',
  act_report: 'Anmäl',
  act_open: 'Öppna',
  state_overdue: 'Försenad',
  state_due: 'Aktuell',
  state_upcoming: 'Kommande',
  state_error: 'Fel',
  state_warning: 'Varning',
  acts_title: 'Beslut och godkännanden',
  dpa_decision: 'Beslut om personuppgiftsbiträde',
  decider: 'Du beslutar som',
  committees_that_decide: 'Nämnder som ska besluta',
  decided: 'beslutat',
  not_decided: 'inte beslutat',
  your_delegation: 'din delegation {id} ({decision}), giltig {from}–{to}',
  no_delegation: 'ingen delegation för dig',
  processor: 'Personuppgiftsbiträde',
  diary_number: 'Diarienummer',
  decide_button: 'Fatta beslutet',
  deciding: 'Beslutar…',
  decided_flash: 'Beslutet är fattat och registrerat.',
  not_entitled: 'Du kan inte besluta här',
  decisions: 'Beslut',
  decision_document: 'Beslutet (PDF)',
  poa_document: 'Fullmakt för {committee} (PDF)',
  reported: 'anmält {date} {at}',
  unreported: 'ännu inte anmält',
  at_meeting: 'vid sammanträde {meeting}',
  plans: 'Förvaltningsplaner och uppföljningsrapporter',
  approved_performed: 'Godkänd i Ansvar av {who} {date}',
  approved_recorded: 'Godkännande registrerat i efterhand ({who} {date}) – inte utfört i Ansvar',
  not_approved: 'Inte godkänd',
  approve_button: 'Godkänn {doc}',
  approving: 'Godkänner…',
  approved_flash: 'Godkänt.',
  refused: 'Nekat',
  deleg_title: 'Delegationsbeslut att anmäla',
  deleg_intro: 'Beslut som fattats på delegation och ännu inte anmälts till nämnden (anmälan av delegationsbeslut, kommunallagen 7 kap. 8 §). Anmälan ska ske inom {days} dagar.',
  deleg_none: 'Inga delegationsbeslut väntar på anmälan.',
  col_decision: 'Beslut',
  col_date: 'Datum',
  col_system: 'System',
  col_by: 'Beslutad av',
  col_deleg: 'Delegation',
  col_report_due: 'Anmäls senast',
  choose: 'Välj {id}',
  reported_on: 'Sammanträdets datum',
  reported_at: 'Sammanträde och paragraf',
  reported_at_hint: 'T.ex. "BN 2025-02-11 § 7"',
  report_button: 'Markera valda som anmälda',
  reporting: 'Markerar…',
  reported_flash: '{n} beslut markerade som anmälda.',
  may_not_report: 'Bara nämndens sekreterare, dataskyddsombudet eller en administratör markerar beslut som anmälda.',
  export_pdf: 'Lista för sammanträdet (PDF)',
  export_xlsx: 'Lista (Excel)',
  overdue: 'försenad',
};
const en: Record<keyof typeof sv, string> = {
  tasks_title: 'My tasks',
  tasks_scope_dpo: 'As data protection officer: what waits in your committees.',
  tasks_scope_administration: 'As data protection contact: what waits in your administration.',
  tasks_scope_person: 'What waits for you: decisions, approvals, what falls due and what you are asked to fix.',
  tasks_none: 'Nothing waits for you right now.',
  tasks_no_person: 'Your account is not linked to a person of the register. Ask an administrator to link it.',
  kind_decide: 'Decision',
  kind_approve: 'Approval',
  kind_report: 'Report',
  kind_breach: 'Personal data breach',
  kind_measure: 'Measure',
  kind_due: 'Falls due',
  kind_fix: 'To fix',
  col_what: 'Task',
  col_kind: 'Kind',
  col_subject: 'Concerns',
  col_due: 'Due',
  col_state: 'State',
  col_action: 'Action',
  act_decide: 'Decide',
  act_approve: 'Approve',
  act_report: 'Report',
  act_open: 'Open',
  state_overdue: 'Overdue',
  state_due: 'Due',
  state_upcoming: 'Upcoming',
  state_error: 'Error',
  state_warning: 'Warning',
  acts_title: 'Decisions and approvals',
  dpa_decision: 'Decision on the processor',
  decider: 'You decide as',
  committees_that_decide: 'Committees that must decide',
  decided: 'decided',
  not_decided: 'not decided',
  your_delegation: 'your delegation {id} ({decision}), valid {from}–{to}',
  no_delegation: 'no delegation of yours',
  processor: 'Processor',
  diary_number: 'Diary number',
  decide_button: 'Make the decision',
  deciding: 'Deciding…',
  decided_flash: 'The decision is made and recorded.',
  not_entitled: 'You cannot decide here',
  decisions: 'Decisions',
  decision_document: 'The decision (PDF)',
  poa_document: 'Power of attorney for {committee} (PDF)',
  reported: 'reported {date} {at}',
  unreported: 'not yet reported',
  at_meeting: 'at the meeting {meeting}',
  plans: 'Management plans and follow-up reports',
  approved_performed: 'Approved in Ansvar by {who} {date}',
  approved_recorded: 'Approval recorded afterwards ({who} {date}) – not performed in Ansvar',
  not_approved: 'Not approved',
  approve_button: 'Approve {doc}',
  approving: 'Approving…',
  approved_flash: 'Approved.',
  refused: 'Refused',
  deleg_title: 'Delegated decisions to report',
  deleg_intro: 'Decisions made under delegation and not yet reported to the committee (Local Government Act ch. 7 s. 8). They are to be reported within {days} days.',
  deleg_none: 'No delegated decisions wait to be reported.',
  col_decision: 'Decision',
  col_date: 'Date',
  col_system: 'System',
  col_by: 'Decided by',
  col_deleg: 'Delegation',
  col_report_due: 'Report by',
  choose: 'Choose {id}',
  reported_on: 'Date of the meeting',
  reported_at: 'Meeting and paragraph',
  reported_at_hint: 'E.g. "BN 2025-02-11 § 7"',
  report_button: 'Mark the chosen ones reported',
  reporting: 'Marking…',
  reported_flash: '{n} decisions marked reported.',
  may_not_report: 'Only the committee\'s secretary, the data protection officer or an administrator marks decisions reported.',
  export_pdf: 'List for the meeting (PDF)',
  export_xlsx: 'List (Excel)',
  overdue: 'overdue',
};
const tx = localTexts(sv, en);
type TxKey = keyof typeof sv;

// ---------- the API of these pages ----------
type TaskList = S['TasksPage'];
type DpaDecision = S['DpaDecision'];
type DecisionView = S['DpaDecisionAct'];
type Unreported = S['DelegatedDecisions'];

const enc = encodeURIComponent;
async function getJson<T>(path: string): Promise<T> {
  return (await (await apiFetch('GET', path)).json()) as T;
}
async function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ value: T; etag: string }> {
  const res = await apiFetch('POST', path, { headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { value: (await res.json()) as T, etag: res.headers.get('ETag') ?? '' };
}
/** The server's own words for a refusal or a bad field: the problem's detail and the fields it names. */
function problemText(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  const fields = (e.problem.errors ?? []).map((x) => `${x.path}: ${x.message}`).join('; ');
  return [e.problem.title, e.problem.detail, fields].filter(Boolean).join(' – ');
}
function Problem({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p class="notice error" role="alert" data-testid="act-problem">
      {text}
    </p>
  );
}

// ---------- Mina uppgifter ----------
const KIND_ORDER = ['breach', 'decide', 'approve', 'report', 'measure', 'due', 'fix'];
const STATE_ORDER = ['overdue', 'error', 'due', 'warning', 'upcoming'];

export function TasksPage() {
  useLang();
  const a = useAsync(() => getJson<TaskList>(`/pages/tasks?lang=${lang()}`), [lang()]);
  const p = a.data;
  useEffect(() => {
    if (p) markReady('tasks');
  }, [p]);
  if (a.error && !p)
    return (
      <>
        <PageTitle>{tx('tasks_title')}</PageTitle>
        <ErrorBox error={a.error} retry={a.reload} />
      </>
    );
  if (!p)
    return (
      <>
        <PageTitle>{tx('tasks_title')}</PageTitle>
        <Skeleton />
      </>
    );
  const items = [...p.items].sort(
    (x, y) =>
      KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
      STATE_ORDER.indexOf(x.state) - STATE_ORDER.indexOf(y.state) ||
      (x.due ?? '9999').localeCompare(y.due ?? '9999'),
  );
  return (
    <>
      <PageTitle>
        {tx('tasks_title')}
        {p.person ? `: ${p.person.name}` : ''}
      </PageTitle>
      <p class="muted">{tx(`tasks_scope_${p.scope}` as TxKey)}</p>
      {!p.person && p.scope === 'person' && <p class="notice">{tx('tasks_no_person')}</p>}
      {items.length === 0 ? (
        <p data-testid="tasks-empty">{tx('tasks_none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="tasks">
            <caption class="sr-only">{tx('tasks_title')}</caption>
            <thead>
              <tr>
                <th scope="col">{tx('col_what')}</th>
                <th scope="col">{tx('col_kind')}</th>
                <th scope="col">{tx('col_subject')}</th>
                <th scope="col">{tx('col_due')}</th>
                <th scope="col">{tx('col_state')}</th>
                <th scope="col">{tx('col_action')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x, i) => (
                <tr key={i} data-kind={x.kind} data-rule={x.rule}>
                  <th scope="row">{x.title}</th>
                  <td>{tx(`kind_${x.kind}` as TxKey)}</td>
                  <td>{x.subject.name || x.subject.id}</td>
                  <td>{x.due_at ? fmtDate(x.due_at) : x.due ? fmtDate(x.due) : '–'}</td>
                  <td>
                    <StateBadge
                      kind={x.state === 'overdue' || x.state === 'error' ? 'bad' : x.state === 'upcoming' ? 'neutral' : 'warn'}
                      text={sv[`state_${x.state}` as TxKey] ? tx(`state_${x.state}` as TxKey) : label(x.state)}
                    />
                  </td>
                  <td>
                    <a href={x.link}>
                      {x.kind === 'decide' ? tx('act_decide') : x.kind === 'approve' ? tx('act_approve') : x.kind === 'report' ? tx('act_report') : tx('act_open')}
                      <span class="sr-only">: {x.title}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// ---------- deciding and approving on a system ----------
function DecideForm({ v, onDone }: { v: DecisionView; onDone: () => void }) {
  const [processor, setProcessor] = useState(v.supplier);
  const [diary, setDiary] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem('');
    try {
      await postJson(`/systems/${enc(v.system)}/dpa_decision`, { processor, diary_number: diary || null });
      onDone();
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} data-testid="decide-form">
      <p>
        {tx('decider')}: <strong>{v.person?.name}</strong>
      </p>
      <div class="field">
        <label for="d-processor">{tx('processor')}</label>
        <input id="d-processor" value={processor} onInput={(e) => setProcessor((e.target as HTMLInputElement).value)} required maxLength={200} />
      </div>
      <div class="field">
        <label for="d-diary">{tx('diary_number')}</label>
        <input id="d-diary" value={diary} onInput={(e) => setDiary((e.target as HTMLInputElement).value)} maxLength={100} />
      </div>
      <Problem text={problem} />
      <button type="submit" disabled={busy}>
        {busy ? tx('deciding') : tx('decide_button')}
      </button>
    </form>
  );
}

function ApproveButton({ system, doc, name, onDone }: { system: string; doc: string; name: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setProblem('');
          try {
            const res = await apiFetch('GET', `/systems/${enc(system)}`);
            const etag = res.headers.get('ETag') ?? '*';
            await postJson(`/systems/${enc(system)}/documents/${enc(doc)}/approve`, {}, { 'If-Match': etag });
            onDone();
          } catch (err) {
            setProblem(problemText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? tx('approving') : tx('approve_button', { doc: name })}
      </button>
      <Problem text={problem} />
    </>
  );
}

export function SystemActsPage({ id }: { id: string }) {
  useLang();
  const a = useAsync(() => getJson<DecisionView>(`/systems/${enc(id)}/dpa_decision`), [id]);
  const [flash, setFlash] = useState('');
  const v = a.data;
  useEffect(() => {
    if (v) markReady('acts');
  }, [v]);
  if (a.error && !v)
    return (
      <>
        <PageTitle>{tx('acts_title')}</PageTitle>
        <ErrorBox error={a.error} retry={a.reload} />
      </>
    );
  if (!v)
    return (
      <>
        <PageTitle>{tx('acts_title')}</PageTitle>
        <Skeleton />
      </>
    );
  const docName = (d: DecisionView['documents'][number]) => `${label(d.kind)}${d.year ? ' ' + d.year : ''}`;
  return (
    <>
      <PageTitle>
        {tx('acts_title')}: <a href={`/systems/${enc(v.system)}`}>{v.system_name}</a>
      </PageTitle>
      {flash && (
        <p class="notice ok" role="status" data-testid="act-done">
          {flash}
        </p>
      )}
      <Section title={tx('dpa_decision')}>
        {v.committees.length > 0 && (
          <>
            <h3>{tx('committees_that_decide')}</h3>
            <ul class="plain" data-testid="deciding-committees">
              {v.committees.map((c) => (
                <li key={c.id}>
                  <a href={`/committees/${enc(c.id)}`}>{c.name}</a>: {c.decided ? tx('decided') : tx('not_decided')} ·{' '}
                  {c.delegation
                    ? tx('your_delegation', { id: c.delegation.id ?? '', decision: c.delegation.decision, from: fmtDate(c.delegation.valid_from), to: c.delegation.valid_to ? fmtDate(c.delegation.valid_to) : '' })
                    : tx('no_delegation')}
                </li>
              ))}
            </ul>
          </>
        )}
        {v.entitled ? (
          <DecideForm
            v={v}
            onDone={() => {
              setFlash(tx('decided_flash'));
              a.reload();
            }}
          />
        ) : (
          <p class="notice" data-testid="why-not-decide">
            <strong>{tx('not_entitled')}:</strong> {v.why_not}
          </p>
        )}
        {v.decisions.length > 0 && (
          <>
            <h3>{tx('decisions')}</h3>
            <ul class="plain" data-testid="decisions">
              {v.decisions.map((d) => (
                <li key={d.id}>
                  <strong>{d.id}</strong> · {fmtDate(d.decided_on)} · {d.processor} ·{' '}
                  {d.meeting ? tx('at_meeting', { meeting: d.meeting }) : d.reported_on ? tx('reported', { date: fmtDate(d.reported_on), at: d.reported_at ?? '' }) : tx('unreported')} ·{' '}
                  <a href={`/api/v1/dpa_decisions/${enc(d.id)}/document.pdf?lang=${lang()}`} download data-testid="decision-pdf">
                    {tx('decision_document')}
                  </a>
                  {v.power_of_attorney &&
                    d.committees.map((c) => (
                      <span key={c}>
                        {' · '}
                        <a href={`/api/v1/dpa_decisions/${enc(d.id)}/power_of_attorney.pdf?committee=${enc(c)}&lang=${lang()}`} download>
                          {tx('poa_document', { committee: v.committees.find((x) => x.id === c)?.name ?? c })}
                        </a>
                      </span>
                    ))}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section title={tx('plans')}>
        <ul class="plain" data-testid="plans">
          {v.documents.map((d) => (
            <li key={d.id} data-doc={d.id}>
              <strong>{docName(d)}</strong>:{' '}
              {d.approval === 'performed' ? (
                <StateBadge kind="ok" text={tx('approved_performed', { who: d.approved_by, date: fmtDate(d.approved_on) })} />
              ) : d.approval === 'recorded' ? (
                <StateBadge kind="neutral" text={tx('approved_recorded', { who: d.approved_by, date: fmtDate(d.approved_on) })} />
              ) : (
                <>
                  {tx('not_approved')}{' '}
                  <ApproveButton
                    system={v.system}
                    doc={d.id}
                    name={docName(d)}
                    onDone={() => {
                      setFlash(tx('approved_flash'));
                      a.reload();
                    }}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

// ---------- reporting delegated decisions ----------
export function DelegatedDecisionsPage({ id }: { id: string }) {
  useLang();
  const a = useAsync(() => getJson<Unreported>(`/committees/${enc(id)}/delegated_decisions`), [id]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [on, setOn] = useState('');
  const [at, setAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [flash, setFlash] = useState('');
  const l = a.data;
  useEffect(() => {
    if (l) {
      setChosen(new Set(l.items.map((x) => x.decision.id)));
      setOn((o) => o || l.today);
      markReady('delegated');
    }
  }, [l]);
  if (a.error && !l)
    return (
      <>
        <PageTitle>{tx('deleg_title')}</PageTitle>
        <ErrorBox error={a.error} retry={a.reload} />
      </>
    );
  if (!l)
    return (
      <>
        <PageTitle>{tx('deleg_title')}</PageTitle>
        <Skeleton />
      </>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem('');
    try {
      const res = await postJson<{ items: DpaDecision[] }>(`/committees/${enc(id)}/delegated_decisions/report`, { decisions: [...chosen], reported_on: on, reported_at: at });
      setFlash(tx('reported_flash', { n: res.value.items.length }));
      a.reload();
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle
        actions={
          <>
            <a class="button secondary" href={`/api/v1/committees/${enc(id)}/delegated_decisions.pdf?lang=${lang()}`} download>
              {tx('export_pdf')}
            </a>{' '}
            <a class="button secondary" href={`/api/v1/committees/${enc(id)}/delegated_decisions.xlsx?lang=${lang()}`} download>
              {tx('export_xlsx')}
            </a>
          </>
        }
      >
        {tx('deleg_title')}: <a href={`/committees/${enc(id)}`}>{l.committee_name}</a>
      </PageTitle>
      <p>{tx('deleg_intro', { days: l.report_days })}</p>
      {flash && (
        <p class="notice ok" role="status" data-testid="act-done">
          {flash}
        </p>
      )}
      {l.items.length === 0 ? (
        <p data-testid="deleg-none">{tx('deleg_none')}</p>
      ) : (
        <form onSubmit={submit}>
          <div class="table-wrap">
            <table data-testid="unreported">
              <caption class="sr-only">{tx('deleg_title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tx('col_decision')}</th>
                  <th scope="col">{tx('col_date')}</th>
                  <th scope="col">{tx('col_system')}</th>
                  <th scope="col">{tx('processor')}</th>
                  <th scope="col">{tx('col_by')}</th>
                  <th scope="col">{tx('col_deleg')}</th>
                  <th scope="col">{tx('col_report_due')}</th>
                </tr>
              </thead>
              <tbody>
                {l.items.map((x) => (
                  <tr key={x.decision.id}>
                    <th scope="row">
                      {l.may_report && (
                        <input
                          type="checkbox"
                          id={`c-${x.decision.id}`}
                          aria-label={tx('choose', { id: x.decision.id })}
                          checked={chosen.has(x.decision.id)}
                          onChange={(e) => {
                            const next = new Set(chosen);
                            if ((e.target as HTMLInputElement).checked) next.add(x.decision.id);
                            else next.delete(x.decision.id);
                            setChosen(next);
                          }}
                        />
                      )}{' '}
                      {x.decision.id}
                    </th>
                    <td>{fmtDate(x.decision.decided_on)}</td>
                    <td>{x.system_name}</td>
                    <td>{x.decision.processor}</td>
                    <td>{x.decided_by_name}</td>
                    <td>{x.delegation_text}</td>
                    <td>
                      {fmtDate(x.report_due)} {x.overdue && <StateBadge kind="bad" text={tx('overdue')} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {l.may_report ? (
            <>
              <div class="field">
                <label for="r-on">{tx('reported_on')}</label>
                <input id="r-on" type="date" value={on} onInput={(e) => setOn((e.target as HTMLInputElement).value)} required />
              </div>
              <div class="field">
                <label for="r-at">{tx('reported_at')}</label>
                <input id="r-at" value={at} placeholder={tx('reported_at_hint')} onInput={(e) => setAt((e.target as HTMLInputElement).value)} required maxLength={200} />
              </div>
              <Problem text={problem} />
              <button type="submit" disabled={busy || chosen.size === 0}>
                {busy ? tx('reporting') : tx('report_button')}
              </button>
            </>
          ) : (
            <p class="notice">{tx('may_not_report')}</p>
          )}
        </form>
      )}
    </>
  );
}
