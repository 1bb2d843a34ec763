// An organization's effective rulebook (cooperation-and-decisions.md §1): every setting with its value and where it
// comes from — the built-in default, the server's rulebook file, the register's rulebook or the organization's own —
// and what it falls back to. An admin changes or removes the organization's own values here; each change is a PUT of
// the organization with If-Match, checked by the server (422 naming $.rulebook.<setting>) and audited.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { coopApi, word, type Json, type RulebookPage, type RulebookSetting } from '../coop_api';
import { tr } from '../cycle_api';
import { PageTitle, Section, Show, StateBadge, useAsync } from '../components';
import { label, lang, useLang } from '../i18n';
import { navigate } from '../router';
import '../cycle.css';
import '../coop.css';

function show(v: Json): string {
  if (v === null) return '–';
  if (typeof v === 'boolean') return v ? tr('Ja', 'Yes') : tr('Nej', 'No');
  if (Array.isArray(v)) return v.length ? v.map((x) => label(String(x))).join(', ') : tr('(ingen)', '(none)');
  return String(v);
}

function settingName(s: RulebookSetting): string {
  const last = s.path[s.path.length - 1];
  if (s.group === 'rules') {
    const title = lang() === 'en' ? s.title_en : s.title_sv;
    return `${s.path[1]}${title ? ` – ${title}` : ''}: ${word(last).toLowerCase()}`;
  }
  // A category's table, named with its category (the table of own values mixes them).
  if (s.group === 'categories') return `${label(s.path[1])}: ${s.path.length === 4 ? `${word(s.path[2])}, ${label(last)}` : word(last)}`;
  return word(last);
}

function SourceBadge({ s }: { s: RulebookSetting }) {
  const kind = s.source === 'organization' ? 'warn' : s.source === 'default' ? 'neutral' : 'ok';
  return <StateBadge kind={kind} text={word(`source_${s.source}`)} />;
}

/** The input for a new value, by the type of the current one. */
function Editor({ s, onSave, onCancel, busy }: { s: RulebookSetting; onSave: (v: Json) => void; onCancel: () => void; busy: boolean }) {
  const id = `edit-${s.path.join('-')}`;
  const [text, setText] = useState(Array.isArray(s.value) ? s.value.join(', ') : s.value === null ? '' : String(s.value));
  const severity = s.path[s.path.length - 1] === 'severity';
  const parse = (): Json => {
    if (typeof s.value === 'boolean') return text === 'true';
    if (typeof s.value === 'number') return text.trim() === '' ? NaN : Number(text);
    if (Array.isArray(s.value)) return text.split(',').map((x) => x.trim()).filter(Boolean);
    if (s.value === null || severity) return text.trim() === '' ? null : text.trim();
    return text.trim();
  };
  return (
    <form
      class="inline-edit"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(parse());
      }}
    >
      <label for={id} class="sr-only">
        {tr('Nytt värde för', 'New value of')} {settingName(s)}
      </label>
      {typeof s.value === 'boolean' ? (
        <select id={id} value={text} onChange={(e) => setText((e.target as HTMLSelectElement).value)}>
          <option value="true">{tr('Ja', 'Yes')}</option>
          <option value="false">{tr('Nej', 'No')}</option>
        </select>
      ) : severity ? (
        <select id={id} value={text} onChange={(e) => setText((e.target as HTMLSelectElement).value)}>
          <option value="">{tr('Regelns egen', "The rule's own")}</option>
          <option value="error">{tr('Fel', 'Error')}</option>
          <option value="warning">{tr('Varning', 'Warning')}</option>
          <option value="info">{tr('Information', 'Information')}</option>
        </select>
      ) : (
        <input id={id} type={typeof s.value === 'number' ? 'number' : 'text'} value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      )}{' '}
      <button type="submit" disabled={busy} data-testid="save-override">
        {tr('Spara', 'Save')}
      </button>{' '}
      <button type="button" class="secondary" onClick={onCancel}>
        {tr('Avbryt', 'Cancel')}
      </button>
    </form>
  );
}

function SettingsTable({ page, settings, caption, reload }: { page: RulebookPage; settings: RulebookSetting[]; caption: string; reload: () => void }) {
  const [editing, setEditing] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ key: string; text: string } | null>(null);
  const org = page.organization;
  const change = async (s: RulebookSetting, v: Json | undefined) => {
    if (!org) return;
    setBusy(true);
    setProblem(null);
    try {
      await coopApi.setOverride(org.id, s.path, v);
      setEditing('');
      reload();
    } catch (e) {
      const err = e as ApiError;
      const detail = err.problem?.errors?.map((x) => `${x.path}: ${x.message}`).join('; ') || err.message;
      setProblem({ key: s.path.join('.'), text: detail });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{tr('Inställning', 'Setting')}</th>
            <th scope="col">{tr('Värde', 'Value')}</th>
            <th scope="col">{tr('Källa', 'Source')}</th>
            {page.may.edit && <th scope="col">{tr('Ändra', 'Change')}</th>}
          </tr>
        </thead>
        <tbody>
          {settings.map((s) => {
            const key = s.path.join('.');
            return (
              <tr key={key} data-setting={key}>
                <th scope="row">{settingName(s)}</th>
                <td>
                  {editing === key ? (
                    <Editor s={s} busy={busy} onSave={(v) => void change(s, v)} onCancel={() => setEditing('')} />
                  ) : (
                    show(s.value)
                  )}
                  {problem?.key === key && (
                    <p class="field-error" role="alert">
                      {problem.text}
                    </p>
                  )}
                </td>
                <td>
                  <SourceBadge s={s} />
                  {s.source !== 'default' && (
                    <span class="muted">
                      {' '}
                      ({tr('annars', 'otherwise')} {show(s.inherited)})
                    </span>
                  )}
                </td>
                {page.may.edit && (
                  <td>
                    {editing !== key && (
                      <button type="button" class="secondary" onClick={() => setEditing(key)} aria-label={`${tr('Ändra', 'Change')} ${settingName(s)}`}>
                        {tr('Ändra', 'Change')}
                      </button>
                    )}{' '}
                    {s.source === 'organization' && editing !== key && (
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        onClick={() => void change(s, undefined)}
                        aria-label={`${tr('Återställ', 'Reset')} ${settingName(s)} ${tr('till det ärvda värdet', 'to the inherited value')}`}
                      >
                        {tr('Återställ', 'Reset')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function RulebookPageView({ query }: { query: URLSearchParams }) {
  useLang();
  const organization = query.get('organization') ?? '';
  const a = useAsync(() => coopApi.rulebook(organization), [organization]);
  return (
    <>
      <PageTitle>{tr('Regelverk', 'Rulebook')}{a.data?.organization ? ` – ${a.data.organization.name}` : ''}</PageTitle>
      <Show a={a}>
        {(page) => {
          const general = page.settings.filter((s) => s.group === 'general');
          const categories = page.settings.filter((s) => s.group === 'categories');
          const rules = page.settings.filter((s) => s.group === 'rules');
          const overrides = page.settings.filter((s) => s.source === 'organization');
          const byCategory = new Map<string, RulebookSetting[]>();
          for (const s of categories) byCategory.set(s.path[1], [...(byCategory.get(s.path[1]) ?? []), s]);
          return (
            <>
              <p>
                {tr(
                  'Varje värde gäller i ordningen: standard, registrets regelverk och sist organisationens eget. Källan visar var värdet kommer ifrån.',
                  "Each value applies in order: the default, the register's rulebook and last the organization's own. The source shows where the value comes from.",
                )}
              </p>
              <div class="filters">
                <label for="rulebook-org">{tr('Organisation', 'Organization')}</label>{' '}
                <select
                  id="rulebook-org"
                  class="wide-select"
                  value={organization}
                  onChange={(e) => {
                    const v = (e.target as HTMLSelectElement).value;
                    navigate(v ? `/rulebook?organization=${encodeURIComponent(v)}` : '/rulebook');
                  }}
                >
                  <option value="">{tr('Registrets regelverk', "The register's rulebook")}</option>
                  {page.organizations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                      {o.has_overrides ? tr(' (egna värden)', ' (own values)') : ''}
                    </option>
                  ))}
                </select>
              </div>
              {page.organization && page.may.edit && (
                <p class="muted">
                  {tr(
                    'Varje ändring sparas på organisationen och syns i ändringsloggen.',
                    "Each change is saved on the organization and shows in the audit trail.",
                  )}{' '}
                  <a href="/audit?entity_type=organization">{tr('Ändringar av organisationer', 'Changes of organizations')}</a>
                </p>
              )}
              {page.organization && (
                <Section title={tr('Organisationens egna värden', "The organization's own values")}>
                  {overrides.length === 0 ? (
                    <p>{tr('Inga: organisationen följer registrets regelverk.', "None: the organization follows the register's rulebook.")}</p>
                  ) : (
                    <SettingsTable page={page} settings={overrides} caption={tr('Egna värden', 'Own values')} reload={a.reload} />
                  )}
                </Section>
              )}
              <Section title={tr('Frister, tal och listor', 'Deadlines, numbers and lists')}>
                <SettingsTable page={page} settings={general} caption={tr('Allmänna inställningar', 'General settings')} reload={a.reload} />
              </Section>
              <Section title={tr('Kategorier av system', 'Categories of systems')}>
                {[...byCategory.entries()].map(([cat, list]) => (
                  <details key={cat}>
                    <summary>
                      {label(cat)}
                      {list.some((s) => s.source !== 'default') && <> · {tr('avviker från standard', 'differs from the default')}</>}
                    </summary>
                    <SettingsTable page={page} settings={list} caption={label(cat)} reload={a.reload} />
                  </details>
                ))}
              </Section>
              <Section title={tr('Regler: påslagna och allvarlighetsgrad', 'Rules: enabled and severity')}>
                <details>
                  <summary>
                    {tr('Alla regler', 'All rules')} ({rules.length / 2})
                  </summary>
                  <SettingsTable page={page} settings={rules} caption={tr('Regler', 'Rules')} reload={a.reload} />
                </details>
              </Section>
            </>
          );
        }}
      </Show>
    </>
  );
}
