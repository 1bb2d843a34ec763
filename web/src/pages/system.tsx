// One system: its facts, roles and documents against what its category requires, GDPR responsibilities and why,
// its findings linked to the rule texts, and its history from the audit trail.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import {
  type Async,
  Dl,
  ErrorBox,
  primeNames,
  Skeleton,
  Flash,
  PageTitle,
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
} from '../components';
import { RefPicker } from '../forms/fields';
import { fmtDate, fmtText, label, lang, t, useLang, type Key } from '../i18n';
import { markReady } from '../perf';
import { ClassificationSection } from './classification';
import type { AuditEntry, Finding, Responsibilities, Rule, System } from '../types';
import { whyNot } from '../session';

let rulesCache: Promise<Rule[]> | null = null;
export function rulesById(): Promise<Map<string, Rule>> {
  if (!rulesCache) rulesCache = api.rules().then((r) => r.rules);
  rulesCache.catch(() => (rulesCache = null));
  return rulesCache.then((rs) => new Map(rs.map((r) => [r.id, r])));
}

export function FindingsList({ findings, rules, withSubject }: { findings: Finding[]; rules: Map<string, Rule> | undefined; withSubject?: boolean }) {
  if (findings.length === 0)
    return (
      <p>
        <StateBadge kind="ok" text={t('no_findings')} />
      </p>
    );
  const en = lang() === 'en';
  return (
    <ul class="findings" data-testid="findings">
      {findings.map((f, i) => {
        const r = rules?.get(f.rule);
        return (
          <li key={i} class={`finding sev-border-${f.severity}`}>
            <SeverityBadge s={f.severity} /> <span class="finding-msg">{fmtText(f.message)}</span>
            <div class="muted small">
              {withSubject && (
                <>
                  <SubjectRef type={f.subject.type} id={f.subject.id} name={f.subject.name} /> ·{' '}
                </>
              )}
              {t('rule')}:{' '}
              <a href={`/rules#${f.rule}`}>
                {f.rule}
                {r && <> – {en ? r.title_en : r.title_sv}</>}
              </a>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** The fields an audit entry changed, by name. */
export function changedFields(e: AuditEntry): string[] {
  const b = (e.before ?? {}) as Record<string, unknown>;
  const a = (e.after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

/** What an entry did, read from before/after (the stored action word is not relied on). */
export function actionOf(e: AuditEntry): 'create' | 'update' | 'delete' {
  if (e.before === null || e.before === undefined) return 'create';
  if (e.after === null || e.after === undefined) return 'delete';
  return 'update';
}

/** Who made a change: the account's name, its user name beside it, linked to everything that account changed. */
export function Who({ actor }: { actor: { id: string; name: string } | undefined | null }) {
  if (!actor || (!actor.id && !actor.name)) return <>{t('dash')}</>;
  const name = actor.name || actor.id;
  return (
    <>
      <a href={`/audit?actor=${encodeURIComponent(actor.id)}`} class="who">
        {name}
      </a>
      {actor.id && actor.id !== name && <span class="muted small"> ({actor.id})</span>}
    </>
  );
}

export function History({ type, id, entries }: { type: string; id: string; entries?: AuditEntry[] }) {
  // A page that read its history along with the rest (GET /api/v1/pages/…) hands it over: no request of its own.
  const a = useAsync(() => (entries ? Promise.resolve({ entries }) : api.audit({ entity_type: type, entity_id: id, limit: 50 })), [type, id, entries]);
  return (
    <Show a={a}>
      {(r) =>
        r.entries.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="sr-only">{t('history_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('who')}</th>
                  <th scope="col">{t('what')}</th>
                  <th scope="col">{t('changed_fields')}</th>
                </tr>
              </thead>
              <tbody>
                {[...r.entries].reverse().map((e) => (
                  <tr key={e.seq}>
                    <td>{fmtDate(e.at)}</td>
                    <td>
                      <Who actor={e.actor} />
                    </td>
                    <td>{t(`action_${actionOf(e)}` as Key)}</td>
                    <td>{actionOf(e) === 'update' ? changedFields(e).join(', ') : t('dash')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Show>
  );
}

/** A person as the responsibilities endpoint gives one: {id, name, title} (an id alone in older answers). */
function PersonOf({ p }: { p: { id: string; name: string; title?: string | null } | string | null | undefined }) {
  if (!p) return <>{t('dash')}</>;
  if (typeof p === 'string') return <Ref c="people" id={p} />;
  return (
    <>
      <a href={`/people/${encodeURIComponent(p.id)}`}>{p.name}</a>
      {p.title && <span class="muted"> ({label(p.title)})</span>}
    </>
  );
}

/** The items the responsibilities endpoint explains itself with: committee ids, people, delegations, powers. */
function Explain({ items }: { items: unknown[] | undefined }) {
  if (!items || items.length === 0) return <>{t('none')}</>;
  return (
    <ul class="plain">
      {items.map((x, i) => {
        if (typeof x === 'string') return <li key={i}><Ref c="committees" id={x} /></li>;
        const o = x as Record<string, any>;
        if (o.matter)
          return (
            <li key={i}>
              <Ref c="committees" id={o.committee} /> → {label(o.delegate_title ?? 'deputy_municipal_director')}: {label(o.matter)}
              {o.decision && <> ({o.decision})</>}
              {o.valid_from && <span class="muted"> {t('valid_from').toLowerCase()} {o.valid_from}</span>}
            </li>
          );
        if (o.holder || o.issued_by)
          return (
            <li key={i}>
              <a href={`/powers-of-attorney/${encodeURIComponent(o.id)}`}>{o.id}</a>: <Ref c="committees" id={o.committee} /> →{' '}
              <PersonOf p={o.holder} />
              {o.issued_by && (
                <span class="muted">
                  {' '}
                  ({t('issued_by')} <PersonOf p={o.issued_by} />
                  {o.issued_on && <>, {o.issued_on}</>})
                </span>
              )}
            </li>
          );
        if (o.id && o.name)
          return (
            <li key={i}>
              <a href={`/people/${encodeURIComponent(o.id)}`}>{o.name}</a>
              {o.title && <span class="muted"> ({label(o.title)})</span>}
            </li>
          );
        return <li key={i}>{JSON.stringify(o)}</li>;
      })}
    </ul>
  );
}

function People({ list }: { list: ({ id: string; name: string; title?: string | null } | string)[] }) {
  if (list.length === 0) return <>{t('dash')}</>;
  return (
    <>
      {list.map((p, i) =>
        typeof p === 'string' ? (
          <span key={p}>
            {i > 0 && ', '}
            <Ref c="committees" id={p} />
          </span>
        ) : (
          <span key={p.id}>
            {i > 0 && ', '}
            <a href={`/people/${encodeURIComponent(p.id)}`}>{p.name}</a>
            {p.title && <span class="muted"> ({label(p.title)})</span>}
          </span>
        ),
      )}
    </>
  );
}

function Appoint({ system, role, etag, onDone }: { system: System; role: string; etag: string; onDone: (msg: string) => void }) {
  const [person, setPerson] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `appoint-${role}`;
  async function submit(e: Event) {
    e.preventDefault();
    if (!person) {
      setError(`${t('person')}: ${t('required').toLowerCase()}`);
      return;
    }
    setBusy(true);
    try {
      const body = { ...system, roles: [...(system.roles ?? []), { role, person }] };
      await api.replace('systems', system.id, body, etag);
      const name = (await api.get('people', person)).value.name;
      onDone(t('appointed', { person: name, role: label(role) }));
    } catch (err) {
      setBusy(false);
      const e2 = err as ApiError;
      // The chosen person stays selected: nothing is lost, and a conflict says so.
      setError(e2.status === 412 ? t('conflict_title') + '. ' + t('retry') : e2.forbidden ? e2.message : e2.problem?.errors?.map((x) => x.message).join('; ') || e2.message);
    }
  }
  return (
    <form class="appoint" onSubmit={submit}>
      <div class={`field ${error ? 'has-error' : ''}`}>
        <label for={id}>
          {t('person')} – {label(role)}
        </label>
        <RefPicker c="people" id={id} value={person} onChange={setPerson} labelText={`${t('person')} – ${label(role)}`} describedBy={error ? `${id}-err` : undefined} invalid={!!error} />
        {error && (
          <p class="field-error" id={`${id}-err`} role="alert">
            <span aria-hidden="true">✖ </span>
            {error}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('saving') : t('appoint_role', { role: label(role) })}
      </button>
    </form>
  );
}

function Roles({ sys, etag, resp, onChanged, mayEdit }: { sys: System; etag: string; resp: Responsibilities; onChanged: (msg: string) => void; mayEdit: boolean }) {
  const [open, setOpen] = useState<string | null>(null);
  const rows = [...resp.roles];
  for (const r of resp.mandatory_roles) if (!rows.some((x) => x.role === r)) rows.push({ role: r, mandatory: true, holders: [] });
  rows.sort((a, b) => Number(b.mandatory) - Number(a.mandatory));
  return (
    <div class="table-wrap">
      <table data-testid="roles">
        <caption>{t('roles_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('mandatory')}</th>
            <th scope="col">{t('holders')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const missing = r.mandatory && r.holders.length === 0;
            return (
              <tr key={r.role} class={missing ? 'row-missing' : ''}>
                <th scope="row">{label(r.role)}</th>
                <td>{r.mandatory ? t('mandatory') : t('optional')}</td>
                <td>
                  <People list={r.holders} />
                </td>
                <td>
                  {missing ? (
                    <>
                      <StateBadge kind="bad" text={t('missing')} />{' '}
                      {!mayEdit ? null : open === r.role ? (
                        <Appoint system={sys} role={r.role} etag={etag} onDone={(m) => { setOpen(null); onChanged(m); }} />
                      ) : (
                        <button type="button" class="small" onClick={() => setOpen(r.role)}>
                          {t('appoint_role', { role: label(r.role) })}
                        </button>
                      )}
                    </>
                  ) : r.holders.length > 0 ? (
                    <StateBadge kind="ok" text={t('present')} />
                  ) : (
                    t('dash')
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Documents({ sys, resp }: { sys: System; resp: Responsibilities }) {
  const rows = [...resp.documents];
  for (const k of resp.mandatory_documents) if (!rows.some((x) => x.kind === k)) rows.push({ kind: k, mandatory: true, present: [] });
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('documents_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('document')}</th>
            <th scope="col">{t('mandatory')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('what')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const docs = (sys.documents ?? []).filter((x) => x.kind === d.kind);
            const present = Array.isArray(d.present) ? d.present.length > 0 : !!d.present;
            return (
              <tr key={d.kind}>
                <th scope="row">{label(d.kind)}</th>
                <td>{d.mandatory ? t('mandatory') : t('optional')}</td>
                <td>{present ? <StateBadge kind="ok" text={t('present')} /> : <StateBadge kind={d.mandatory ? 'bad' : 'neutral'} text={t('missing')} />}</td>
                <td>
                  {docs
                    .map((x) =>
                      [x.diary_number, x.valid_to ? `→ ${x.valid_to}` : null, x.signed_on, x.year, x.approved_on, x.done_on].filter(Boolean).join(' · '),
                    )
                    .join('; ') || t('dash')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Gdpr({ resp }: { resp: Responsibilities }) {
  const en = lang() === 'en';
  const decided = resp.dpa_decided_by;
  return (
    <Dl
      rows={[
        [t('controllers'), <RefList c="committees" ids={resp.controllers} />],
        [t('joint_controllers'), Array.isArray(resp.joint_controllers) ? <RefList c="committees" ids={resp.joint_controllers} /> : yesNo(resp.joint_controllers)],
        [t('internal_processor'), <Ref c="committees" id={resp.internal_processor} />],
        [t('owner'), resp.owner ? <People list={[resp.owner]} /> : t('missing')],
        [t('owner_committee'), <Ref c="committees" id={resp.owner_committee} />],
        [
          t('dpa_decided_by'),
          decided ? 'title' in decided ? label(decided.title) : <RefList c="committees" ids={decided.committees} /> : t('none'),
        ],
        [t('dpa_why'), (en ? resp.dpa?.explanation_en : resp.dpa?.explanation_sv) || t('dash')],
        [t('delegation_chain'), <Explain items={resp.dpa?.delegations} />],
        [t('missing_delegations'), <Explain items={resp.dpa?.missing_delegations} />],
        [t('dpa_signers'), <Explain items={resp.dpa?.signers} />],
        [t('powers'), <Explain items={resp.dpa?.powers_of_attorney} />],
        [t('missing_powers'), <Explain items={resp.dpa?.missing_powers_of_attorney} />],
        [
          t('incident_handler'),
          <>
            <Ref c="committees" id={resp.incident_handler} />
            {(en ? resp.incident?.explanation_en : resp.incident?.explanation_sv) && (
              <p class="muted small">{en ? resp.incident?.explanation_en : resp.incident?.explanation_sv}</p>
            )}
          </>,
        ],
      ]}
    />
  );
}

export function SystemPage({ id }: { id: string }) {
  useLang();
  const [flash, setFlash] = useState(takeFlash());
  const [tick, setTick] = useState(0);
  // One read for the page: the system, its responsibilities, findings and history, the names it refers to, and
  // whether this account may change it (GET /api/v1/pages/systems/{id}).
  const page = useAsync(() => api.systemPage(id, lang()).then((p) => (primeNames(p.names), p)), [id, tick, lang()]);
  useEffect(() => {
    if (page.data) markReady('system');
  }, [page.data]);
  const changed = (msg: string) => {
    setFlash(msg);
    setTick((n) => n + 1);
  };
  if (page.error && !page.data) return <ErrorBox error={page.error} retry={page.reload} />;
  if (!page.data) return <Skeleton height="100vh" />;
  const p = page.data;
  const s = p.system;
  const etag = `"${p.version}"`;
  const rules = new Map(p.rules.map((r) => [r.id, r as Rule]));
  const summary = p.findings?.summary;
  const mayEdit = p.may?.edit ?? { allowed: true, reason: '' };
  const asAsync = <T,>(data: T | null): Async<T> => ({ data: data ?? undefined, error: data === null ? new ApiError(0, { status: 0, detail: t('error_loading') }) : undefined, loading: false, reload: page.reload });
  const sys = { data: { value: s, etag } };
  const resp = asAsync(p.responsibilities);
  const findings = asAsync(p.findings);
  return (
    <>
      <PageTitle
        actions={
          <>
            {mayEdit.allowed ? (
              <a class="button" href={`/edit/systems/${encodeURIComponent(id)}`}>
                {t('edit')}
              </a>
            ) : (
              <button type="button" disabled aria-describedby="why-not-edit">
                {t('edit')}
              </button>
            )}
            <a class="button secondary" href={`/systems/${encodeURIComponent(id)}/acts`} data-testid="acts-link">
              {t('acts_link')}
            </a>
            <button type="button" class="secondary" onClick={() => window.print()}>
              {t('print')}
            </button>
          </>
        }
      >
        {s.name}
      </PageTitle>
      <p class="tags">
        <span class="tag">{label(s.category)}</span> <span class="tag">{label(s.scope)}</span> <span class="tag">{label(s.lifecycle)}</span>{' '}
        {summary && (
          <>
            <SeverityBadge s="error" count={summary.error} /> <SeverityBadge s="warning" count={summary.warning} /> <SeverityBadge s="info" count={summary.info} />
          </>
        )}
      </p>
      <Flash text={flash} />
      {!mayEdit.allowed && (
        <p class="notice" id="why-not-edit" data-testid="why-not">
          <span aria-hidden="true">ℹ </span>
          {t('why_not_edit', { reason: whyNot(mayEdit.reason) })}
        </p>
      )}
      <nav class="toc" aria-label={t('what')}>
        <ul>
          {(
            [
              ['facts', t('facts')],
              ['roles', t('roles')],
              ['documents', t('documents')],
              ['gdpr', t('gdpr')],
              ['findings', t('system_findings')],
              ['history', t('history')],
            ] as const
          ).map(([a, l]) => (
            <li key={a}>
              <a href={`#${a}`} onClick={(e) => { e.preventDefault(); document.getElementById(a)?.scrollIntoView(); (document.querySelector(`#${a} h2`) as HTMLElement | null)?.focus?.(); }}>{l}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="grid-2">
        <Section title={t('facts')} id="facts">
          <Dl
            rows={[
              [t('id'), <code>{s.id}</code>],
              [t('category'), label(s.category)],
              [t('scope'), label(s.scope)],
              [t('lifecycle'), label(s.lifecycle)],
              [t('owner_administration'), <Ref c="administrations" id={s.owner_administration} />],
              [t('used_by'), <RefList c="administrations" ids={s.used_by} />],
              [t('hosting'), label(s.hosting ?? null)],
              [t('supplier'), s.supplier ?? t('dash')],
              [t('personal_data'), yesNo(s.personal_data)],
              [t('special_categories'), yesNo(s.special_categories)],
              [t('fee'), yesNo(s.fee)],
              [t('own_support_process'), yesNo(s.own_support_process)],
              [t('active_since'), s.active_since ?? t('dash')],
              [
                t('classification'),
                s.classification
                  ? `K ${s.classification.confidentiality ?? '–'} · R ${s.classification.integrity ?? '–'} · T ${s.classification.availability ?? '–'}`
                  : t('missing'),
              ],
              [t('processing_countries'), (s.processing_countries ?? []).join(', ') || t('dash')],
            ]}
          />
        </Section>
        <Section title={t('findings')} id="findings">
          <Show a={findings}>{(f) => <FindingsList findings={f.findings} rules={rules} />}</Show>
        </Section>
      </div>
      <Section title={t('roles')} id="roles">
        <Show a={resp}>{(r) => <Roles sys={s} etag={sys.data.etag} resp={r} onChanged={changed} mayEdit={mayEdit.allowed} />}</Show>
      </Section>
      <Section title={t('documents')} id="documents">
        <Show a={resp}>{(r) => <Documents sys={s} resp={r} />}</Show>
      </Section>
      <ClassificationSection sys={s} etag={etag} onChanged={changed} />
      <div class="grid-2">
        <Section title={t('forums')}>
          {(s.forums ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul class="plain">
              {s.forums!.map((f, i) => (
                <li key={i}>
                  {label(f.kind)} – {f.held_on}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('reviews')}</h3>
          {(s.reviews ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul class="plain">
              {s.reviews!.map((f, i) => (
                <li key={i}>
                  {label(f.kind)} – {f.done_on}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('integrations')}</h3>
          {(s.integrations ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul class="plain">
              {s.integrations!.map((f, i) => (
                <li key={i}>
                  <Ref c="systems" id={f.to} /> {f.personal_data && <span class="muted">({t('personal_data')})</span>}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title={t('gdpr')} id="gdpr">
          <Show a={resp}>{(r) => <Gdpr resp={r} />}</Show>
        </Section>
      </div>
      <Section title={t('history')} id="history">
        <History key={tick} type="system" id={id} entries={p.history?.entries ?? []} />
      </Section>
    </>
  );
}
