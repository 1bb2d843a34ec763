// Client-side routing with real paths (the server answers index.html for unknown paths without an extension).
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();
let moved = false;
/** Whether the user has navigated inside the app since it loaded. */
export function navigated(): boolean {
  return moved;
}

export function navigate(to: string, replace = false): void {
  if (to === location.pathname + location.search) return;
  moved = true;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((f) => f());
  window.scrollTo(0, 0);
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const [, force] = useState(0);
  useEffect(() => {
    const f = () => force((n) => n + 1);
    listeners.add(f);
    const g = () => {
      moved = true;
      f();
    };
    window.addEventListener('popstate', g);
    return () => {
      listeners.delete(f);
      window.removeEventListener('popstate', g);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** Replaces the query string (filters, paging) without a new history entry per keystroke. */
export function setQuery(params: Record<string, string | number | undefined>, replace = true): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== 0) q.set(k, String(v));
  const s = q.toString();
  navigate(location.pathname + (s ? `?${s}` : ''), replace);
}

/** Matches "/systems/:id" against a path; answers the decoded parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) out[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return out;
}

/** Links inside the app navigate without reloading; modifier clicks open tabs as usual. */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('/api/')) return;
  e.preventDefault();
  const [path, hash] = href.split('#');
  navigate(path);
  if (hash) requestAnimationFrame(() => document.getElementById(hash)?.scrollIntoView());
}
