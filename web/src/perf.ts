// Marks for the measurements in tests/e2e/perf: when a page's main content is on screen.
const done = new Set<string>();
export function markReady(page: string): void {
  if (done.has(page)) return;
  done.add(page);
  requestAnimationFrame(() => performance.mark(`ansvar:ready:${page}`));
}
