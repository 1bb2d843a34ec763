// Small building blocks shared by the pages.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { fmtDate, fmtNumber, label, t, type Key } from './i18n';
import { navigated } from './router';
import type { CollectionName, Incident, PageNames, Rulebook, Severity } from './types';

// ---------- data loading ----------
export interface Async<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}
/** Runs `load` when `deps` change; keeps the previous data while the next loads (no flicker when paging). */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (e) => live && setState((s) => ({ data: s.data, error: e instanceof ApiError ? e : new ApiError(0, { status: 0, detail: String(e) }), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setTick((n) => n + 1) };
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: ApiError; retry?: () => void }) {
  if (error.notFound)
    return (
      <p class="notice" role="status">
        <span aria-hidden="true">ℹ </span>
        {t('not_available')}
      </p>
    );
  return (
    <div class="alert alert-error" role="alert">
      <p>
        <strong>{t('error_loading')}:</strong> {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** Shows a loader, an error or the content; `notAvailable` errors (404) become an unobtrusive note. */
export function Show<T>({ a, children }: { a: Async<T>; children: (data: T) => ComponentChildren }) {
  if (a.data !== undefined) return <>{children(a.data)}</>;
  if (a.error) return <ErrorBox error={a.error} retry={a.reload} />;
  return <Loading />;
}

// ---------- severities and states: always an icon and a word, never colour alone ----------
const SEV_ICON: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
export function SeverityBadge({ s, count }: { s: Severity; count?: number }) {
  return (
    <span class={`badge sev-${s}`}>
      <span aria-hidden="true">{SEV_ICON[s]} </span>
      {t(`sev_${s}` as Key)}
      {count !== undefined && <> · {fmtNumber(count)}</>}
    </span>
  );
}
export function StateBadge({ kind, text }: { kind: 'ok' | 'bad' | 'warn' | 'neutral'; text: string }) {
  const icon = { ok: '✔', bad: '✖', warn: '▲', neutral: '•' }[kind];
  return (
    <span class={`badge state-${kind}`}>
      <span aria-hidden="true">{icon} </span>
      {text}
    </span>
  );
}

// ---------- names of referenced entities ----------
const nameCache = new Map<string, Promise<string>>();
const NAME_FIELD: Partial<Record<CollectionName, (x: any) => string>> = {
  data_subject_requests: (x) => `${label(x.kind)} ${x.received_on ?? ''}`.trim(),
  incidents: (x) => `${x.id}`,
  delegations: (x) => `${label(x.matter)}`,
  processor_records: (x) => `${x.subject ?? x.id}`,
  agreements: (x) => `${label(x.kind)} ${x.signed_on ?? ''}`.trim(),
  powers_of_attorney: (x) => `${x.id}`,
};
// Names already known, read synchronously: a reference whose name came with the page's read is drawn with its name
// in the first frame (not its id first, which would widen and push the text around it when the name arrives).
const knownNames = new Map<string, string>();
export function primeName(c: CollectionName, id: string, name: string) {
  nameCache.set(`${c}/${id}`, Promise.resolve(name));
  knownNames.set(`${c}/${id}`, name);
}
// Collections whose records are named by their id: nothing to ask.
const NAMED_BY_ID: CollectionName[] = ['incidents', 'powers_of_attorney'];
export function nameOf(c: CollectionName, id: string): Promise<string> {
  const key = `${c}/${id}`;
  if (NAMED_BY_ID.includes(c)) return Promise.resolve(id);
  let p = nameCache.get(key);
  if (!p) {
    p = api.get(c, id).then(
      (v) => {
        const name = NAME_FIELD[c] ? NAME_FIELD[c]!(v.value) : ((v.value as any).name as string) ?? id;
        knownNames.set(key, name);
        return name;
      },
      () => id,
    );
    nameCache.set(key, p);
  }
  return p;
}
export function useName(c: CollectionName, id: string | null | undefined): string {
  const known = id ? (NAMED_BY_ID.includes(c) ? id : knownNames.get(`${c}/${id}`)) : undefined;
  const [name, setName] = useState(known ?? id ?? '');
  useEffect(() => {
    if (!id) return;
    let live = true;
    setName(knownNames.get(`${c}/${id}`) ?? id);
    nameOf(c, id).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [c, id]);
  return name;
}

export const ROUTE_OF: Record<CollectionName, string> = {
  organizations: '/organizations',
  committees: '/committees',
  administrations: '/administrations',
  people: '/people',
  systems: '/systems',
  delegations: '/delegations',
  powers_of_attorney: '/powers-of-attorney',
  processing_activities: '/activities',
  processor_records: '/processor-records',
  incidents: '/incidents',
  data_subject_requests: '/requests',
  agreements: '/agreements',
};
export const COLLECTION_OF_TYPE: Record<string, CollectionName> = {
  organization: 'organizations',
  committee: 'committees',
  administration: 'administrations',
  person: 'people',
  system: 'systems',
  delegation: 'delegations',
  power_of_attorney: 'powers_of_attorney',
  processing_activity: 'processing_activities',
  processor_record: 'processor_records',
  incident: 'incidents',
  data_subject_request: 'data_subject_requests',
  agreement: 'agreements',
};
export function hrefOf(c: CollectionName, id: string): string {
  return `${ROUTE_OF[c]}/${encodeURIComponent(id)}`;
}

export function Ref({ c, id }: { c: CollectionName; id: string | null | undefined }) {
  const name = useName(c, id);
  if (!id) return <>{t('dash')}</>;
  return <a href={hrefOf(c, id)}>{name}</a>;
}
export function RefList({ c, ids }: { c: CollectionName; ids: string[] | null | undefined }) {
  if (!ids || ids.length === 0) return <>{t('dash')}</>;
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <Ref c={c} id={id} />
        </span>
      ))}
    </>
  );
}
/** A finding's subject, linked to its page ("document" subjects link to nothing). */
export function SubjectRef({ type, id, name }: { type: string; id: string; name?: string }) {
  const c = COLLECTION_OF_TYPE[type];
  // A name that came with the item (due items carry it) saves the look-up.
  if (c && name && !nameCache.has(`${c}/${id}`)) primeName(c, id, name);
  return (
    <>
      <span class="muted">{label(type)}: </span>
      {c ? <Ref c={c} id={id} /> : id}
    </>
  );
}

// ---------- paging ----------
export function Pager({ total, limit, offset, onPage }: { total: number; limit: number; offset: number; onPage: (offset: number) => void }) {
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label={t('showing', { from, to, total })}>
      <button type="button" disabled={offset <= 0} onClick={() => onPage(Math.max(0, offset - limit))}>
        <span aria-hidden="true">← </span>
        {t('prev')}
      </button>
      <span class="pager-status" aria-live="polite">
        {t('showing', { from: fmtNumber(from), to: fmtNumber(to), total: fmtNumber(total) })}
      </span>
      <button type="button" disabled={to >= total} onClick={() => onPage(offset + limit)}>
        {t('next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}

// ---------- layout helpers ----------
export function PageTitle({ children, actions }: { children: ComponentChildren; actions?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // After client-side navigation (not on the first load), focus the new page's heading so that screen readers
    // announce it; focus that is already inside the page stays where it is.
    if (!navigated()) return;
    const a = document.activeElement;
    if (a && a !== document.body && !a.closest('nav.main-nav') && document.getElementById('main')?.contains(a)) return;
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div class="page-title">
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {actions && <div class="actions">{actions}</div>}
    </div>
  );
}

export function Section({ title, children, id }: { title: ComponentChildren; children: ComponentChildren; id?: string }) {
  const hid = useId();
  return (
    <section class="card" aria-labelledby={hid} id={id}>
      <h2 id={hid}>{title}</h2>
      {children}
    </section>
  );
}

export function Dl({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function yesNo(b: boolean | null | undefined): string {
  return b ? t('yes') : t('no');
}

/** A status line for screen readers and sighted users after an action ("Saved."). */
export function Flash({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p class="flash" role="status">
      <span aria-hidden="true">✔ </span>
      {text}
    </p>
  );
}

let flashText = '';
export function setFlash(text: string) {
  flashText = text;
}
export function takeFlash(): string {
  const s = flashText;
  flashText = '';
  return s;
}

/** Names of every subject with findings (GET /findings/summary?group_by=subject): one request for a page of findings. */
let subjectNames: Promise<void> | null = null;
export function primeSubjectNames(): Promise<void> {
  subjectNames ??= api
    .findingsSummary('subject')
    .then((r) => {
      for (const g of r.groups) {
        const c = g.type ? COLLECTION_OF_TYPE[g.type] : undefined;
        if (c && g.name && !nameCache.has(`${c}/${g.key}`)) primeName(c, g.key, g.name);
      }
    })
    .catch(() => {
      subjectNames = null;
    });
  return subjectNames;
}

/** Names a page's aggregated read brought along: the references on the page need no request of their own. */
export function primeNames(n: PageNames | null | undefined): void {
  if (!n) return;
  for (const x of n.committees?.items ?? []) primeName('committees', x.id, x.name);
  for (const x of n.administrations?.items ?? []) primeName('administrations', x.id, x.name);
  for (const x of n.organizations?.items ?? []) primeName('organizations', x.id, x.name);
  for (const x of n.people ?? []) primeName('people', x.id, x.name);
  for (const x of n.systems ?? []) primeName('systems', x.id, x.name);
}

/** A block of fixed height shown while a part of the page loads: what comes in its place does not push the page. */
export function Skeleton({ height = '12rem' }: { height?: string }) {
  return (
    <div class="skeleton" style={{ height }} role="status">
      <span class="sr-only">{t('loading')}</span>
    </div>
  );
}

// ---------- the rulebook: the numbers the rules use, read once from the server ----------
let rulebookCache: Promise<Rulebook> | null = null;
export function rulebook(): Promise<Rulebook> {
  if (!rulebookCache) {
    rulebookCache = api.rulebook();
    rulebookCache.catch(() => (rulebookCache = null));
  }
  return rulebookCache;
}
export function primeRulebook(r: Rulebook): void {
  rulebookCache = Promise.resolve(r);
}

// ---------- the breach clock of Art. 33 ----------
const HOUR = 3600_000;
export function useNow(every = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), every);
    return () => clearInterval(timer);
  }, [every]);
  return now;
}
/** "71 h 59 min 58 s" within the notice period; days and hours beyond four days. */
export function duration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (hours >= 96) return `${Math.floor(hours / 24)} d ${hours % 24} h`;
  return `${hours} h ${pad(m)} min ${pad(sec)} s`;
}
/** The deadline of a breach's notice to the authority: its awareness plus the rulebook's hours (NaN when unknown). */
export function noticeDeadline(i: Incident, hours: number): number {
  return Date.parse(i.aware_at) + hours * HOUR;
}
/** The clock of a breach's notice: red when overdue, amber in its last day, always with words and an icon. The hours
 * are the rulebook's (authority_notice_hours), read from the server. */
export function Countdown({ i, hours }: { i: Incident; hours: number }) {
  const now = useNow();
  const deadline = noticeDeadline(i, hours);
  if (i.assessment === 'no_risk') return <StateBadge kind="neutral" text={t('no_notice_needed')} />;
  if (isNaN(deadline)) return <>{t('dash')}</>;
  if (i.notified_authority_at) {
    const late = Date.parse(i.notified_authority_at) > deadline;
    return (
      <StateBadge kind={late ? 'warn' : 'ok'} text={t('notified', { date: fmtDate(i.notified_authority_at) }) + (late ? ` – ${t('state_overdue').toLowerCase()}` : '')} />
    );
  }
  const left = deadline - now;
  const kind = left < 0 ? 'bad' : left < 24 * HOUR ? 'warn' : 'neutral';
  const text = left < 0 ? t('overdue_by', { time: duration(left) }) : t('time_left', { time: duration(left) }) + (left < 24 * HOUR ? ` – ${t('urgent')}` : '');
  return (
    <span class={`countdown countdown-${kind}`} role="timer" data-testid="countdown">
      <span aria-hidden="true">{kind === 'bad' ? '✖ ' : kind === 'warn' ? '▲ ' : '◷ '}</span>
      {text}
      <span class="muted small">
        {' '}
        ({t('deadline')}: {fmtDate(new Date(deadline).toISOString())})
      </span>
    </span>
  );
}
