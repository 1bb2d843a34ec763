// The annual cycle's part of the API (src/http/cycle_routes.cpp): due items, calendar tokens, operational messages.
import { apiFetch } from './api';
import type { DueItem } from './types';
import { lang } from './i18n';

export interface OpMessage {
  id: string;
  type: 'crisis' | 'information';
  priority: 'high' | 'normal';
  status: 'major_impact' | 'limited_impact' | 'resolved';
  title: string;
  body: string;
  system: string;
  system_name: string;
  administrations: string[];
  targets: string[];
  valid_from: string;
  valid_to: string | null;
  resolved_at: string | null;
  taken_down_at: string | null;
  created_at: string;
  updated_at: string;
  colour: 'purple' | 'blue' | 'green';
  status_text: { sv: string; en: string };
  taken_down: boolean;
  published: boolean;
  stale: boolean;
}

export interface IssuedToken {
  scope: string;
  id: string;
  token: string;
  url: string;
  webcal?: string;
  issued_at: string;
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ value: T; etag: string }> {
  const h = { ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await apiFetch(method, path, { headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { value: (text ? JSON.parse(text) : undefined) as T, etag: res.headers.get('ETag') ?? '*' };
}

function qs(q: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const cycleApi = {
  due: (q: { from: string; to: string; person?: string; administration?: string; organization?: string }) =>
    call<{ items: DueItem[] }>('GET', '/due' + qs({ ...q, lang: lang() })).then((r) => r.value),
  issueToken: (scope: string, id: string) => call<IssuedToken>('POST', '/calendar/tokens', { scope, id }).then((r) => r.value),
  messages: (q: { published?: boolean; administration?: string } = {}) =>
    call<{ items: OpMessage[] }>('GET', '/messages' + qs({ published: q.published ? 'true' : undefined, administration: q.administration })).then((r) => r.value),
  message: (id: string) => call<OpMessage>('GET', `/messages/${encodeURIComponent(id)}`),
  createMessage: (body: Record<string, unknown>) => call<OpMessage>('POST', '/messages', body).then((r) => r.value),
  replaceMessage: (id: string, body: Record<string, unknown>, etag: string) =>
    call<OpMessage>('PUT', `/messages/${encodeURIComponent(id)}`, body, { 'If-Match': etag }).then((r) => r.value),
};

/** A short text in the language chosen (the page's own strings, kept beside the page). */
export function tr(sv: string, en: string): string {
  return lang() === 'en' ? en : sv;
}
