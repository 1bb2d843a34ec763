// Overview: findings by severity, by administration and committee, by rule, the trend; what falls due.
import { useEffect, useState } from 'preact/hooks';
import { api, listAll } from '../api';
import { markReady } from '../perf';
import { PageTitle, Ref, Section, SeverityBadge, Show, StateBadge, SubjectRef, useAsync, ErrorBox } from '../components';
import { fmtDate, fmtNumber, label, lang, t, useLang, type Key } from '../i18n';
import type { DueItem, Rule, Severity, Summary, TrendPoint } from '../types';

const SEVS: Severity[] = ['error', 'warning', 'info'];
const CAP = 200;

export function today(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Runs the requests `n` at a time: per-committee counts must not flood a small server. */
async function pooled<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]);
      }
    }),
  );
  return out;
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

function ByRule({ rules }: { rules: Rule[] }) {
  const a = useAsync(async () => {
    // One count per rule (limit=1 answers the total and the summary of that rule's findings).
    const counts = await pooled(rules, 6, (r) => api.findings({ rule: r.id, limit: 0 }).then((p) => ({ r, s: p.summary, total: p.total })));
    return counts.filter((x) => x.total > 0).sort((x, y) => y.total - x.total);
  }, [rules.length]);
  const en = lang() === 'en';
  return (
    <Show a={a}>
      {(rows) =>
        rows.length === 0 ? (
          <p>{t('no_findings')}</p>
        ) : (
          <Bars
            caption={t('findings_by_rule')}
            head={t('rule')}
            rows={rows.map((x) => ({
              key: x.r.id,
              name: (
                <>
                  <code>{x.r.id}</code> {en ? x.r.title_en : x.r.title_sv}
                </>
              ),
              s: x.s,
              href: `/findings?rule=${encodeURIComponent(x.r.id)}`,
            }))}
          />
        )
      }
    </Show>
  );
}

function ByOrg({ c }: { c: 'committees' | 'administrations' }) {
  const a = useAsync(async () => {
    // The API has no counts per committee: one request each, for at most CAP of them.
    const [items, all] = await Promise.all([listAll(c, {}, CAP), api.list(c, { limit: 1 })]);
    const counts = await pooled(items, 6, (x) =>
      api.findings(c === 'committees' ? { committee: x.id, limit: 0 } : { administration: x.id, limit: 0 }).then((p) => ({ x, s: p.summary, total: p.total })),
    );
    const rows = counts.filter((r) => r.total > 0).sort((p, q) => q.s.error - p.s.error || q.total - p.total);
    return { rows: rows.slice(0, 25), more: rows.length > 25, partial: all.total > items.length, of: all.total };
  }, [c]);
  return (
    <Show a={a}>
      {({ rows, partial, of }) => (
        <>
        {partial && <p class="notice">{t('partial_counts', { n: CAP, of: fmtNumber(of) })}</p>}
        <Bars
          caption={c === 'committees' ? t('findings_by_committee') : t('findings_by_administration')}
          head={c === 'committees' ? t('committee') : t('administration')}
          rows={rows.map((r) => ({
            key: r.x.id,
            name: r.x.name,
            s: r.s,
            href: `/findings?${c === 'committees' ? 'committee' : 'administration'}=${encodeURIComponent(r.x.id)}`,
          }))}
        />
        </>
      )}
    </Show>
  );
}

function MostErrors() {
  const a = useAsync(async () => {
    const page = await api.findings({ severity: 'error', subject_type: 'system', limit: 5000 });
    const by = new Map<string, number>();
    for (const f of page.findings) by.set(f.subject.id, (by.get(f.subject.id) ?? 0) + 1);
    return { rows: [...by.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 10), partial: page.total > page.findings.length };
  }, []);
  return (
    <Show a={a}>
      {({ rows, partial }) => (
        <>
        {partial && <p class="notice">{t('partial_findings')}</p>}
        <ol class="top-list" data-testid="most-errors">
          {rows.map(([id, n]) => (
            <li key={id}>
              <Ref c="systems" id={id} /> <SeverityBadge s="error" count={n} />
            </li>
          ))}
        </ol>
        </>
      )}
    </Show>
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
              <td>{d.due}</td>
              <td>
                <StateBadge kind={DUE_KIND[d.state]} text={t(`state_${d.state}` as Key)} />
              </td>
              <td>
                {d.title} <a href={`/rules#${d.rule}`} class="muted">({d.rule})</a>
              </td>
              <td>
                <SubjectRef type={d.subject.type} id={d.subject.id} />
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

function Due() {
  const [days, setDays] = useState(30);
  const a = useAsync(() => api.due({ from: today(), to: today(days) }), [days]);
  return (
    <Section title={t('due_title', { days })}>
      <div class="seg-switch" role="group" aria-label={t('due_date')}>
        {[30, 90].map((d) => (
          <button key={d} type="button" aria-pressed={days === d} onClick={() => setDays(d)}>
            {d === 30 ? t('due_30') : t('due_90')}
          </button>
        ))}
      </div>
      <Show a={a}>{(r) => <DueTable items={[...r.items].sort((x, y) => x.due.localeCompare(y.due))} />}</Show>
    </Section>
  );
}

export function Overview() {
  useLang();
  const all = useAsync(() => api.findings({ limit: 1 }), []);
  const rules = useAsync(() => api.rules(), []);
  const trend = useAsync(() => api.trend(12), []);
  useEffect(() => {
    if (all.data) markReady('overview');
  }, [all.data]);
  return (
    <>
      <PageTitle>{t('overview_title')}</PageTitle>
      {all.data && <p class="muted">{t('as_of', { date: fmtDate(all.data.as_of) })}</p>}
      <Section title={t('findings_by_severity')}>
        <Show a={all}>{(p) => <SummaryCards s={p.summary} />}</Show>
      </Section>
      <div class="grid-2">
        <Section title={t('most_errors')}>
          <MostErrors />
        </Section>
        <Due />
      </div>
      <Section title={t('trend')}>
        {trend.error ? <ErrorBox error={trend.error} /> : trend.data ? <TrendChart points={trend.data.points} /> : <p role="status">{t('loading')}</p>}
      </Section>
      <div class="grid-2">
        <Section title={t('findings_by_committee')}>
          <ByOrg c="committees" />
        </Section>
        <Section title={t('findings_by_administration')}>
          <ByOrg c="administrations" />
        </Section>
      </div>
      <Section title={t('findings_by_rule')}>
        <Show a={rules}>{(r) => <ByRule rules={r.rules} />}</Show>
      </Section>
    </>
  );
}
