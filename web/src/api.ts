// A typed client for the JSON REST API under /api/v1 (src/http/api.cpp).
import type {
  AuditEntry,
  CollectionName,
  CommitteePageData,
  DueItem,
  EntityByCollection,
  FindingsPage,
  ImportReport,
  Page,
  Problem,
  MePage,
  OverviewPage,
  Responsibilities,
  Rule,
  Rulebook,
  SummaryGroups,
  SystemPageData,
  TrendPoint,
} from './types';
import { t } from './i18n';

const BASE = '/api/v1';

// ---------- the session: the CSRF token of the signed-in session, and what happens when it ends ----------
let csrfToken = '';
/** The CSRF token of the current session (GET /api/v1/auth/session); sent as X-CSRF-Token on every non-GET request. */
export function setCsrf(token: string | null | undefined): void {
  csrfToken = token ?? '';
}
let signedOutHandler: (() => void) | null = null;
/** Called when an API request answers 401: the session has ended (expired, signed out elsewhere). */
export function onSignedOut(f: () => void): void {
  signedOutHandler = f;
}
let csrfRefresher: (() => Promise<boolean>) | null = null;
/** Asked once when a request is refused for its CSRF token (the session was renewed in another tab): true to retry. */
export function onCsrfRefused(f: () => Promise<boolean>): void {
  csrfRefresher = f;
}

/** An answer that is not 2xx: the problem+json body, the status, and the ETag when the server sent one. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public problem: Problem,
    public retryAfter = 0,
  ) {
    // A refusal is said in words the user can act on; the server's own detail stays in `problem`.
    super(status === 403 && !/CSRF/.test(problem.detail ?? '') ? t('forbidden') : problem.detail || problem.title || `HTTP ${status}`);
  }
  get notFound(): boolean {
    return this.status === 404;
  }
  get conflict(): boolean {
    return this.status === 412;
  }
  /** 403: signed in, but the account's role may not do this. */
  get forbidden(): boolean {
    return this.status === 403;
  }
}

export interface Versioned<T> {
  value: T;
  etag: string;
}

type Query = Record<string, string | number | undefined | null>;

function qs(query?: Query): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function problemOf(res: Response): Promise<ApiError> {
  let problem: Problem = { status: res.status };
  try {
    problem = { status: res.status, ...(await res.json()) };
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, problem, Number(res.headers.get('Retry-After') ?? 0) || 0);
}

/**
 * Every call to /api/v1: the session cookie (same origin only), X-CSRF-Token on every request that changes
 * something, problem+json turned into ApiError; a 401 tells the app that the session is gone.
 */
export async function apiFetch(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}, retried = false): Promise<Response> {
  const h: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path, { method, headers: h, body: init.body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, { status: 0, title: 'network', detail: String(e) });
  }
  if (res.ok) return res;
  const err = await problemOf(res);
  if (res.status === 401 && !path.startsWith('/auth/')) signedOutHandler?.();
  if (res.status === 403 && !retried && /CSRF/.test(err.problem.detail ?? '') && csrfRefresher && (await csrfRefresher()))
    return apiFetch(method, path, init, true);
  throw err;
}

async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const h = { ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  return apiFetch(method, path, { headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  const res = await request(method, path, body, headers);
  return (await res.json()) as T;
}

export interface ListQuery {
  q?: string;
  person?: string;
  category?: string;
  scope?: string;
  lifecycle?: string;
  administration?: string;
  committee?: string;
  limit?: number;
  offset?: number;
}
export interface FindingsQuery {
  severity?: string;
  rule?: string;
  subject_type?: string;
  subject?: string;
  administration?: string;
  committee?: string;
  as_of?: string;
  lang?: string;
  limit?: number;
  offset?: number;
}

export const api = {
  health: () => json<{ status: string; systems: number }>('GET', '/health'),
  rules: () => json<{ rules: Rule[] }>('GET', '/rules'),
  findings: (q: FindingsQuery) => json<FindingsPage>('GET', '/findings' + qs(q as Query)),
  findingsSummary: (group_by: string) => json<SummaryGroups>('GET', '/findings/summary' + qs({ group_by })),
  trend: (weeks = 12) => json<{ points: TrendPoint[] }>('GET', '/findings/trend' + qs({ weeks })),
  due: (q: { from: string; to: string; person?: string; administration?: string; lang?: string }) =>
    json<{ items: DueItem[] }>('GET', '/due' + qs(q)),
  responsibilities: (id: string) => json<Responsibilities>('GET', `/systems/${encodeURIComponent(id)}/responsibilities`),
  audit: (q: { entity_type?: string; entity_id?: string; actor?: string; from?: string; to?: string; limit?: number }) =>
    json<{ entries: AuditEntry[] }>('GET', '/audit' + qs(q)),

  // Aggregated reads of the pages (src/http/page_routes.cpp): what a page shows first, in one request.
  overviewPage: (q: { lang: string; days?: number; administration?: string; committee?: string }) =>
    json<OverviewPage>('GET', '/pages/overview' + qs(q)),
  systemPage: (id: string, lang: string) => json<SystemPageData>('GET', `/pages/systems/${encodeURIComponent(id)}` + qs({ lang })),
  findingsPage: (q: Record<string, string | number>) => json<FindingsPage>('GET', '/pages/findings' + qs(q)),
  committeePage: (id: string, lang: string) => json<CommitteePageData>('GET', `/pages/committees/${encodeURIComponent(id)}` + qs({ lang })),
  mePage: (lang: string) => json<MePage>('GET', '/pages/me' + qs({ lang })),
  rulebook: () => json<Rulebook>('GET', '/rulebook'),

  list<C extends CollectionName>(c: C, q: ListQuery = {}): Promise<Page<EntityByCollection[C]>> {
    return json('GET', `/${c}` + qs(q as Query));
  },
  async get<C extends CollectionName>(c: C, id: string): Promise<Versioned<EntityByCollection[C]>> {
    const res = await request('GET', `/${c}/${encodeURIComponent(id)}`);
    return { value: (await res.json()) as EntityByCollection[C], etag: res.headers.get('ETag') ?? '*' };
  },
  async create<C extends CollectionName>(c: C, body: unknown): Promise<Versioned<EntityByCollection[C]>> {
    const res = await request('POST', `/${c}`, body);
    return { value: (await res.json()) as EntityByCollection[C], etag: res.headers.get('ETag') ?? '*' };
  },
  async replace<C extends CollectionName>(c: C, id: string, body: unknown, etag: string): Promise<Versioned<EntityByCollection[C]>> {
    const res = await request('PUT', `/${c}/${encodeURIComponent(id)}`, body, { 'If-Match': etag });
    return { value: (await res.json()) as EntityByCollection[C], etag: res.headers.get('ETag') ?? '*' };
  },
  async remove(c: CollectionName, id: string, etag: string, extra: Query = {}): Promise<void> {
    await request('DELETE', `/${c}/${encodeURIComponent(id)}` + qs(extra), undefined, { 'If-Match': etag });
  },
};

/** Every item of a (small) collection, page by page: for pickers and name look-ups. */
export async function listAll<C extends CollectionName>(c: C, q: ListQuery = {}, cap = 5000): Promise<EntityByCollection[C][]> {
  const out: EntityByCollection[C][] = [];
  for (let offset = 0; offset < cap; ) {
    const page = await api.list(c, { ...q, limit: Math.min(1000, cap - offset), offset });
    out.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  return out;
}

/** Sends a spreadsheet to POST /api/v1/imports: a dry run, or the import over the version the dry run saw. */
export async function importSpreadsheet(
  file: File,
  opts: { dryRun: boolean; sheet?: string; mapping?: string; version?: number },
): Promise<ImportReport> {
  const q = qs({ dry_run: opts.dryRun ? 'true' : 'false', file_name: file.name, sheet: opts.sheet, mapping: opts.mapping });
  const h: Record<string, string> = { 'Content-Type': file.type && !file.type.includes('json') ? file.type : 'application/octet-stream' };
  if (opts.version !== undefined) h['If-Match'] = `"${opts.version}"`;
  const res = await apiFetch('POST', `/imports${q}`, { headers: h, body: file });
  return (await res.json()) as ImportReport;
}

/** The address of an export (GET /api/v1/exports/...), for a download link. */
export function exportHref(what: 'ropa' | 'processor-record' | 'systems' | 'findings', format: 'pdf' | 'xlsx' | 'csv', scope: Query = {}, lang = 'sv'): string {
  return `${BASE}/exports/${what}` + qs({ ...scope, format, lang });
}
