// Who is signed in (GET /api/v1/auth/session), signing in and out (docs/access-control.md). The session cookie is
// HttpOnly: the page never sees it; it keeps only the account and the CSRF token the server gives with it.
import { useEffect, useState } from 'preact/hooks';
import { apiFetch, ApiError, onCsrfRefused, onSignedOut, setCsrf } from './api';
import { t } from './i18n';

export type Role = 'admin' | 'dpo' | 'data_protection_contact' | 'steward' | 'reader';
export interface SessionAccount {
  id: string;
  name: string;
  role: Role;
  administration: string | null;
  person: string | null;
}
export interface Methods {
  password: boolean;
  oidc: boolean;
}
export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'signed_out'; methods: Methods; expired: boolean }
  | { status: 'signed_in'; account: SessionAccount; via: string };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
function set(next: SessionState): void {
  state = next;
  listeners.forEach((f) => f());
}

export function session(): SessionState {
  return state;
}
export function useSession(): SessionState {
  const [, force] = useState(0);
  useEffect(() => {
    const f = () => force((n) => n + 1);
    listeners.add(f);
    return () => void listeners.delete(f);
  }, []);
  return state;
}

interface SessionAnswer {
  account: SessionAccount;
  csrf_token: string | null;
  via: string;
}

async function signedIn(a: SessionAnswer): Promise<void> {
  setCsrf(a.csrf_token);
  // What the role may change is known before the first page is drawn: nothing appears later and pushes the page.
  may = null;
  await loadMay();
  set({ status: 'signed_in', account: a.account, via: a.via });
}

/** Asks the server who we are; 401 is "signed out" with the sign-in methods it offers. */
export async function loadSession(expired = false): Promise<void> {
  try {
    const res = await apiFetch('GET', '/auth/session');
    await signedIn((await res.json()) as SessionAnswer);
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(0, { status: 0, detail: String(e) });
    if (err.status === 401) {
      setCsrf('');
      const m = (err.problem as { methods?: Partial<Methods> }).methods;
      set({ status: 'signed_out', methods: { password: m?.password ?? true, oidc: !!m?.oidc }, expired });
    } else {
      set({ status: 'error', error: err });
    }
  }
}

/** Signs in with user name and password; throws ApiError (401 wrong, 429 throttled with retryAfter seconds). */
export async function signIn(username: string, password: string): Promise<void> {
  const res = await apiFetch('POST', '/auth/login', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await signedIn((await res.json()) as SessionAnswer);
}

/** Ends the session on the server (and forgets it here even when the server cannot be reached). A session from the
 * identity provider ends there too: the server answers the provider's sign-out address and the browser goes there. */
export async function signOut(): Promise<void> {
  const viaProvider = state.status === 'signed_in' && state.via === 'oidc';
  set({ status: 'loading' }); // at once: the pages go away and ask nothing more of the ending session
  let endSession: string | null = null;
  try {
    if (viaProvider) {
      const res = await apiFetch('POST', '/auth/oidc/logout');
      endSession = ((await res.json()) as { end_session_url?: string | null }).end_session_url ?? null;
    } else {
      await apiFetch('POST', '/auth/logout');
    }
  } finally {
    setCsrf('');
    if (endSession) window.location.assign(endSession);
    else await loadSession();
  }
}

/** Where "Sign in with your organization's account" goes: the provider, then back to `returnTo` on this server. */
export function oidcHref(returnTo: string): string {
  return `/api/v1/auth/oidc/login?return_to=${encodeURIComponent(returnTo)}`;
}

// A 401 from any call: the session ended (expired, or signed out in another tab). The page stays where it is, so
// that signing in again returns to it.
onSignedOut(() => {
  if (state.status === 'signed_in') void loadSession(true);
});
// A CSRF refusal: the session was renewed (signed in again in another tab); take its token and try once more.
onCsrfRefused(async () => {
  const before = state.status === 'signed_in' ? state.account.id : '';
  await loadSession(true);
  return state.status === 'signed_in' && state.account.id === before;
});

/** Why the signed-in account may not change something, in words that say whose it is (the server's own reason, in
 * English, is kept for the log): the role's scope as docs/access-control.md describes it. */
export function whyNot(serverReason: string): string {
  const role = state.status === 'signed_in' ? state.account.role : 'reader';
  if (role === 'reader') return t('why_reader');
  if (role === 'steward') return t('why_steward');
  if (role === 'data_protection_contact') return t('why_dpc');
  if (role === 'dpo') return t('why_dpo');
  return serverReason || t('why_admin_only');
}

// ---------- what the account's role may change (GET /api/v1/pages/may): the pages offer only that ----------
export interface May {
  write: Record<string, boolean>;
  create_system: boolean;
  import: boolean;
  accounts: boolean;
}
let may: May | null = null;
const mayListeners = new Set<() => void>();
async function loadMay(): Promise<void> {
  try {
    const res = await apiFetch('GET', '/pages/may');
    may = ((await res.json()) as { may: May }).may;
  } catch {
    may = null;
  }
  mayListeners.forEach((f) => f());
}
/** What the signed-in account may change; null while unknown (then nothing is offered that it might not do). */
export function useMay(): May | null {
  const [, force] = useState(0);
  useEffect(() => {
    const f = () => force((n) => n + 1);
    mayListeners.add(f);
    return () => void mayListeners.delete(f);
  }, []);
  return may;
}
