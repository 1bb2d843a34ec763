// Driftinformation: operational messages (model.md §7) — type, priority, status with colour and text, target group.
// High-priority messages show as a closable banner on every page; the list page shows all of them, with a form to
// publish one and buttons to mark it resolved or take it down. Also an Atom feed (/api/v1/messages.atom).
import { useState } from 'preact/hooks';
import { listAll } from '../api';
import { cycleApi, tr, type OpMessage } from '../cycle_api';
import { PageTitle, Section, Show, useAsync } from '../components';
import { fmtDate, lang, useLang } from '../i18n';
import '../cycle.css';

const CLOSED_KEY = 'ansvar.closedMessages';

function closed(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem(CLOSED_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
}

const STATUS_ICON: Record<OpMessage['status'], string> = { major_impact: '⬤', limited_impact: '◐', resolved: '✔' };

function StatusBadge({ m }: { m: OpMessage }) {
  return (
    <span class={`badge msg-${m.colour}`}>
      <span aria-hidden="true">{STATUS_ICON[m.status]} </span>
      {lang() === 'en' ? m.status_text.en : m.status_text.sv}
    </span>
  );
}

function typeText(m: OpMessage): string {
  return m.type === 'crisis' ? tr('Kris', 'Crisis') : tr('Information', 'Information');
}

/** The high-priority messages published now, each closable for this browser session. */
export function MessageBanner() {
  const [hidden, setHidden] = useState(closed());
  const a = useAsync(() => cycleApi.messages({ published: true }).catch(() => ({ items: [] as OpMessage[] })), []);
  const shown = (a.data?.items ?? []).filter((m) => m.priority === 'high' && !hidden.includes(m.id));
  if (shown.length === 0) return null;
  return (
    <div class="msg-banners" role="region" aria-label={tr('Driftinformation', 'Operational messages')}>
      {shown.map((m) => (
        <div key={m.id} class={`msg-banner msg-banner-${m.colour}`}>
          <p>
            <StatusBadge m={m} /> <strong>{m.title}</strong> <span>({m.system_name})</span>{' '}
            <a href={`/messages#${encodeURIComponent(m.id)}`}>{tr('Läs mer', 'Read more')}</a>
          </p>
          <button
            type="button"
            class="link"
            aria-label={tr(`Stäng meddelandet ${m.title}`, `Close the message ${m.title}`)}
            onClick={() => {
              const next = [...hidden, m.id];
              try {
                sessionStorage.setItem(CLOSED_KEY, JSON.stringify(next));
              } catch {
                /* private mode: closed for this page only */
              }
              setHidden(next);
            }}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

function NewMessage({ onCreated }: { onCreated: () => void }) {
  const systems = useAsync(() => listAll('systems', {}, 5000), []);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const body: Record<string, unknown> = {
      type: f.get('type'),
      priority: f.get('priority'),
      status: f.get('status'),
      title: String(f.get('title') ?? '').trim(),
      body: String(f.get('body') ?? ''),
      system: f.get('system'),
    };
    const to = String(f.get('valid_to') ?? '');
    if (to) body.valid_to = `${to}T23:59:59Z`;
    setBusy(true);
    setError('');
    try {
      await cycleApi.createMessage(body);
      (e.target as HTMLFormElement).reset();
      onCreated();
    } catch (err) {
      const p = (err as any).problem;
      setError(p?.errors?.map((x: any) => `${x.path}: ${x.message}`).join('; ') || String((err as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="msg-form" onSubmit={submit}>
      <div class="msg-form-grid">
        <label>
          {tr('Typ', 'Type')}
          <select name="type">
            <option value="information">{tr('Information', 'Information')}</option>
            <option value="crisis">{tr('Kris', 'Crisis')}</option>
          </select>
        </label>
        <label>
          {tr('Prioritet', 'Priority')}
          <select name="priority">
            <option value="normal">{tr('Normal', 'Normal')}</option>
            <option value="high">{tr('Hög (banner)', 'High (banner)')}</option>
          </select>
        </label>
        <label>
          {tr('Status', 'Status')}
          <select name="status">
            <option value="limited_impact">{tr('Begränsad påverkan', 'Limited impact')}</option>
            <option value="major_impact">{tr('Stor påverkan', 'Major impact')}</option>
            <option value="resolved">{tr('Åtgärdat', 'Resolved')}</option>
          </select>
        </label>
        <label>
          {tr('System', 'System')}
          <select name="system" required>
            {(systems.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr('Gäller till och med', 'Valid until')}
          <input type="date" name="valid_to" />
        </label>
      </div>
      <label>
        {tr('Rubrik', 'Title')}
        <input type="text" name="title" required maxLength={300} />
      </label>
      <label>
        {tr('Text', 'Text')}
        <textarea name="body" rows={3} />
      </label>
      <p class="muted">
        {tr('Målgrupp: de förvaltningar som använder systemet.', 'Target group: the administrations that use the system.')}
      </p>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {tr('Publicera', 'Publish')}
      </button>
    </form>
  );
}

export function MessagesPage() {
  useLang();
  const a = useAsync(() => cycleApi.messages(), []);
  const [note, setNote] = useState('');
  const change = async (m: OpMessage, patch: Record<string, unknown>, done: string) => {
    const { value, etag } = await cycleApi.message(m.id);
    const body = { type: value.type, priority: value.priority, status: value.status, title: value.title, body: value.body, system: value.system, administrations: value.administrations, valid_from: value.valid_from, valid_to: value.valid_to, ...patch };
    await cycleApi.replaceMessage(m.id, body, etag);
    setNote(done);
    a.reload();
  };
  return (
    <>
      <PageTitle actions={<a href="/api/v1/messages.atom">{tr('Atom-flöde', 'Atom feed')}</a>}>{tr('Driftinformation', 'Operational messages')}</PageTitle>
      {note && (
        <p class="flash" role="status">
          {note}
        </p>
      )}
      <Section title={tr('Meddelanden', 'Messages')}>
        <Show a={a}>
          {(r) =>
            r.items.length === 0 ? (
              <p>{tr('Inga driftmeddelanden.', 'No operational messages.')}</p>
            ) : (
              <ul class="msg-list">
                {r.items.map((m) => (
                  <li key={m.id} id={m.id} class={`msg-item msg-item-${m.colour}`}>
                    <h3>
                      <StatusBadge m={m} /> {m.title}
                    </h3>
                    <p class="muted">
                      {typeText(m)} · {m.priority === 'high' ? tr('hög prioritet', 'high priority') : tr('normal prioritet', 'normal priority')} ·{' '}
                      <a href={`/systems/${encodeURIComponent(m.system)}`}>{m.system_name}</a> · {tr('målgrupp', 'target group')}: {m.targets.join(', ') || '–'} ·{' '}
                      {fmtDate(m.valid_from.slice(0, 10))}
                      {m.valid_to && ` – ${fmtDate(m.valid_to.slice(0, 10))}`}
                    </p>
                    {m.body && <p>{m.body}</p>}
                    <p>
                      {m.taken_down ? (
                        <span class="badge state-neutral">{tr('Nedtaget', 'Taken down')}</span>
                      ) : m.stale ? (
                        <span class="badge state-warn">▲ {tr('Inaktuellt: ska tas ned (R-MSG-STALE)', 'Out of date: take it down (R-MSG-STALE)')}</span>
                      ) : m.published ? (
                        <span class="badge state-ok">✔ {tr('Publicerat', 'Published')}</span>
                      ) : (
                        <span class="badge state-neutral">{tr('Ej publicerat', 'Not published')}</span>
                      )}{' '}
                      {m.status !== 'resolved' && !m.taken_down && (
                        <button type="button" onClick={() => change(m, { status: 'resolved' }, tr('Markerat som åtgärdat.', 'Marked resolved.'))}>
                          {tr('Markera som åtgärdat', 'Mark resolved')}
                        </button>
                      )}{' '}
                      {!m.taken_down && (
                        <button type="button" onClick={() => change(m, { taken_down: true }, tr('Meddelandet är nedtaget.', 'The message is taken down.'))}>
                          {tr('Ta ned', 'Take down')}
                        </button>
                      )}
                    </p>
                  </li>
                ))}
              </ul>
            )
          }
        </Show>
      </Section>
      <Section title={tr('Nytt driftmeddelande', 'New operational message')}>
        <NewMessage onCreated={() => a.reload()} />
      </Section>
    </>
  );
}
