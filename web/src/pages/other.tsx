// Committees and administrations, processing activities, breaches, requests, people, rules, findings, and the
// plain lists of the remaining collections.
import { useEffect, useState } from 'preact/hooks';
import { DpiaSection } from './dpia';
import { api, ApiError, exportHref, listAll } from '../api';
import {
  Dl,
  ErrorBox,
  Flash,
  PageTitle,
  Pager,
  Ref,
  RefList,
  Section,
  SeverityBadge,
  Show,
  StateBadge,
  SubjectRef,
  takeFlash,
  useAsync,
  yesNo,
  hrefOf,
  ROUTE_OF,
  Countdown,
  rulebook,
  primeName,
  primeNames,
  Skeleton,
  COLLECTION_OF_TYPE,
} from '../components';
import { RefPicker, smallOptions } from '../forms/fields';
import { fmtDate, fmtNumber, fmtText, label, lang, t, useLang, type Key } from '../i18n';
import { setQuery } from '../router';
import type { CollectionName, DataSubjectRequest, ProcessingActivity, Rule, Rulebook, Severity } from '../types';
import { DueTable, today } from './overview';
import { FindingsList, History, rulesById } from './system';
import { noun } from './edit';
import { useMay } from '../session';
import { BreachStatistics, BreachTasks, NotificationPanel, RegisterClosed } from './incidents';

/** "New …": offered only to a role that may create such records (the server still decides the write). */
function NewButton({ c, text, query }: { c: CollectionName; text?: string; query?: string }) {
  const may = useMay();
  if (!may?.write[c] || (c === 'systems' && !may.create_system)) return null;
  return (
    <a class="button" href={`/new/${c}${query ? `?${query}` : ''}`}>
      {text ?? `${t('new')}: ${noun(c, lang() === 'en')}`}
    </a>
  );
}
function EditButton({ c, id }: { c: CollectionName; id: string }) {
  const may = useMay();
  if (!may?.write[c]) return null;
  return (
    <a class="button" href={`/edit/${c}/${encodeURIComponent(id)}`}>
      {t('edit')}
    </a>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: preact.ComponentChildren[][] }) {
  if (rows.length === 0) return <p>{t('none')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th scope="row" key={j}>
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---------------- committees and administrations ----------------
export function OrgPage() {
  useLang();
  const orgs = useAsync(() => listAll('organizations'), []);
  const committees = useAsync(() => listAll('committees'), []);
  const admins = useAsync(() => listAll('administrations'), []);
  const [flash] = useState(takeFlash());
  return (
    <>
      <PageTitle>{t('org_title')}</PageTitle>
      <Flash text={flash} />
      <ul class="chips nav-chips">
        <li><a href="/delegations">{t('delegations')}</a></li>
        <li><a href="/powers-of-attorney">{t('powers')}</a></li>
        <li><a href="/processor-records">{t('processor_records')}</a></li>
        <li><a href="/agreements">{lang() === 'en' ? 'Agreements' : 'Avtal'}</a></li>
      </ul>
      <Section title={t('committees')}>
        <NewButton c="committees" />
        <Show a={committees}>
          {(items) => (
            <Table
              caption={t('committees')}
              head={[t('name'), t('kind'), t('organizations')]}
              rows={items.map((c) => [<a href={hrefOf('committees', c.id)}>{c.name}</a>, label(c.kind), <Ref c="organizations" id={c.organization} />])}
            />
          )}
        </Show>
      </Section>
      <Section title={t('administrations')}>
        <NewButton c="administrations" />
        <Show a={admins}>
          {(items) => (
            <Table
              caption={t('administrations')}
              head={[t('name'), t('committees'), t('employing_committee')]}
              rows={items.map((a) => [
                <a href={hrefOf('administrations', a.id)}>{a.name}</a>,
                <RefList c="committees" ids={a.committees} />,
                <Ref c="committees" id={a.employing_committee ?? a.committees?.[0]} />,
              ])}
            />
          )}
        </Show>
      </Section>
      <Section title={t('organizations')}>
        <NewButton c="organizations" />
        <Show a={orgs}>
          {(items) => (
            <Table
              caption={t('organizations')}
              head={[t('name'), t('kind'), t('dpo')]}
              rows={items.map((o) => [<a href={`/edit/organizations/${encodeURIComponent(o.id)}`}>{o.name}</a>, label(o.kind), <Ref c="people" id={o.dpo} />])}
            />
          )}
        </Show>
      </Section>
    </>
  );
}

/** The Art. 30 record of a committee: one row per processing activity, printable for the authority. */
function RopaTable({ items }: { items: ProcessingActivity[] }) {
  if (items.length === 0) return <p>{t('none')}</p>;
  return (
    <div class="table-wrap">
      <table class="ropa">
        <caption class="sr-only">{t('ropa')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('process_code')}</th>
            <th scope="col">{lang() === 'en' ? 'Purposes' : 'Ändamål'}</th>
            <th scope="col">{t('legal_basis')}</th>
            <th scope="col">{lang() === 'en' ? 'Data subjects / data' : 'Registrerade / uppgifter'}</th>
            <th scope="col">{lang() === 'en' ? 'Recipients' : 'Mottagare'}</th>
            <th scope="col">{lang() === 'en' ? 'Retention' : 'Gallring'}</th>
            <th scope="col">{t('system')}</th>
            <th scope="col">{t('threshold')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <a href={hrefOf('processing_activities', a.id)}>{a.name}</a>
              </th>
              <td>{a.process_code ?? t('dash')}</td>
              <td>{(a.purposes ?? []).join('; ') || <StateBadge kind="bad" text={t('missing')} />}</td>
              <td>{label(a.legal_basis ?? null)}</td>
              <td>
                {(a.data_subjects ?? []).join(', ') || t('dash')} / {(a.data_categories ?? []).join(', ') || t('dash')}
              </td>
              <td>{(a.recipients ?? []).join(', ') || t('dash')}</td>
              <td>{a.retention ?? t('dash')}</td>
              <td>
                <RefList c="systems" ids={a.systems} />
              </td>
              <td>
                <ThresholdBadge a={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The threshold analysis: a DPIA is needed from the rulebook's number of criteria on (dpia_threshold, R-DPIA-*). */
function ThresholdBadge({ a }: { a: ProcessingActivity }) {
  const rb = useAsync(() => rulebook(), []);
  const ta = a.threshold_analysis;
  if (!ta || !ta.done_on) return <StateBadge kind="bad" text={t('threshold_missing')} />;
  const n = ta.criteria?.length ?? 0;
  const needed = rb.data !== undefined && n >= rb.data.dpia_threshold;
  const covered = !!(a.dpia?.done_on && a.dpia.dpo_consulted) || (!!ta.motivation && ta.dpo_commented);
  return (
    <>
      <StateBadge kind="ok" text={t('threshold_done', { date: ta.done_on })} />{' '}
      <span class="muted">{n === 1 ? t('criteria_one') : t('criteria_count', { n })}</span>
      {needed && (
        <>
          {' '}
          <StateBadge kind={covered ? 'ok' : 'warn'} text={t('dpia_needed')} />
        </>
      )}
    </>
  );
}

/** Files for the supervisory authority or an auditor: the committee's records and findings as PDF, Excel, CSV. */
function ExportLinks({ committee }: { committee: string }) {
  const scope = { committee };
  const links: [Key, 'ropa' | 'processor-record' | 'findings', ('pdf' | 'xlsx' | 'csv')[]][] = [
    ['export_ropa', 'ropa', ['pdf', 'xlsx', 'csv']],
    ['export_processor', 'processor-record', ['pdf', 'xlsx', 'csv']],
    ['export_findings', 'findings', ['pdf', 'xlsx']],
  ];
  return (
    <div class="exports">
      <p class="muted small">{t('export_intro')}</p>
      <ul class="plain">
        {links.map(([key, what, formats]) => (
          <li key={what}>
            {t(key)}:{' '}
            {formats.map((f, i) => (
              <span key={f}>
                {i > 0 && ' · '}
                <a href={exportHref(what, f, scope, lang())} download>
                  {t(`format_${f}` as Key)}
                  <span class="sr-only"> {t(key)}</span>
                </a>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CommitteePage({ id }: { id: string }) {
  useLang();
  // One read for the page (GET /api/v1/pages/committees/{id}); the sections are cut from it.
  const page = useAsync(
    () =>
      api.committeePage(id, lang()).then((p) => {
        primeNames(p.names);
        for (const s of p.systems?.items ?? []) primeName('systems', s.id, s.name);
        for (const f of p.findings?.findings ?? []) if (f.subject.name) primeName(COLLECTION_OF_TYPE[f.subject.type] ?? 'systems', f.subject.id, f.subject.name);
        return p;
      }),
    [id, lang()],
  );
  const [flash] = useState(takeFlash());
  if (page.error && !page.data) return <ErrorBox error={page.error} retry={page.reload} />;
  if (!page.data) return <Skeleton height="100vh" />;
  const p = page.data;
  const part = <T,>(data: T | null) => ({ data: data ?? undefined, error: data === null ? new ApiError(0, { status: 0, detail: t('error_loading') }) : undefined, loading: false, reload: page.reload });
  const delegations = part(p.delegations?.items ?? null);
  const acts = part(p.activities?.items ?? null);
  const procs = part(p.processor_records?.items ?? null);
  const admins = part(p.administrations?.items ?? null);
  const findings = part(p.findings);
  const all = findings;
  const rules = { data: new Map(p.rules.map((r) => [r.id, r as Rule])) };
  const c = { data: { value: p.committee } };
  const x = c.data.value;
  const mayEdit = p.may?.edit ?? { allowed: true, reason: '' };
  return (
    <>
      <PageTitle
        actions={
          <>
            {mayEdit.allowed && <EditButton c="committees" id={id} />}
            <a class="button secondary" href={`/committees/${encodeURIComponent(id)}/delegated-decisions`} data-testid="delegated-link">
              {t('delegated_link')}
            </a>
            <button type="button" class="secondary" onClick={() => window.print()}>
              {t('print')}
            </button>
          </>
        }
      >
        {x.name}
      </PageTitle>
      <Flash text={flash} />
      <Dl
        rows={[
          [t('kind'), label(x.kind)],
          [t('organizations'), <Ref c="organizations" id={x.organization} />],
          [t('administrations'), <Show a={admins}>{(items) => <RefList c="administrations" ids={items.map((a) => a.id)} />}</Show>],
          [
            t('findings'),
            <Show a={all}>
              {(p) => (
                <a href={`/findings?committee=${encodeURIComponent(id)}`}>
                  <SeverityBadge s="error" count={p.summary.error} /> <SeverityBadge s="warning" count={p.summary.warning} />{' '}
                  <SeverityBadge s="info" count={p.summary.info} />
                </a>
              )}
            </Show>,
          ],
        ]}
      />
      <Section title={t('ropa')} id="ropa">
        <p class="muted">{t('record_for_authority')}</p>
        <ExportLinks committee={id} />
        <NewButton c="processing_activities" query={`controller=${encodeURIComponent(id)}`} />
        <Show a={acts}>{(items) => <RopaTable items={items.filter((a) => a.controller === id)} />}</Show>
      </Section>
      <Section title={t('delegations')}>
        <NewButton c="delegations" query={`committee=${encodeURIComponent(id)}`} />
        <Show a={delegations}>
          {(items) => (
            <Table
              caption={t('delegations')}
              head={[t('matter'), t('delegate_title'), t('decision'), t('valid_from'), t('valid_to'), '']}
              rows={items.map((d) => [label(d.matter), label(d.delegate_title ?? null), d.decision ?? t('dash'), d.valid_from ?? t('dash'), d.valid_to ?? t('dash'), <a href={`/edit/delegations/${encodeURIComponent(d.id)}`}>{t('edit')}<span class="sr-only"> {label(d.matter)}</span></a>])}
            />
          )}
        </Show>
      </Section>
      <Section title={t('processor_records')}>
        <Show a={procs}>
          {(items) => (
            <Table
              caption={t('processor_records')}
              head={[t('system'), t('subject'), t('committees')]}
              rows={items.map((p) => [<Ref c="systems" id={p.system} />, <a href={`/edit/processor_records/${encodeURIComponent(p.id)}`}>{p.subject ?? p.id}</a>, <RefList c="committees" ids={p.committees} />])}
            />
          )}
        </Show>
      </Section>
      <Section title={t('findings')}>
        <Show a={findings}>{(p) => <FindingsList findings={p.findings} rules={rules.data} withSubject />}</Show>
      </Section>
      <Section title={t('history')}>
        <History type="committee" id={id} entries={p.history?.entries ?? []} />
      </Section>
    </>
  );
}

export function AdministrationPage({ id }: { id: string }) {
  useLang();
  const a = useAsync(() => api.get('administrations', id), [id]);
  const people = useAsync(() => api.list('people', { administration: id, limit: 200 }), [id]);
  const systems = useAsync(() => api.list('systems', { administration: id, limit: 50 }), [id]);
  const all = useAsync(() => api.findings({ administration: id, limit: 0 }), [id]);
  const [flash] = useState(takeFlash());
  if (a.error) return <ErrorBox error={a.error} retry={a.reload} />;
  if (!a.data) return <p role="status">{t('loading')}</p>;
  const x = a.data.value;
  return (
    <>
      <PageTitle actions={<EditButton c="administrations" id={id} />}>{x.name}</PageTitle>
      <Flash text={flash} />
      <Dl
        rows={[
          [t('organizations'), <Ref c="organizations" id={x.organization} />],
          [t('committees'), <RefList c="committees" ids={x.committees} />],
          [t('employing_committee'), <Ref c="committees" id={x.employing_committee ?? x.committees?.[0]} />],
          [t('units'), (x.units ?? []).map((u) => `${u.name} (${label(u.kind)})`).join(', ') || t('dash')],
          [
            t('findings'),
            <Show a={all}>
              {(p) => (
                <a href={`/findings?administration=${encodeURIComponent(id)}`}>
                  <SeverityBadge s="error" count={p.summary.error} /> <SeverityBadge s="warning" count={p.summary.warning} />{' '}
                  <SeverityBadge s="info" count={p.summary.info} />
                </a>
              )}
            </Show>,
          ],
        ]}
      />
      <div class="grid-2">
        <Section title={t('nav_register')}>
          <Show a={systems}>
            {(p) => (
              <>
                <ul class="plain">
                  {p.items.map((s) => (
                    <li key={s.id}>
                      <a href={hrefOf('systems', s.id)}>{s.name}</a> <span class="muted">({label(s.category)})</span>
                    </li>
                  ))}
                </ul>
                <a href={`/systems?administration=${encodeURIComponent(id)}`}>{t('register_count', { total: fmtNumber(p.total) })}</a>
              </>
            )}
          </Show>
        </Section>
        <Section title={t('people_here')}>
          <Show a={people}>
            {(p) => (
              <ul class="plain">
                {p.items.map((s) => (
                  <li key={s.id}>
                    <a href={hrefOf('people', s.id)}>{s.name}</a> {s.title && <span class="muted">({label(s.title)})</span>}
                  </li>
                ))}
              </ul>
            )}
          </Show>
        </Section>
      </div>
      <Section title={t('history')}>
        <History type="administration" id={id} />
      </Section>
    </>
  );
}

// ---------------- processing activities ----------------
export function ActivitiesPage({ query }: { query: URLSearchParams }) {
  useLang();
  const committee = query.get('committee') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [committees, setCommittees] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    smallOptions('committees').then(setCommittees, () => setCommittees([]));
  }, []);
  const a = useAsync(() => api.list('processing_activities', { committee, limit: 100, offset }), [committee, offset]);
  return (
    <>
      <PageTitle actions={<NewButton c="processing_activities" />}>{t('activities_title')}</PageTitle>
      <div class="filters">
        <div class="field">
          <label for="act-committee">{t('committee')}</label>
          <select id="act-committee" value={committee} onChange={(e) => setQuery({ committee: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('all')}</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Show a={a}>
        {(p) => (
          <>
            <Table
              caption={t('activities_title')}
              head={[t('name'), t('controller'), t('process_code'), t('legal_basis'), t('threshold')]}
              rows={p.items.map((x) => [
                <a href={hrefOf('processing_activities', x.id)}>{x.name}</a>,
                <Ref c="committees" id={x.controller} />,
                x.process_code ?? t('dash'),
                label(x.legal_basis ?? null),
                <ThresholdBadge a={x} />,
              ])}
            />
            <Pager total={p.total} limit={100} offset={offset} onPage={(o) => setQuery({ committee, offset: o })} />
          </>
        )}
      </Show>
    </>
  );
}

export function ActivityPage({ id }: { id: string }) {
  useLang();
  const a = useAsync(() => api.get('processing_activities', id), [id]);
  const findings = useAsync(() => api.findings({ subject_type: 'processing_activity', subject: id, lang: lang() }), [id, lang()]);
  const rules = useAsync(() => rulesById(), []);
  const [flash] = useState(takeFlash());
  if (a.error) return <ErrorBox error={a.error} retry={a.reload} />;
  if (!a.data) return <p role="status">{t('loading')}</p>;
  const x = a.data.value;
  const ta = x.threshold_analysis;
  const list = (v?: string[]) => (v && v.length ? v.join('; ') : <StateBadge kind="bad" text={t('missing')} />);
  return (
    <>
      <PageTitle actions={<EditButton c="processing_activities" id={id} />}>{x.name}</PageTitle>
      <Flash text={flash} />
      <div class="grid-2">
        <Section title={t('ropa')}>
          <Dl
            rows={[
              [t('controller'), <Ref c="committees" id={x.controller} />],
              [t('process_code'), x.process_code ?? t('dash')],
              [lang() === 'en' ? 'Purposes' : 'Ändamål', list(x.purposes)],
              [t('legal_basis'), label(x.legal_basis ?? null)],
              [t('system'), <RefList c="systems" ids={x.systems} />],
              [lang() === 'en' ? 'Data subjects' : 'Registrerade', list(x.data_subjects)],
              [lang() === 'en' ? 'Personal data' : 'Personuppgifter', list(x.data_categories)],
              [lang() === 'en' ? 'Recipients' : 'Mottagare', list(x.recipients)],
              [lang() === 'en' ? 'Third-country transfers' : 'Tredjelandsöverföring', (x.transfers ?? []).join('; ') || t('none')],
              [lang() === 'en' ? 'Retention' : 'Gallring', x.retention ?? t('missing')],
              [lang() === 'en' ? 'Security measures' : 'Säkerhetsåtgärder', x.security_measures ?? t('missing')],
              [t('joint_controllers'), <RefList c="committees" ids={x.joint_controllers} />],
              [t('internal_processor'), <Ref c="committees" id={x.processor_committee} />],
              [lang() === 'en' ? 'Started' : 'Startade', x.start_date ?? t('dash')],
            ]}
          />
        </Section>
        <div>
          <Section title={t('threshold')}>
            {!ta ? (
              <StateBadge kind="bad" text={t('threshold_missing')} />
            ) : (
              <>
                <p>
                  <ThresholdBadge a={x} />
                </p>
                <h3>{t('criteria')}</h3>
                {(ta.criteria ?? []).length === 0 ? <p>{t('none')}</p> : <ul>{ta.criteria!.map((c) => <li key={c}>{label(c)}</li>)}</ul>}
                <Dl
                  rows={[
                    [lang() === 'en' ? 'Motivation' : 'Motivering', ta.motivation ?? t('dash')],
                    [lang() === 'en' ? 'DPO commented' : 'DSO har yttrat sig', yesNo(ta.dpo_commented)],
                    [t('dpia'), x.dpia?.done_on ? `${x.dpia.done_on} · ${lang() === 'en' ? 'DPO consulted' : 'DSO rådfrågat'}: ${yesNo(x.dpia.dpo_consulted)}` : t('missing')],
                  ]}
                />
              </>
            )}
          </Section>
          <Section title={t('findings')}>
            <Show a={findings}>{(p) => <FindingsList findings={p.findings} rules={rules.data} />}</Show>
          </Section>
        </div>
      </div>
      <DpiaSection
        activity={x}
        onChanged={() => {
          a.reload();
          findings.reload();
        }}
      />
      <Section title={t('history')}>
        <History type="processing_activity" id={id} />
      </Section>
    </>
  );
}

// ---------------- breaches ----------------
export function IncidentsPage() {
  useLang();
  const a = useAsync(() => Promise.all([listAll('incidents'), rulebook()]), []);
  const [flash] = useState(takeFlash());
  // Issue 15: the register is the DPO's and the data protection contacts'; others report and follow their own.
  if (a.error?.forbidden)
    return (
      <>
        <PageTitle>{t('incidents_title')}</PageTitle>
        <RegisterClosed />
      </>
    );
  return (
    <>
      <PageTitle actions={<NewButton c="incidents" text={t('new_incident')} query={`aware_at=${encodeURIComponent(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'))}`} />}>
        {t('incidents_title')}
      </PageTitle>
      <Flash text={flash} />
      {a.data && <BreachTasks />}
      <Show a={a}>
        {([items, rb]) => (
          <Table
            caption={t('incidents_title')}
            head={[t('id'), t('system'), t('aware_at'), t('assessment'), t('countdown'), t('handler')]}
            rows={[...items]
              .sort((x, y) => y.aware_at.localeCompare(x.aware_at))
              .map((x) => [
                <a href={hrefOf('incidents', x.id)}>{x.id}</a>,
                <Ref c="systems" id={x.system} />,
                fmtDate(x.aware_at),
                label(x.assessment ?? 'not_assessed'),
                <Countdown i={x} hours={rb.authority_notice_hours} />,
                <Ref c="committees" id={x.handler} />,
              ])}
          />
        )}
      </Show>
      {a.data && <BreachStatistics />}
    </>
  );
}

export function IncidentPage({ id }: { id: string }) {
  useLang();
  const a = useAsync(() => api.get('incidents', id), [id]);
  const rb = useAsync(() => rulebook(), []);
  const sys = a.data?.value.system;
  const resp = useAsync(() => (sys ? api.responsibilities(sys) : Promise.resolve(null)), [sys]);
  const findings = useAsync(() => api.findings({ subject_type: 'incident', subject: id, lang: lang() }), [id, lang()]);
  const rules = useAsync(() => rulesById(), []);
  const [flash] = useState(takeFlash());
  if (a.error) return <ErrorBox error={a.error} retry={a.reload} />;
  if (!a.data) return <p role="status">{t('loading')}</p>;
  const x = a.data.value;
  const en = lang() === 'en';
  return (
    <>
      <PageTitle actions={<EditButton c="incidents" id={id} />}>
        {t('incidents_title')}: {x.id}
      </PageTitle>
      <Flash text={flash} />
      <Section title={t('countdown')}>
        <p class="countdown-big">
          {rb.data ? <Countdown i={x} hours={rb.data.authority_notice_hours} /> : t('loading')}
        </p>
      </Section>
      <div class="grid-2">
        <Section title={t('facts')}>
          <Dl
            rows={[
              [t('system'), <Ref c="systems" id={x.system} />],
              [t('aware_at'), fmtDate(x.aware_at)],
              [t('assessment'), label(x.assessment ?? 'not_assessed')],
              [t('controllers'), <RefList c="committees" ids={x.controllers} />],
              [en ? 'Notified to IMY' : 'Anmäld till IMY', fmtDate(x.notified_authority_at)],
              [en ? 'Reason for delay' : 'Skäl till försening', x.delay_reason ?? t('dash')],
              [en ? 'DPO informed' : 'Dataskyddsombudet informerat', yesNo(x.dpo_informed)],
              [en ? 'Data subjects informed' : 'Registrerade informerade', fmtDate(x.subjects_informed_at)],
            ]}
          />
        </Section>
        <Section title={t('handler')}>
          <div data-testid="handler">
            <Dl
              rows={[
                [en ? 'Recorded handler' : 'Angiven hanterare', <Ref c="committees" id={x.handler} />],
                [
                  t('incident_handler') + ' (R-INC-HANDLER)',
                  resp.data ? (
                    <>
                      <Ref c="committees" id={resp.data.incident_handler} />
                      <p class="muted small">{en ? resp.data.incident?.explanation_en : resp.data.incident?.explanation_sv}</p>
                    </>
                  ) : resp.error ? (
                    <ErrorBox error={resp.error} />
                  ) : sys ? (
                    t('loading')
                  ) : (
                    t('dash')
                  ),
                ],
              ]}
            />
          </div>
        </Section>
      </div>
      <NotificationPanel id={id} />
      <Section title={t('findings')}>
        <Show a={findings}>{(p) => <FindingsList findings={p.findings} rules={rules.data} />}</Show>
      </Section>
      <Section title={t('history')}>
        <History type="incident" id={id} />
      </Section>
    </>
  );
}

// ---------------- data subject requests ----------------
function addMonths(date: string, months: number): Date {
  const d = new Date(date + 'T00:00:00Z');
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
/** The deadline of a request: the rulebook's months from receipt, its extension months more when extended (R-DSAR-DEADLINE). */
export function requestDeadline(r: DataSubjectRequest, rb: Rulebook): string {
  return addMonths(r.received_on, rb.dsar_months + (r.extended_reason ? rb.dsar_extension_months : 0)).toISOString().slice(0, 10);
}
function RequestState({ r, rb }: { r: DataSubjectRequest; rb: Rulebook }) {
  const deadline = requestDeadline(r, rb);
  if (r.decided_on) {
    const late = r.decided_on > deadline;
    return <StateBadge kind={late ? 'warn' : 'ok'} text={t('decided', { date: r.decided_on }) + (late ? ` – ${t('state_overdue').toLowerCase()}` : '')} />;
  }
  const days = Math.round((Date.parse(deadline + 'T00:00:00Z') - Date.parse(today() + 'T00:00:00Z')) / 86400_000);
  if (days < 0) return <StateBadge kind="bad" text={t('days_over', { n: -days })} />;
  return <StateBadge kind={days <= 7 ? 'warn' : 'neutral'} text={t('days_left', { n: days })} />;
}

export function RequestsPage() {
  useLang();
  const a = useAsync(() => Promise.all([listAll('data_subject_requests'), rulebook()]), []);
  const [flash] = useState(takeFlash());
  return (
    <>
      <PageTitle actions={<NewButton c="data_subject_requests" query={`received_on=${today()}`} />}>{t('requests_title')}</PageTitle>
      <Flash text={flash} />
      <Show a={a}>
        {([items, rb]) => (
          <Table
            caption={t('requests_title')}
            head={[t('id'), t('kind'), t('received_on'), t('request_deadline'), t('status'), t('outcome'), t('controllers')]}
            rows={[...items]
              .sort((x, y) => y.received_on.localeCompare(x.received_on))
              .map((r) => [
                <a href={hrefOf('data_subject_requests', r.id)}>{r.id}</a>,
                label(r.kind),
                r.received_on,
                requestDeadline(r, rb),
                <RequestState r={r} rb={rb} />,
                label(r.outcome ?? null),
                <RefList c="committees" ids={r.controllers} />,
              ])}
          />
        )}
      </Show>
    </>
  );
}

export function RequestPage({ id }: { id: string }) {
  useLang();
  const a = useAsync(() => api.get('data_subject_requests', id), [id]);
  const rbA = useAsync(() => rulebook(), []);
  const findings = useAsync(() => api.findings({ subject_type: 'data_subject_request', subject: id, lang: lang() }), [id, lang()]);
  const rules = useAsync(() => rulesById(), []);
  const [flash] = useState(takeFlash());
  if (a.error) return <ErrorBox error={a.error} retry={a.reload} />;
  if (!a.data || !rbA.data) return <p role="status">{t('loading')}</p>;
  const r = a.data.value;
  const rb = rbA.data;
  const en = lang() === 'en';
  return (
    <>
      <PageTitle actions={<EditButton c="data_subject_requests" id={id} />}>
        {t('requests_title')}: {r.id}
      </PageTitle>
      <Flash text={flash} />
      <Dl
        rows={[
          [t('kind'), label(r.kind)],
          [t('received_on'), r.received_on],
          [t('request_deadline'), requestDeadline(r, rb)],
          [t('status'), <RequestState r={r} rb={rb} />],
          [t('controllers'), <RefList c="committees" ids={r.controllers} />],
          [en ? 'Reason for extension' : 'Skäl till förlängning', r.extended_reason ?? t('dash')],
          [t('outcome'), label(r.outcome ?? null)],
          [en ? 'Appeal notice given' : 'Överklagandehänvisning', yesNo(r.appeal_notice)],
        ]}
      />
      <Section title={t('findings')}>
        <Show a={findings}>{(p) => <FindingsList findings={p.findings} rules={rules.data} />}</Show>
      </Section>
      <Section title={t('history')}>
        <History type="data_subject_request" id={id} />
      </Section>
    </>
  );
}

// ---------------- people ----------------
export function PeoplePage({ query }: { query: URLSearchParams }) {
  useLang();
  const q = query.get('q') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [text, setText] = useState(q);
  useEffect(() => {
    if (text === q) return;
    const timer = setTimeout(() => setQuery({ q: text }), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const a = useAsync(() => api.list('people', { q, limit: 50, offset }), [q, offset]);
  return (
    <>
      <PageTitle actions={<NewButton c="people" />}>{t('people_title')}</PageTitle>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field grow">
          <label for="people-q">{t('search')}</label>
          <input id="people-q" type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </div>
      </form>
      <Show a={a}>
        {(p) => (
          <>
            <Table
              caption={t('people_title')}
              head={[t('name'), t('title'), t('administration'), t('email')]}
              rows={p.items.map((x) => [<a href={hrefOf('people', x.id)}>{x.name}</a>, label(x.title ?? null), <Ref c="administrations" id={x.administration} />, x.email ?? t('dash')])}
            />
            <Pager total={p.total} limit={50} offset={offset} onPage={(o) => setQuery({ q, offset: o })} />
          </>
        )}
      </Show>
    </>
  );
}

export function PersonPage({ id }: { id: string }) {
  useLang();
  const p = useAsync(() => api.get('people', id), [id]);
  // What the person holds: the systems in which they have a role (the register's person filter), one read.
  const holds = useAsync(async () => {
    const systems = await listAll('systems', { person: id });
    const out: { system: string; name: string; role: string }[] = [];
    for (const s of systems) for (const r of s.roles ?? []) if (r.person === id) out.push({ system: s.id, name: s.name, role: r.role });
    return out;
  }, [id]);
  const due = useAsync(() => api.due({ from: today(-30), to: today(90), person: id, lang: lang() }), [id, lang()]);
  // The unit is named by its administration (units are kept there): its name, not its key.
  const adm = p.data?.value.administration;
  const units = useAsync(() => (adm ? api.get('administrations', adm).then((a) => a.value.units ?? []) : Promise.resolve([])), [adm]);
  const [flash] = useState(takeFlash());
  if (p.error) return <ErrorBox error={p.error} retry={p.reload} />;
  if (!p.data) return <p role="status">{t('loading')}</p>;
  const x = p.data.value;
  const unit = x.unit ? units.data?.find((u) => u.id === x.unit) : undefined;
  return (
    <>
      <PageTitle actions={<EditButton c="people" id={id} />}>{x.name}</PageTitle>
      <Flash text={flash} />
      <Dl
        rows={[
          [t('title'), label(x.title ?? null)],
          [t('administration'), <Ref c="administrations" id={x.administration} />],
          [lang() === 'en' ? 'Unit' : 'Enhet', x.unit ? (unit ? `${unit.name} (${label(unit.kind)})` : units.data ? x.unit : '') : t('dash')],
          [t('email'), x.email ? <a href={`mailto:${x.email}`}>{x.email}</a> : t('dash')],
        ]}
      />
      <Section title={t('holds')}>
        <Show a={holds}>
          {(rows) =>
            rows === null ? (
              <p class="notice">{t('not_available')}</p>
            ) : rows.length === 0 ? (
              <p>{t('no_roles')}</p>
            ) : (
              <Table caption={t('holds')} head={[t('system'), t('role')]} rows={rows.map((r) => [<a href={hrefOf('systems', r.system)}>{r.name}</a>, label(r.role)])} />
            )
          }
        </Show>
      </Section>
      <Section title={t('due_for_person')}>
        <Show a={due}>{(r) => <DueTable items={r.items} />}</Show>
      </Section>
      <Section title={t('history')}>
        <History type="person" id={id} />
      </Section>
    </>
  );
}

// ---------------- rules and findings ----------------
export function RulesPage() {
  useLang();
  const a = useAsync(() => api.rules(), []);
  const en = lang() === 'en';
  useEffect(() => {
    if (a.data && location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [a.data]);
  return (
    <>
      <PageTitle>{t('rules_title')}</PageTitle>
      <Show a={a}>
        {(r) => (
          <div class="rules">
            {r.rules.map((rule) => (
              <article key={rule.id} id={rule.id} class="card rule" aria-labelledby={`${rule.id}-h`}>
                <h2 id={`${rule.id}-h`}>
                  <code>{rule.id}</code> {en ? rule.title_en : rule.title_sv}
                </h2>
                <p>
                  <SeverityBadge s={rule.severity} /> · {t('source')}: {rule.source}
                </p>
                <p>{en ? rule.text_en : rule.text_sv}</p>
                <a href={`/findings?rule=${encodeURIComponent(rule.id)}`}>{t('findings')}</a>
              </article>
            ))}
          </div>
        )}
      </Show>
    </>
  );
}

/** Themes: rules that belong together, found by their ids in the catalogue the server serves (never a list kept here
 * of what each rule checks). Everything about DPAs: R-DOC-MANDATORY, R-DPA-*, R-COOP-*-DPA. */
const THEMES: [string, Key, RegExp][] = [
  ['dpa', 'theme_dpa', /^R-(DOC-MANDATORY|DPA-.*|COOP-.*DPA|DELEG-.*)$/],
  ['roles', 'theme_roles', /^R-(ROLE|SCOPE)-/],
  ['records', 'theme_records', /^R-(ROPA|DPIA|GDPR|TRANSFER|COOP-ART26)/],
  ['incidents', 'theme_incidents', /^R-INC-/],
  ['requests', 'theme_requests', /^R-DSAR-/],
  ['governance', 'theme_governance', /^R-(PLAN|REPORT|FORUM|CONTRACT|DIARIUM|MSG)-?/],
  ['security', 'theme_security', /^R-(CLASSIFICATION|FLOW|ACCESS|LOG|LIS)-?/],
];

export function FindingsPage({ query }: { query: URLSearchParams }) {
  useLang();
  const f = {
    theme: query.get('theme') ?? '',
    severity: query.get('severity') ?? '',
    rule: query.get('rule') ?? '',
    subject_type: query.get('subject_type') ?? '',
    administration: query.get('administration') ?? '',
    committee: query.get('committee') ?? '',
    system: query.get('system') ?? '',
    person: query.get('person') ?? '',
    offset: Number(query.get('offset') ?? 0) || 0,
  };
  const rules = useAsync(() => rulesById(), []);
  const [committees, setCommittees] = useState<{ id: string; name: string }[]>([]);
  const [administrations, setAdministrations] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    smallOptions('committees').then(setCommittees, () => setCommittees([]));
    smallOptions('administrations').then(setAdministrations, () => setAdministrations([]));
  }, []);
  const theme = THEMES.find(([k]) => k === f.theme);
  // One read: the findings with their subjects' names (GET /api/v1/pages/findings); a theme is its rules at once.
  const a = useAsync(async () => {
    const all = theme ? [...(await rulesById()).keys()].filter((id) => theme[2].test(id)) : [];
    const ruleList = f.rule ? f.rule : all.join(',');
    const p = await api.findingsPage({
      severity: f.severity,
      rules: ruleList,
      subject_type: f.system ? 'system' : f.subject_type,
      subject: f.system,
      administration: f.administration,
      committee: f.committee,
      person: f.person,
      lang: lang(),
      limit: 100,
      offset: f.offset,
    });
    for (const x of p.findings) if (x.subject.name) primeName(COLLECTION_OF_TYPE[x.subject.type] ?? 'systems', x.subject.id, x.subject.name);
    return p;
  }, [query.toString(), lang()]);
  const set = (k: string, v: string | number) => setQuery({ ...f, [k]: v, offset: k === 'offset' ? (v as number) : 0 });
  const en = lang() === 'en';
  const select = (id: string, key: string, labelText: string, options: [string, string][]) => (
    <div class="field">
      <label for={id}>{labelText}</label>
      <select id={id} value={(f as Record<string, string | number>)[key] as string} onChange={(e) => set(key, (e.target as HTMLSelectElement).value)}>
        <option value="">{t('all')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  const scope = { committee: f.committee || undefined, administration: f.administration || undefined };
  return (
    <>
      <PageTitle>{t('findings')}</PageTitle>
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        {select('fi-theme', 'theme', t('theme'), THEMES.map(([k, key]) => [k, t(key)]))}
        {select('fi-sev', 'severity', t('severity'), (['error', 'warning', 'info'] as Severity[]).map((s) => [s, t(`sev_${s}` as Key)]))}
        {select('fi-rule', 'rule', t('rule'), [...(rules.data?.values() ?? [])].filter((r) => !theme || theme[2].test(r.id)).map((r) => [r.id, `${r.id} – ${en ? r.title_en : r.title_sv}`]))}
        {select('fi-committee', 'committee', t('committee'), committees.map((c) => [c.id, c.name]))}
        {select('fi-administration', 'administration', t('administration'), administrations.map((c) => [c.id, c.name]))}
        {select('fi-type', 'subject_type', t('subject'), ['system', 'committee', 'processing_activity', 'incident', 'data_subject_request', 'organization', 'document'].map((s) => [s, label(s)]))}
        <div class="field">
          <label for="fi-system">{t('filter_system')}</label>
          <RefPicker lazy c="systems" id="fi-system" value={f.system || null} onChange={(v) => set('system', v ?? '')} labelText={t('filter_system')} />
        </div>
        <div class="field">
          <label for="fi-person">{t('filter_person')}</label>
          <RefPicker lazy c="people" id="fi-person" value={f.person || null} onChange={(v) => set('person', v ?? '')} labelText={t('filter_person')} />
        </div>
        {Object.entries(f).some(([k, v]) => k !== 'offset' && v) && (
          <p>
            <button type="button" class="secondary" onClick={() => setQuery({})}>
              {t('clear_filters')}
            </button>
          </p>
        )}
      </form>
      <p class="exports small" data-testid="findings-export">
        {t('findings_export')}:{' '}
        {(['pdf', 'xlsx', 'csv'] as const).map((fmt, i) => (
          <span key={fmt}>
            {i > 0 && ' · '}
            <a href={exportHref('findings', fmt, scope, lang())} download>
              {t(`format_${fmt}` as Key)}
            </a>
          </span>
        ))}
      </p>
      <Show a={a}>
        {(p) => (
          <>
            <p>
              <SeverityBadge s="error" count={p.summary.error} /> <SeverityBadge s="warning" count={p.summary.warning} /> <SeverityBadge s="info" count={p.summary.info} />
            </p>
            {p.findings.length === 0 ? (
              <p class="notice" role="status" data-testid="findings-empty">
                <span aria-hidden="true">ℹ </span>
                {t('findings_empty')}
              </p>
            ) : (
              <div class="table-wrap">
                <table data-testid="findings-table">
                  <caption class="sr-only">{t('findings')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('severity')}</th>
                      <th scope="col">{t('subject')}</th>
                      <th scope="col">{t('message')}</th>
                      <th scope="col">{t('rule')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.findings.map((x, i) => (
                      <tr key={i}>
                        <td>
                          <SeverityBadge s={x.severity} />
                        </td>
                        <td>
                          <SubjectRef type={x.subject.type} id={x.subject.id} name={x.subject.name} />
                        </td>
                        <td>{fmtText(x.message)}</td>
                        <td>
                          <a href={`/rules#${x.rule}`}>{x.rule}</a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager total={p.total} limit={100} offset={f.offset} onPage={(o) => set('offset', o)} />
          </>
        )}
      </Show>
    </>
  );
}

// ---------------- the remaining collections ----------------
const GENERIC_TITLE: Partial<Record<CollectionName, Key>> = {
  delegations: 'delegations',
  powers_of_attorney: 'powers',
  processor_records: 'processor_records',
};

export function GenericList({ c, query }: { c: CollectionName; query: URLSearchParams }) {
  useLang();
  const offset = Number(query.get('offset') ?? 0) || 0;
  const a = useAsync(() => api.list(c, { limit: 100, offset }), [c, offset]);
  const [flash] = useState(takeFlash());
  const title = GENERIC_TITLE[c] ? t(GENERIC_TITLE[c]!) : lang() === 'en' ? 'Agreements' : 'Avtal';
  const cols: Record<string, [string[], (x: any) => preact.ComponentChildren[]]> = {
    delegations: [
      [t('committee'), t('matter'), t('delegate_title'), t('decision'), t('valid_from'), t('valid_to')],
      (x) => [<a href={`${ROUTE_OF[c]}/${encodeURIComponent(x.id)}`}><Ref c="committees" id={x.committee} /></a>, label(x.matter), label(x.delegate_title), x.decision ?? t('dash'), x.valid_from ?? t('dash'), x.valid_to ?? t('dash')],
    ],
    powers_of_attorney: [
      [t('id'), t('committee'), lang() === 'en' ? 'Holder' : 'Innehavare', t('system'), lang() === 'en' ? 'Issued' : 'Utfärdad'],
      (x) => [<a href={`${ROUTE_OF[c]}/${encodeURIComponent(x.id)}`}>{x.id}</a>, <Ref c="committees" id={x.committee} />, <Ref c="people" id={x.holder} />, <Ref c="systems" id={x.system} />, x.issued_on ?? t('dash')],
    ],
    processor_records: [
      [t('subject'), t('committee'), t('system'), t('committees')],
      (x) => [<a href={`${ROUTE_OF[c]}/${encodeURIComponent(x.id)}`}>{x.subject ?? x.id}</a>, <Ref c="committees" id={x.committee} />, <Ref c="systems" id={x.system} />, <RefList c="committees" ids={x.committees} />],
    ],
    agreements: [
      [t('id'), t('kind'), t('system'), lang() === 'en' ? 'Parties' : 'Parter', lang() === 'en' ? 'Signed' : 'Undertecknat'],
      (x) => [<a href={`${ROUTE_OF[c]}/${encodeURIComponent(x.id)}`}>{x.id}</a>, label(x.kind), <RefList c="systems" ids={x.systems} />, <RefList c="organizations" ids={x.parties} />, x.signed_on ?? t('dash')],
    ],
  };
  const [head, row] = cols[c];
  return (
    <>
      <PageTitle actions={<NewButton c={c} />}>{title}</PageTitle>
      <Flash text={flash} />
      <Show a={a}>
        {(p) => (
          <>
            <Table caption={title} head={head} rows={p.items.map(row)} />
            <Pager total={p.total} limit={100} offset={offset} onPage={(o) => setQuery({ offset: o })} />
          </>
        )}
      </Show>
    </>
  );
}
