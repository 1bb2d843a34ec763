// Overview, ordered by urgency: running breach clocks and overdue breaches and requests first, then the errors by how
// long they have been open, then what falls due (done items left out, grouped); the counts and the trend after them.
// One aggregated read (GET /api/v1/pages/overview) answers all of it; the page keeps its size while it loads.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { markReady } from '../perf';
import {
  COLLECTION_OF_TYPE,
  Countdown,
  ErrorBox,
  noticeDeadline,
  PageTitle,
  primeName,
  primeRulebook,
  Section,
  SeverityBadge,
  Skeleton,
  StateBadge,
  SubjectRef,
  useAsync,
} from '../components';
import { fmtDate, fmtNumber, fmtText, label, lang, t, useLang, type Key } from '../i18n';
import type { DueItem, Finding, GroupCount, OverviewPage, RuleTitle, Severity, Summary, TrendPoint } from '../types';

const SEVS: Severity[] = ['error', 'warning', 'info'];

export function today(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function SummaryCards({ s }: { s: Summary }) {
  return (
    <ul class="sev-cards">
      {SEVS.map((k) => (
        <li key={k} class={`sev-card sev-${k}`}>
          <a href={`/findings?severity=${k}`}>
            <span class="big">{fmtNumber(s[k])}</span>
            <SeverityBadge s={k} />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Counts as bars (the number is always written out; the bar only repeats it). */
function Bars({ rows, caption, head }: { rows: { key: string; name: preact.ComponentChildren; s: Summary; href: string }[]; caption: string; head: string }) {
  const max = Math.max(1, ...rows.map((r) => r.s.error + r.s.warning + r.s.info));
  return (
    <div class="table-wrap">
      <table class="bars">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('sev_error')}</th>
            <th scope="col">{t('sev_warning')}</th>
            <th scope="col">{t('sev_info')}</th>
            <th scope="col">
              <span class="sr-only">{t('total')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const total = r.s.error + r.s.warning + r.s.info;
            return (
              <tr key={r.key}>
                <th scope="row">
                  <a href={r.href}>{r.name}</a>
                </th>
                <td class="num">{fmtNumber(r.s.error)}</td>
                <td class="num">{fmtNumber(r.s.warning)}</td>
                <td class="num">{fmtNumber(r.s.info)}</td>
                <td class="bar-cell" aria-hidden="true">
                  <span class="bar">
                    <span class="seg seg-error" style={{ width: `${(100 * r.s.error) / max}%` }} />
                    <span class="seg seg-warning" style={{ width: `${(100 * r.s.warning) / max}%` }} />
                    <span class="seg seg-info" style={{ width: `${(100 * r.s.info) / max}%` }} />
                  </span>
                  <span class="sr-only">{total}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TrendChart({ points }: { points: TrendPoint[] }) {
  const w = 640;
  const h = 200;
  const pad = 32;
  const max = Math.max(1, ...points.map((p) => p.error + p.warning + p.info));
  const x = (i: number) => pad + (i * (w - 2 * pad)) / Math.max(1, points.length - 1);
  const y = (v: number) => h - pad - (v * (h - 2 * pad)) / max;
  const line = (k: Severity) => points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[k]).toFixed(1)}`).join(' ');
  const dash: Record<Severity, string> = { error: '', warning: '6 4', info: '2 3' };
  return (
    <>
      <svg class="trend" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={t('trend_caption')}>
        <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} class="axis" />
        <text x={4} y={y(max) + 4} class="tick">
          {max}
        </text>
        <text x={4} y={h - pad + 4} class="tick">
          0
        </text>
        {SEVS.map((k) => (
          <path key={k} d={line(k)} class={`line line-${k}`} stroke-dasharray={dash[k] || undefined} />
        ))}
        {SEVS.map((k) =>
          points.map((p, i) => <circle key={k + i} cx={x(i)} cy={y(p[k])} r={3} class={`dot dot-${k}`} />),
        )}
      </svg>
      <ul class="legend">
        {SEVS.map((k) => (
          <li key={k}>
            <span class={`swatch swatch-${k}`} aria-hidden="true" /> <SeverityBadge s={k} />{' '}
            <span class="muted">({k === 'error' ? '—' : k === 'warning' ? '- -' : '···'})</span>
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('trend_caption')}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('week_of')}</th>
                {SEVS.map((k) => (
                  <th scope="col" key={k}>
                    {t(`sev_${k}` as Key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.as_of}>
                  <th scope="row">{fmtDate(p.as_of.slice(0, 10))}</th>
                  <td class="num">{p.error}</td>
                  <td class="num">{p.warning}</td>
                  <td class="num">{p.info}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

export const DUE_KIND: Record<DueItem['state'], 'ok' | 'bad' | 'warn' | 'neutral'> = { upcoming: 'neutral', due: 'warn', overdue: 'bad', done: 'ok' };

export function DueTable({ items }: { items: DueItem[] }) {
  if (items.length === 0) return <p>{t('due_none')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('due_date')}</th>
            <th scope="col">{t('due_state')}</th>
            <th scope="col">{t('what')}</th>
            <th scope="col">{t('subject')}</th>
            <th scope="col">{t('person')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d, i) => (
            <tr key={i}>
              <td>{fmtDate(d.due)}</td>
              <td>
                <StateBadge kind={DUE_KIND[d.state]} text={t(`state_${d.state}` as Key)} />
              </td>
              <td>
                {fmtText(d.title)} <a href={`/rules#${d.rule}`} class="muted">({d.rule})</a>
              </td>
              <td>
                <SubjectRef type={d.subject.type} id={d.subject.id} name={d.subject.name} />
              </td>
              <td>
                {d.person ? <a href={`/people/${encodeURIComponent(d.person.id)}`}>{d.person.name}</a> : t('dash')}
                {d.role && <span class="muted"> ({label(d.role)})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}


/** The deadline a finding names (a breach's notice, a request's decision, a document's validity), if any. */
function deadlineOf(f: Finding): string | null {
  const d = f.detail?.deadline ?? f.detail?.due ?? f.detail?.valid_to;
  return typeof d === 'string' ? d : null;
}

function ruleTitle(rules: RuleTitle[], id: string): string {
  const r = rules.find((x) => x.id === id);
  return r ? (lang() === 'en' ? r.title_en : r.title_sv) : id;
}

/** What needs doing now: breaches whose notice clock runs or has run out, requests overdue or open, most urgent first. */
function DoNow({ p }: { p: OverviewPage }) {
  const hours = p.rulebook.authority_notice_hours;
  const breaches = (p.incidents?.items ?? [])
    .filter((i) => !i.notified_authority_at && i.assessment !== 'no_risk' && !isNaN(noticeDeadline(i, hours)))
    .sort((a, b) => noticeDeadline(a, hours) - noticeDeadline(b, hours));
  const requests = (p.request_deadlines?.findings ?? [])
    .filter((f) => f.severity === 'error' || f.severity === 'warning' || f.severity === 'info')
    .sort((a, b) => (deadlineOf(a) ?? '').localeCompare(deadlineOf(b) ?? ''));
  if (breaches.length === 0 && requests.length === 0) return <p>{t('do_now_none')}</p>;
  return (
    <ol class="urgent" data-testid="do-now">
      {breaches.map((i) => (
        <li key={i.id} class="urgent-item">
          <span class="muted small">{t('clock_running')}</span>
          <a href={`/incidents/${encodeURIComponent(i.id)}`}>{i.id}</a> <Countdown i={i} hours={hours} />
        </li>
      ))}
      {requests.map((f) => (
        <li key={f.subject.id} class="urgent-item">
          <span class="muted small">{f.severity === 'error' ? t('request_overdue') : t('request_open')}</span>
          <a href={`/requests/${encodeURIComponent(f.subject.id)}`}>{f.subject.id}</a>{' '}
          <StateBadge kind={f.severity === 'error' ? 'bad' : 'neutral'} text={fmtText(f.message)} />
        </li>
      ))}
    </ol>
  );
}

const URGENT_RULES = new Set(['R-INC-72H', 'R-DSAR-DEADLINE']);
/** The errors, those whose deadline passed longest ago first; the rest after them by rule. */
function OpenErrors({ p }: { p: OverviewPage }) {
  const all = (p.errors?.findings ?? []).filter((f) => !URGENT_RULES.has(f.rule));
  const sorted = [...all].sort((a, b) => {
    const da = deadlineOf(a);
    const db = deadlineOf(b);
    if (da && db) return da.localeCompare(db);
    if (da) return -1;
    if (db) return 1;
    return a.rule.localeCompare(b.rule);
  });
  if (sorted.length === 0) return <p>{t('open_errors_none')}</p>;
  const shown = sorted.slice(0, 10);
  return (
    <>
      <ol class="findings compact" data-testid="open-errors">
        {shown.map((f, i) => (
          <li key={i} class="finding sev-border-error">
            <span class="finding-msg">{fmtText(f.message)}</span>{' '}
            {deadlineOf(f) && <span class="muted small">({t('since_deadline', { date: fmtDate(deadlineOf(f)) })})</span>}
            <div class="muted small">
              <SubjectRef type={f.subject.type} id={f.subject.id} /> · <a href={`/rules#${f.rule}`}>{ruleTitle(p.rules, f.rule)}</a>
            </div>
          </li>
        ))}
      </ol>
      {sorted.length > shown.length && (
        <p>
          <a href="/findings?severity=error">{t('show_all_errors', { n: fmtNumber(p.errors?.total ?? sorted.length) })}</a>
        </p>
      )}
    </>
  );
}

/** What falls due, done items out, grouped by what is to be done: a short list that links to the annual cycle. */
function DueGroups({ p }: { p: OverviewPage }) {
  const items = (p.due?.items ?? []).filter((d) => d.state !== 'done');
  const groups = new Map<string, { title: string; rule: string; n: number; first: string; state: DueItem['state'] }>();
  for (const d of items) {
    // Items of the same rule and action share a group ("Godkänn förvaltningsplanen för 2027" × 32).
    const key = `${d.rule}/${d.title.replace(/\s+\S*\d{4}.*$/, '')}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { title: d.title, rule: d.rule, n: 1, first: d.due, state: d.state });
    else {
      g.n++;
      if (d.due < g.first) g.first = d.due;
      if (d.state === 'overdue') g.state = 'overdue';
    }
  }
  const rows = [...groups.values()].sort((a, b) => a.first.localeCompare(b.first));
  if (rows.length === 0) return <p>{t('due_none')}</p>;
  return (
    <>
      <ul class="plain due-groups" data-testid="due-groups">
        {rows.map((g) => (
          <li key={g.rule + g.title}>
            <StateBadge kind={DUE_KIND[g.state]} text={t(`state_${g.state}` as Key)} /> {fmtText(g.title)}{' '}
            <span class="muted small">
              {t('due_group_count', { n: g.n, date: fmtDate(g.first) })} · <a href={`/rules#${g.rule}`}>{g.rule}</a>
            </span>
          </li>
        ))}
      </ul>
      <p>
        <a href="/cycle">{t('show_in_cycle')}</a>
      </p>
    </>
  );
}

function MostErrors({ groups }: { groups: GroupCount[] }) {
  const rows = groups
    .filter((g) => g.type === 'system' && g.error > 0)
    .sort((a, b) => b.error - a.error || a.key.localeCompare(b.key))
    .slice(0, 10);
  for (const g of rows) primeName('systems', g.key, g.name);
  return (
    <ol class="top-list" data-testid="most-errors">
      {rows.map((g) => (
        <li key={g.key}>
          <a href={`/systems/${encodeURIComponent(g.key)}`}>{g.name}</a> <SeverityBadge s="error" count={g.error} />
        </li>
      ))}
    </ol>
  );
}

function GroupBars({ groups, what, p }: { groups: GroupCount[]; what: 'committee' | 'administration' | 'rule'; p: OverviewPage }) {
  const rows = groups
    .filter((g) => g.error + g.warning + g.info > 0)
    .sort((a, b) => b.error - a.error || b.error + b.warning + b.info - (a.error + a.warning + a.info))
    .slice(0, what === 'rule' ? undefined : 15);
  if (rows.length === 0) return <p>{t('no_findings')}</p>;
  const caption = what === 'committee' ? t('findings_by_committee') : what === 'administration' ? t('findings_by_administration') : t('findings_by_rule');
  const head = what === 'committee' ? t('committee') : what === 'administration' ? t('administration') : t('rule');
  return (
    <Bars
      caption={caption}
      head={head}
      rows={rows.map((g) => ({
        key: g.key,
        name:
          what === 'rule' ? (
            <>
              <code>{g.key}</code> {ruleTitle(p.rules, g.key)}
            </>
          ) : (
            g.name
          ),
        s: g,
        href: `/findings?${what}=${encodeURIComponent(g.key)}`,
      }))}
    />
  );
}

function Trend({ p }: { p: OverviewPage }) {
  // Weeks before the register had any history are not zero findings: they are left out.
  const points = (p.trend?.points ?? []).filter((x) => x.systems > 0);
  if (points.length < 2) return <p>{t('trend_none')}</p>;
  return (
    <>
      <p class="muted small">{t('trend_weeks', { n: points.length })}</p>
      <TrendChart points={points} />
    </>
  );
}

function totals(groups: GroupCount[] | undefined): Summary {
  const s = { error: 0, warning: 0, info: 0 };
  for (const g of groups ?? []) (s.error += g.error), (s.warning += g.warning), (s.info += g.info);
  return s;
}

export function Overview() {
  useLang();
  const [days, setDays] = useState(30);
  const a = useAsync(
    () =>
      api.overviewPage({ lang: lang(), days }).then((p) => {
        // Every subject with findings comes with its name: the lists below draw names without asking.
        for (const g of p.by_subject?.groups ?? []) {
          const c = g.type ? COLLECTION_OF_TYPE[g.type] : undefined;
          if (c && g.name) primeName(c, g.key, g.name);
        }
        return p;
      }),
    [lang(), days],
  );
  const p = a.data;
  useEffect(() => {
    if (p) {
      primeRulebook(p.rulebook);
      markReady('overview');
    }
  }, [p]);
  if (a.error && !p) return (<><PageTitle>{t('overview_title')}</PageTitle><ErrorBox error={a.error} retry={a.reload} /></>);
  // Until the one read answers, one block fills the screen; then the whole page appears at once and nothing moves.
  if (!p)
    return (
      <>
        <PageTitle>{t('overview_title')}</PageTitle>
        <Skeleton height="100vh" />
      </>
    );
  return (
    <>
      <PageTitle>{t('overview_title')}</PageTitle>
      <p class="muted as-of">{p?.errors ? t('as_of', { date: fmtDate(p.errors.as_of) }) : '\u00a0'}</p>
      <div class="grid-2">
        <Section title={t('do_now')} id="do-now">
          {p ? <DoNow p={p} /> : <Skeleton height="14rem" />}
        </Section>
        <Section title={t('findings_by_severity')}>
          {p ? <SummaryCards s={totals(p.by_rule?.groups)} /> : <Skeleton height="6rem" />}
          <h3>{t('most_errors')}</h3>
          {p ? <MostErrors groups={p.by_subject?.groups ?? []} /> : <Skeleton height="8rem" />}
        </Section>
      </div>
      <div class="grid-2">
        <Section title={t('open_errors')}>{p ? <OpenErrors p={p} /> : <Skeleton height="24rem" />}</Section>
        <Section title={t('due_groups', { days })}>
          <div class="seg-switch" role="group" aria-label={t('due_date')}>
            {[30, 90].map((d) => (
              <button key={d} type="button" aria-pressed={days === d} onClick={() => setDays(d)}>
                {d === 30 ? t('due_30') : t('due_90')}
              </button>
            ))}
          </div>
          {p ? <DueGroups p={p} /> : <Skeleton height="16rem" />}
        </Section>
      </div>
      <Section title={t('trend')}>{p ? <Trend p={p} /> : <Skeleton height="12rem" />}</Section>
      <div class="grid-2">
        <Section title={t('findings_by_committee')}>{p ? <GroupBars groups={p.by_committee?.groups ?? []} what="committee" p={p} /> : <Skeleton height="16rem" />}</Section>
        <Section title={t('findings_by_administration')}>
          {p ? <GroupBars groups={p.by_administration?.groups ?? []} what="administration" p={p} /> : <Skeleton height="16rem" />}
        </Section>
      </div>
      <Section title={t('findings_by_rule')}>{p ? <GroupBars groups={p.by_rule?.groups ?? []} what="rule" p={p} /> : <Skeleton height="16rem" />}</Section>
    </>
  );
}
