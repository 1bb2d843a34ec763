// Årshjulet: the annual cycle as a year, for the whole organization, an administration or one person. A wheel of
// the twelve months (counts in words and numbers, never colour alone) and, below it, each month's due items; a
// calendar subscription (iCalendar) for Outlook with a secret, rotatable URL.
import { useState } from 'preact/hooks';
import { listAll } from '../api';
import { cycleApi, tr, type IssuedToken } from '../cycle_api';
import { ErrorBox, PageTitle, Section, Show, Skeleton, StateBadge, SubjectRef, useAsync } from '../components';
import { fmtDate, label, lang, useLang, type Key, t } from '../i18n';
import { setQuery } from '../router';
import type { DueItem } from '../types';
import { DUE_KIND } from './overview';
import '../cycle.css';

const MONTHS_SV = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function monthName(m: number): string {
  return (lang() === 'en' ? MONTHS_EN : MONTHS_SV)[m];
}

/** The worst state of a month decides its wheel segment's class; the count is always written out. */
function worst(items: DueItem[]): DueItem['state'] | 'none' {
  for (const s of ['overdue', 'due', 'upcoming', 'done'] as const) if (items.some((i) => i.state === s)) return s;
  return 'none';
}

function Wheel({ year, byMonth }: { year: number; byMonth: DueItem[][] }) {
  const size = 320;
  const c = size / 2;
  const r1 = 70;
  const r2 = 150;
  const arc = (m: number) => {
    const a0 = ((m * 30 - 90) * Math.PI) / 180;
    const a1 = (((m + 1) * 30 - 90 - 1) * Math.PI) / 180;
    const p = (r: number, a: number) => `${(c + r * Math.cos(a)).toFixed(1)},${(c + r * Math.sin(a)).toFixed(1)}`;
    return `M${p(r1, a0)} L${p(r2, a0)} A${r2},${r2} 0 0 1 ${p(r2, a1)} L${p(r1, a1)} A${r1},${r1} 0 0 0 ${p(r1, a0)} Z`;
  };
  const mid = (m: number, r: number) => {
    const a = (((m + 0.5) * 30 - 90) * Math.PI) / 180;
    return { x: c + r * Math.cos(a), y: c + r * Math.sin(a) };
  };
  return (
    // A picture of what the month sections below say in words (their headings carry the counts): hidden from
    // assistive technology, which reads the sections and the legend instead.
    <svg class="wheel" viewBox={`0 0 ${size} ${size}`} aria-hidden="true" focusable="false">
      {byMonth.map((items, m) => {
        const l = mid(m, (r1 + r2) / 2);
        return (
          <g key={m}>
            <path d={arc(m)} class={`wheel-seg wheel-${worst(items)}`} />
            <text x={l.x} y={l.y - 4} class="wheel-month">
              {monthName(m).slice(0, 3)}
            </text>
            <text x={l.x} y={l.y + 12} class="wheel-count">
              {items.length}
            </text>
          </g>
        );
      })}
      <text x={c} y={c + 6} class="wheel-year">
        {year}
      </text>
    </svg>
  );
}

export function Subscribe({ scope, id }: { scope: string; id: string }) {
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!id) return null;
  const go = async () => {
    setBusy(true);
    setError('');
    try {
      setIssued(await cycleApi.issueToken(scope, id));
    } catch (e) {
      setError(String((e as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="subscribe">
      <p>
        {tr(
          'Prenumerera på årshjulet i Outlook eller en annan kalender. Adressen är hemlig: den som har den kan läsa kalendern. En ny adress gör den gamla ogiltig.',
          'Subscribe to the annual cycle in Outlook or another calendar. The address is secret: whoever has it can read the calendar. A new address makes the old one invalid.',
        )}
      </p>
      <button type="button" onClick={go} disabled={busy}>
        {issued ? tr('Skapa en ny adress', 'Create a new address') : tr('Skapa kalenderadress', 'Create calendar address')}
      </button>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {issued && (
        <div class="subscribe-url" role="status">
          <label for="ics-url">{tr('Kalenderadress (iCalendar)', 'Calendar address (iCalendar)')}</label>
          <input id="ics-url" type="text" readOnly value={issued.url} onFocus={(e) => (e.target as HTMLInputElement).select()} />{' '}
          <button
            type="button"
            class="secondary"
            onClick={() => navigator.clipboard.writeText(issued.url).then(() => setCopied(true), () => setCopied(false))}
          >
            {tr('Kopiera', 'Copy')}
          </button>
          {copied && <span> {tr('Kopierad.', 'Copied.')}</span>}
          {issued.webcal && (
            <p>
              <a href={issued.webcal}>{tr('Öppna i kalenderprogrammet', 'Open in the calendar program')}</a>
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function MonthList({ items }: { items: DueItem[] }) {
  if (items.length === 0) return <p class="muted">{tr('Inget förfaller.', 'Nothing falls due.')}</p>;
  return (
    <ul class="due-list">
      {items.map((d, i) => (
        <li key={i} class={`due-item due-${d.state}`}>
          <time dateTime={d.due}>{fmtDate(d.due)}</time> <StateBadge kind={DUE_KIND[d.state]} text={t(`state_${d.state}` as Key)} />{' '}
          <strong>{d.title}</strong>
          <span class="due-meta">
            {' '}
            <SubjectRef type={d.subject.type} id={d.subject.id} name={d.subject.name} />
            {' · '}
            {d.person ? <a href={`/people/${encodeURIComponent(d.person.id)}`}>{d.person.name}</a> : (d as any).committee?.name ?? t('dash')}
            {d.role && <span class="muted"> ({label(d.role)})</span>}
            {' · '}
            <a href={`/rules#${d.rule}`} class="muted">
              {d.rule}
            </a>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function CyclePage({ query }: { query: URLSearchParams }) {
  useLang();
  const thisYear = new Date().getFullYear();
  const year = Number(query.get('year')) || thisYear;
  const person = query.get('person') ?? '';
  const administration = query.get('administration') ?? '';
  const people = useAsync(() => listAll('people', {}, 2000), []);
  const admins = useAsync(() => listAll('administrations', {}, 500), []);
  const orgs = useAsync(() => listAll('organizations', {}, 50), []);
  const due = useAsync(
    () => cycleApi.due({ from: `${year}-01-01`, to: `${year}-12-31`, person: person || undefined, administration: administration || undefined }),
    [year, person, administration, lang()],
  );
  const set = (p: Record<string, string | number | undefined>) => setQuery({ year, person, administration, ...p });
  const scopeName = person
    ? people.data?.find((p) => p.id === person)?.name ?? person
    : administration
      ? admins.data?.find((a) => a.id === administration)?.name ?? administration
      : tr('hela organisationen', 'the whole organization');
  const org = orgs.data?.[0]?.id ?? '';
  // The page is drawn once its reads have answered: until then one block holds the screen, so that nothing moves.
  const failed = people.error ?? admins.error ?? orgs.error;
  if (failed) return <ErrorBox error={failed} retry={() => location.reload()} />;
  if (!people.data || !admins.data || !orgs.data || (!due.data && !due.error)) return <Skeleton height="100vh" />;
  return (
    <>
      <PageTitle>
        {tr('Årshjul', 'Annual cycle')} {year} – {scopeName}
      </PageTitle>
      <form class="cycle-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {tr('År', 'Year')}{' '}
          <select value={String(year)} onChange={(e) => set({ year: Number((e.target as HTMLSelectElement).value) })}>
            {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {tr('Person', 'Person')}{' '}
          <select value={person} onChange={(e) => set({ person: (e.target as HTMLSelectElement).value, administration: undefined })}>
            <option value="">{tr('Alla', 'Everyone')}</option>
            {(people.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {tr('Förvaltning', 'Administration')}{' '}
          <select value={administration} onChange={(e) => set({ administration: (e.target as HTMLSelectElement).value, person: undefined })}>
            <option value="">{tr('Alla', 'All')}</option>
            {(admins.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Show a={due}>
        {(r) => {
          const byMonth: DueItem[][] = Array.from({ length: 12 }, () => []);
          for (const d of [...r.items].sort((a, b) => a.due.localeCompare(b.due))) byMonth[Number(d.due.slice(5, 7)) - 1].push(d);
          return (
            <>
              <div class="cycle-top">
                <Wheel year={year} byMonth={byMonth} />
                <ul class="legend wheel-legend">
                  {(['overdue', 'due', 'upcoming', 'done'] as const).map((s) => (
                    <li key={s}>
                      <span class={`swatch wheel-${s}`} aria-hidden="true" /> {t(`state_${s}` as Key)}: {r.items.filter((i) => i.state === s).length}
                    </li>
                  ))}
                </ul>
              </div>
              <div class="months">
                {byMonth.map((items, m) => (
                  <Section key={m} id={`month-${m + 1}`} title={`${monthName(m)} ${year} (${items.length})`}>
                    <MonthList items={items} />
                  </Section>
                ))}
              </div>
            </>
          );
        }}
      </Show>
      <Section title={tr('Kalender', 'Calendar')}>
        <Subscribe scope={person ? 'person' : administration ? 'administration' : 'organization'} id={person || administration || org} />
      </Section>
    </>
  );
}
