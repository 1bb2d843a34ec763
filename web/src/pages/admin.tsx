// Accounts and API tokens (admin only; the server decides, this page only asks): list, create with role,
// administration and person, disable and enable; tokens created (shown once, with a copy button) and revoked.
// Loaded only when first shown (its own chunk).
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { apiFetch, ApiError } from '../api';
import { Flash, PageTitle, Ref, Section, Show, StateBadge, useAsync } from '../components';
import { RefPicker } from '../forms/fields';
import { fmtDate, localTexts, t, useLang, type Key } from '../i18n';
import { useSession, type Role } from '../session';

// This page's texts (Swedish first, English), kept in its own chunk.
const sv = {
  admin_title: 'Konton och API-nycklar',
  accounts_title: 'Konton',
  accounts_caption: 'Alla konton, med roll och status',
  account_id: 'Användarnamn',
  account_id_hint: 'Små bokstäver, siffror och . _ @ - (till exempel anna.andersson).',
  account_name: 'Namn',
  account_email: 'E-post',
  account_email_hint: 'Används för inloggning med organisationens konto.',
  account_role: 'Roll',
  account_administration: 'Förvaltning',
  account_administration_hint: 'Dataskyddskontakten ändrar bara sin förvaltnings behandlingar, incidenter och begäranden.',
  account_person: 'Person i registret',
  account_person_hint: 'Systemförvaltare ändrar de system där personen har en roll.',
  account_password: 'Lösenord',
  account_password_hint: 'Minst 12 tecken. Lämna tomt för ett konto som bara loggar in med organisationens konto.',
  account_generate: 'Skapa ett slumpat lösenord',
  account_generated: 'Lösenordet visas i fältet: lämna det till personen på ett säkert sätt.',
  account_status: 'Status',
  account_active: 'Aktivt',
  account_disabled: 'Inaktiverat',
  account_disable: 'Inaktivera {id}',
  account_enable: 'Aktivera {id}',
  account_create: 'Skapa konto',
  account_new: 'Nytt konto',
  account_created: 'Kontot {id} är skapat.',
  account_disabled_done: 'Kontot {id} är inaktiverat och utloggat överallt.',
  account_enabled_done: 'Kontot {id} är aktiverat.',
  account_signin: 'Inloggning',
  account_via_password: 'lösenord',
  account_via_oidc: 'organisationens konto',
  account_you: '(du)',
  account_actions: 'Åtgärder',
  tokens_title: 'API-nycklar',
  tokens_intro: 'För integrationer: en nyckel gör det dess konto får göra. Skicka den som Authorization: Bearer …',
  tokens_caption: 'API-nycklar, utan själva nyckeln',
  token_name: 'Beskrivning',
  token_account: 'Konto',
  token_created_at: 'Skapad',
  token_created_by: 'Skapad av',
  token_status: 'Status',
  token_active: 'Gäller',
  token_revoked: 'Återkallad {date}',
  token_revoke: 'Återkalla {name}',
  token_revoke_confirm: 'Återkalla nyckeln {name}? Den slutar fungera direkt.',
  token_revoked_done: 'Nyckeln {name} är återkallad.',
  token_create: 'Skapa API-nyckel',
  token_new: 'Ny API-nyckel',
  token_value: 'Din nya API-nyckel',
  token_shown_once: 'Nyckeln visas bara nu. Kopiera den och förvara den säkert.',
  token_copy: 'Kopiera',
  token_copied: 'Kopierad.',
  token_none: 'Inga API-nycklar.',
};
const en: Record<keyof typeof sv, string> = {
  admin_title: 'Accounts and API tokens',
  accounts_title: 'Accounts',
  accounts_caption: 'All accounts, with role and status',
  account_id: 'User name',
  account_id_hint: 'Lower-case letters, digits and . _ @ - (for example anna.andersson).',
  account_name: 'Name',
  account_email: 'E-mail',
  account_email_hint: "Used to sign in with the organization's account.",
  account_role: 'Role',
  account_administration: 'Administration',
  account_administration_hint: "A data protection contact changes only their administration's processing, incidents and requests.",
  account_person: 'Person in the register',
  account_person_hint: 'A system steward changes the systems where this person has a role.',
  account_password: 'Password',
  account_password_hint: "At least 12 characters. Leave empty for an account that signs in only with the organization's account.",
  account_generate: 'Generate a random password',
  account_generated: 'The password is shown in the field: pass it on to the person in a safe way.',
  account_status: 'Status',
  account_active: 'Active',
  account_disabled: 'Disabled',
  account_disable: 'Disable {id}',
  account_enable: 'Enable {id}',
  account_create: 'Create account',
  account_new: 'New account',
  account_created: 'The account {id} was created.',
  account_disabled_done: 'The account {id} is disabled and signed out everywhere.',
  account_enabled_done: 'The account {id} is enabled.',
  account_signin: 'Sign-in',
  account_via_password: 'password',
  account_via_oidc: "organization's account",
  account_you: '(you)',
  account_actions: 'Actions',
  tokens_title: 'API tokens',
  tokens_intro: 'For integrations: a token may do what its account may do. Send it as Authorization: Bearer …',
  tokens_caption: 'API tokens, without the token itself',
  token_name: 'Label',
  token_account: 'Account',
  token_created_at: 'Created',
  token_created_by: 'Created by',
  token_status: 'Status',
  token_active: 'Active',
  token_revoked: 'Revoked {date}',
  token_revoke: 'Revoke {name}',
  token_revoke_confirm: 'Revoke the token {name}? It stops working at once.',
  token_revoked_done: 'The token {name} is revoked.',
  token_create: 'Create API token',
  token_new: 'New API token',
  token_value: 'Your new API token',
  token_shown_once: 'The token is shown only now. Copy it and keep it safe.',
  token_copy: 'Copy',
  token_copied: 'Copied.',
  token_none: 'No API tokens.',
};
const tx = localTexts(sv, en);

interface Account {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  administration: string | null;
  person: string | null;
  disabled: boolean;
  password: boolean;
  oidc: boolean;
  created_at: string;
}
interface ApiToken {
  id: string;
  account: string;
  name: string;
  created_at: string;
  created_by: string;
  revoked_at?: string | null;
  token?: string;
}

const ROLES: Role[] = ['reader', 'steward', 'data_protection_contact', 'dpo', 'admin'];

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await apiFetch(method, path, {
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
const accountsApi = {
  list: () => send<{ items: Account[] }>('GET', '/accounts').then((r) => r.items),
  create: (a: Record<string, unknown>) => send<Account>('POST', '/accounts', a),
  patch: (id: string, change: Record<string, unknown>) => send<Account>('PATCH', `/accounts/${encodeURIComponent(id)}`, change),
  tokens: () => send<{ items: ApiToken[] }>('GET', '/tokens').then((r) => r.items),
  createToken: (account: string, name: string) => send<ApiToken>('POST', '/tokens', { account, name }),
  revokeToken: (id: string) => send<void>('DELETE', `/tokens/${encodeURIComponent(id)}`),
};

/** A random password for a new account: 20 characters without look-alikes, from the browser's CSPRNG. */
function randomPassword(): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_';
  const out: string[] = [];
  const bytes = new Uint8Array(64);
  while (out.length < 20) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < 256 - (256 % alphabet.length) && out.length < 20) out.push(alphabet[b % alphabet.length]);
  }
  return out.join('');
}

/** The server's field problems ("$.id": "…") by field, and the rest as one text. */
function problemsOf(e: unknown): { fields: Record<string, string>; general: string } {
  if (!(e instanceof ApiError)) return { fields: {}, general: String(e) };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const x of e.problem.errors ?? []) {
    const key = x.path.replace(/^\$\.?/, '');
    if (key) fields[key] = fields[key] ? `${fields[key]}; ${x.message}` : x.message;
    else rest.push(x.message);
  }
  if (e.status === 409) fields.id = e.problem.detail || e.problem.title || e.message;
  else if (!e.problem.errors?.length) rest.push(e.message);
  return { fields, general: rest.join(' ') };
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={`field ${error ? 'has-error' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-err`}>
          <span aria-hidden="true">✖ </span>
          {error}
        </p>
      )}
    </div>
  );
}
function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
}

function NewAccount({ onCreated }: { onCreated: (a: Account) => void }) {
  const empty = { id: '', name: '', email: '', role: 'reader' as Role, administration: null as string | null, person: null as string | null, password: '' };
  const [v, setV] = useState(empty);
  const [generated, setGenerated] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const set = (k: keyof typeof empty, x: unknown) => setV((old) => ({ ...old, [k]: x }));

  async function submit(e: Event) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const id = v.id.trim().toLowerCase();
    if (!id) errs.id = `${tx('account_id')}: ${t('required').toLowerCase()}`;
    else if (!/^[a-z0-9._@-]{1,100}$/.test(id)) errs.id = tx('account_id_hint');
    if (!v.name.trim()) errs.name = `${tx('account_name')}: ${t('required').toLowerCase()}`;
    if (v.password && [...v.password].length < 12) errs.password = tx('account_password_hint');
    if (v.role === 'data_protection_contact' && !v.administration) errs.administration = `${tx('account_administration')}: ${t('required').toLowerCase()}`;
    setErrors(errs);
    setGeneral('');
    if (Object.keys(errs).length) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const body: Record<string, unknown> = { id, name: v.name.trim(), role: v.role };
    if (v.email.trim()) body.email = v.email.trim();
    if (v.role === 'data_protection_contact' && v.administration) body.administration = v.administration;
    if (v.person) body.person = v.person;
    if (v.password) body.password = v.password;
    setBusy(true);
    try {
      const created = await accountsApi.create(body);
      onCreated(created);
    } catch (err) {
      setBusy(false);
      // Everything typed stays in the form.
      const p = problemsOf(err);
      setErrors(p.fields);
      setGeneral(p.general);
      requestAnimationFrame(() => summary.current?.focus());
    }
  }

  const count = Object.keys(errors).length + (general ? 1 : 0);
  return (
    <form class="entity-form" onSubmit={submit} noValidate aria-labelledby="new-account-title">
      <h3 id="new-account-title">{tx('account_new')}</h3>
      <div ref={summary} tabIndex={-1} class="form-summary">
        {count > 0 && (
          <div class="alert alert-error" role="alert">
            <p>
              <strong>{t('form_errors', { n: count })}</strong>
            </p>
            <ul>
              {Object.entries(errors).map(([k, msg]) => (
                <li key={k}>{msg}</li>
              ))}
              {general && <li>{general}</li>}
            </ul>
          </div>
        )}
      </div>
      <div class="form-fields">
        <Field id="acc-id" label={tx('account_id')} hint={tx('account_id_hint')} error={errors.id}>
          <input id="acc-id" type="text" autoComplete="off" autoCapitalize="none" spellcheck={false} value={v.id}
                 aria-invalid={errors.id ? 'true' : undefined} aria-describedby={describedBy('acc-id', true, errors.id)}
                 onInput={(e) => set('id', (e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="acc-name" label={tx('account_name')} error={errors.name}>
          <input id="acc-name" type="text" autoComplete="off" value={v.name} aria-invalid={errors.name ? 'true' : undefined}
                 aria-describedby={describedBy('acc-name', false, errors.name)} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="acc-email" label={tx('account_email')} hint={tx('account_email_hint')} error={errors.email}>
          <input id="acc-email" type="email" autoComplete="off" value={v.email} aria-invalid={errors.email ? 'true' : undefined}
                 aria-describedby={describedBy('acc-email', true, errors.email)} onInput={(e) => set('email', (e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="acc-role" label={tx('account_role')} error={errors.role}>
          <select id="acc-role" value={v.role} aria-describedby={describedBy('acc-role', false, errors.role)}
                  onChange={(e) => set('role', (e.target as HTMLSelectElement).value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}` as Key)}
              </option>
            ))}
          </select>
        </Field>
        {v.role === 'data_protection_contact' && (
          <Field id="acc-administration" label={tx('account_administration')} hint={tx('account_administration_hint')} error={errors.administration}>
            <RefPicker c="administrations" id="acc-administration" value={v.administration} onChange={(x) => set('administration', x)}
                       labelText={tx('account_administration')} describedBy={describedBy('acc-administration', true, errors.administration)}
                       invalid={!!errors.administration} required />
          </Field>
        )}
        <Field id="acc-person" label={tx('account_person')} hint={tx('account_person_hint')} error={errors.person}>
          <RefPicker c="people" id="acc-person" value={v.person} onChange={(x) => set('person', x)} labelText={tx('account_person')}
                     describedBy={describedBy('acc-person', true, errors.person)} invalid={!!errors.person} />
        </Field>
        <Field id="acc-password" label={tx('account_password')} hint={generated ? tx('account_generated') : tx('account_password_hint')} error={errors.password}>
          <input id="acc-password" type={generated ? 'text' : 'password'} autoComplete="new-password" value={v.password}
                 aria-invalid={errors.password ? 'true' : undefined} aria-describedby={describedBy('acc-password', true, errors.password)}
                 onInput={(e) => {
                   setGenerated(false);
                   set('password', (e.target as HTMLInputElement).value);
                 }} />
        </Field>
        <p>
          <button type="button" class="secondary" onClick={() => {
            set('password', randomPassword());
            setGenerated(true);
          }}>
            {tx('account_generate')}
          </button>
        </p>
      </div>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : tx('account_create')}
        </button>
      </div>
    </form>
  );
}

function Accounts({ me, onFlash, onChanged }: { me: string; onFlash: (s: string) => void; onChanged: () => void }) {
  const a = useAsync(() => accountsApi.list(), []);
  const [error, setError] = useState('');
  const [formKey, setFormKey] = useState(0); // a fresh form (pickers too) after each account created
  async function toggle(x: Account) {
    setError('');
    try {
      await accountsApi.patch(x.id, { disabled: !x.disabled });
      onFlash(tx(x.disabled ? 'account_enabled_done' : 'account_disabled_done', { id: x.id }));
      a.reload();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <Section title={tx('accounts_title')} id="accounts">
      {error && (
        <div class="alert alert-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <Show a={a}>
        {(items) => (
          <div class="table-wrap">
            <table data-testid="accounts">
              <caption class="sr-only">{tx('accounts_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tx('account_id')}</th>
                  <th scope="col">{tx('account_name')}</th>
                  <th scope="col">{tx('account_role')}</th>
                  <th scope="col">{tx('account_person')}</th>
                  <th scope="col">{tx('account_signin')}</th>
                  <th scope="col">{tx('account_status')}</th>
                  <th scope="col">{tx('account_actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">
                      <code>{x.id}</code> {x.id === me && <span class="muted">{tx('account_you')}</span>}
                    </th>
                    <td>
                      {x.name}
                      {x.email && <div class="muted small">{x.email}</div>}
                    </td>
                    <td>
                      {t(`role_${x.role}` as Key)}
                      {x.administration && (
                        <div class="small">
                          <Ref c="administrations" id={x.administration} />
                        </div>
                      )}
                    </td>
                    <td>
                      <Ref c="people" id={x.person} />
                    </td>
                    <td>{[x.password && tx('account_via_password'), (x.oidc || !x.password) && tx('account_via_oidc')].filter(Boolean).join(', ')}</td>
                    <td>{x.disabled ? <StateBadge kind="bad" text={tx('account_disabled')} /> : <StateBadge kind="ok" text={tx('account_active')} />}</td>
                    <td>
                      {x.id !== me && (
                        <button type="button" class={x.disabled ? 'secondary small' : 'danger small'} onClick={() => toggle(x)}>
                          {tx(x.disabled ? 'account_enable' : 'account_disable', { id: x.id })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Show>
      <NewAccount
        key={formKey}
        onCreated={(x) => {
          setFormKey((n) => n + 1);
          onFlash(tx('account_created', { id: x.id }));
          a.reload();
          onChanged();
        }}
      />
    </Section>
  );
}

function CopyField({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard API (plain HTTP, or refused): select the text and ask the browser to copy it.
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  }
  return (
    <div class="copy-field">
      <label for="new-token">{tx('token_value')}</label>
      <div class="copy-row">
        <input id="new-token" ref={input} type="text" readOnly value={value} aria-describedby="new-token-hint" onFocus={(e) => (e.target as HTMLInputElement).select()} />
        <button type="button" onClick={copy}>
          {tx('token_copy')}
        </button>
      </div>
      <p class="hint" id="new-token-hint">
        {tx('token_shown_once')}
      </p>
      <p role="status" class="small">
        {copied ? tx('token_copied') : ''}
      </p>
    </div>
  );
}

function Tokens({ onFlash, accountsVersion }: { onFlash: (s: string) => void; accountsVersion: number }) {
  // The accounts to choose from follow the list above (a new account can get a token at once).
  const a = useAsync(() => Promise.all([accountsApi.tokens(), accountsApi.list()]), [accountsVersion]);
  const [account, setAccount] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [issued, setIssued] = useState<ApiToken | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: Event) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!account) errs.account = `${tx('token_account')}: ${t('required').toLowerCase()}`;
    if (!name.trim()) errs.name = `${tx('token_name')}: ${t('required').toLowerCase()}`;
    setErrors(errs);
    setGeneral('');
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const tok = await accountsApi.createToken(account, name.trim());
      setIssued(tok);
      setName('');
      a.reload();
    } catch (err) {
      const p = problemsOf(err);
      setErrors(p.fields);
      setGeneral(p.general);
    } finally {
      setBusy(false);
    }
  }
  async function revoke(x: ApiToken) {
    if (!window.confirm(tx('token_revoke_confirm', { name: x.name }))) return;
    setGeneral('');
    try {
      await accountsApi.revokeToken(x.id);
      if (issued?.id === x.id) setIssued(null);
      onFlash(tx('token_revoked_done', { name: x.name }));
      a.reload();
    } catch (err) {
      setGeneral((err as Error).message);
    }
  }

  return (
    <Section title={tx('tokens_title')} id="tokens">
      <p class="muted">{tx('tokens_intro')}</p>
      <Show a={a}>
        {([tokens, accounts]) => (
          <>
            {tokens.length === 0 ? (
              <p>{tx('token_none')}</p>
            ) : (
              <div class="table-wrap">
                <table data-testid="tokens">
                  <caption class="sr-only">{tx('tokens_caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{tx('token_name')}</th>
                      <th scope="col">{tx('token_account')}</th>
                      <th scope="col">{tx('token_created_at')}</th>
                      <th scope="col">{tx('token_created_by')}</th>
                      <th scope="col">{tx('token_status')}</th>
                      <th scope="col">{tx('account_actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tokens.map((x) => (
                      <tr key={x.id}>
                        <th scope="row">
                          {x.name} <span class="muted small">({x.id})</span>
                        </th>
                        <td>
                          <code>{x.account}</code>
                        </td>
                        <td>{fmtDate(x.created_at)}</td>
                        <td>
                          <code>{x.created_by}</code>
                        </td>
                        <td>
                          {x.revoked_at ? (
                            <StateBadge kind="neutral" text={tx('token_revoked', { date: fmtDate(x.revoked_at) })} />
                          ) : (
                            <StateBadge kind="ok" text={tx('token_active')} />
                          )}
                        </td>
                        <td>
                          {!x.revoked_at && (
                            <button type="button" class="danger small" onClick={() => revoke(x)}>
                              {tx('token_revoke', { name: x.name })}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {issued?.token && <CopyField value={issued.token} />}
            <form class="entity-form" onSubmit={create} noValidate aria-labelledby="new-token-title">
              <h3 id="new-token-title">{tx('token_new')}</h3>
              {general && (
                <div class="alert alert-error" role="alert">
                  <p>{general}</p>
                </div>
              )}
              <div class="form-fields">
                <Field id="tok-account" label={tx('token_account')} error={errors.account}>
                  <select id="tok-account" value={account} aria-invalid={errors.account ? 'true' : undefined}
                          aria-describedby={describedBy('tok-account', false, errors.account)}
                          onChange={(e) => setAccount((e.target as HTMLSelectElement).value)}>
                    <option value="">{t('choose')}</option>
                    {accounts.filter((x) => !x.disabled).map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name} ({x.id}, {t(`role_${x.role}` as Key).toLowerCase()})
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id="tok-name" label={tx('token_name')} error={errors.name}>
                  <input id="tok-name" type="text" autoComplete="off" value={name} aria-invalid={errors.name ? 'true' : undefined}
                         aria-describedby={describedBy('tok-name', false, errors.name)} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
                </Field>
              </div>
              <div class="actions">
                <button type="submit" disabled={busy}>
                  {busy ? t('saving') : tx('token_create')}
                </button>
              </div>
            </form>
          </>
        )}
      </Show>
    </Section>
  );
}

export function AdminPage() {
  useLang();
  const s = useSession();
  const [flash, setFlash] = useState('');
  const [accountsVersion, setAccountsVersion] = useState(0);
  if (s.status !== 'signed_in') return null;
  if (s.account.role !== 'admin')
    return (
      <>
        <PageTitle>{tx('admin_title')}</PageTitle>
        <div class="alert alert-error" role="alert">
          <p>{t('forbidden')}</p>
        </div>
      </>
    );
  return (
    <>
      <PageTitle>{tx('admin_title')}</PageTitle>
      <Flash text={flash} />
      <Accounts me={s.account.id} onFlash={setFlash} onChanged={() => setAccountsVersion((n) => n + 1)} />
      <Tokens onFlash={setFlash} accountsVersion={accountsVersion} />
    </>
  );
}
