// The register of systems: filters, search and server-side paging (fast with 150,000 systems).
import { useMay } from '../session';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { PageTitle, Pager, Ref, SeverityBadge, Show, StateBadge, useAsync } from '../components';
import { smallOptions } from '../forms/fields';
import { fmtNumber, label, t, useLang } from '../i18n';
import { markReady } from '../perf';
import { setQuery } from '../router';

const CATEGORY = ['public_service', 'authority_service', 'commercial_service', 'digital_tool', 'business_system', 'platform', 'it_infrastructure'];
const SCOPE = ['municipality_wide', 'administration_specific'];
const LIFECYCLE = ['planned', 'procurement', 'active', 'retiring', 'retired'];
const SIZES = [25, 50, 100, 200];

function Select({ id, text, value, options, onChange, labels }: { id: string; text: string; value: string; options: string[]; onChange: (v: string) => void; labels?: Record<string, string> }) {
  return (
    <div class="field">
      <label for={id}>{text}</label>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{t('all')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels?.[o] ?? label(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Register({ query }: { query: URLSearchParams }) {
  const may = useMay();
  useLang();
  const f = {
    q: query.get('q') ?? '',
    category: query.get('category') ?? '',
    scope: query.get('scope') ?? '',
    lifecycle: query.get('lifecycle') ?? '',
    administration: query.get('administration') ?? '',
    lacks: query.get('lacks') ?? '',
    limit: Number(query.get('limit') ?? 50) || 50,
    offset: Number(query.get('offset') ?? 0) || 0,
  };
  const [text, setText] = useState(f.q);
  const [admins, setAdmins] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    smallOptions('administrations').then(setAdmins, () => setAdmins([]));
  }, []);
  // Search as you type, a moment after the last key.
  useEffect(() => {
    if (text === f.q) return;
    const timer = setTimeout(() => setQuery({ ...f, q: text, offset: 0, limit: f.limit === 50 ? undefined : f.limit }), 250);
    return () => clearTimeout(timer);
  }, [text]);
  // Findings per system, for the column and for the filters on shortcomings: one summary read (names included).
  const counts = useAsync(() => api.findingsSummary('subject'), []);
  const a = useAsync(async () => {
    if (!f.lacks) return api.list('systems', f);
    // A shortcoming is a finding: the systems that have it, read once, then the register's other filters over them.
    const ids = new Set<string>();
    if (f.lacks === 'dpa') {
      const p = await api.findingsPage({ rules: 'R-DOC-MANDATORY', subject_type: 'system', limit: 5000 });
      for (const x of p.findings) if (x.detail?.kind === 'dpa') ids.add(x.subject.id);
    } else {
      const p = await api.findingsSummary('subject');
      for (const g of p.groups) if (g.type === 'system' && g.error > 0) ids.add(g.key);
    }
    const all = await api.list('systems', { ...f, limit: 5000, offset: 0 });
    const items = all.items.filter((x) => ids.has(x.id));
    return { items: items.slice(f.offset, f.offset + f.limit), total: items.length, limit: f.limit, offset: f.offset, capped: all.total > all.items.length };
  }, [query.toString()]);
  useEffect(() => {
    if (a.data) markReady('register');
  }, [a.data]);
  const set = (k: string, v: string | number) => setQuery({ ...f, [k]: v, offset: k === 'offset' ? (v as number) : 0, limit: f.limit === 50 ? undefined : f.limit });
  const adminLabels = Object.fromEntries(admins.map((x) => [x.id, x.name]));
  const anyFilter = f.q || f.category || f.scope || f.lifecycle || f.administration || f.lacks;
  const countOf = (id: string) => counts.data?.groups.find((g) => g.type === 'system' && g.key === id);
  return (
    <>
      <PageTitle actions={may?.create_system ? <a class="button" href="/new/systems">{t('new_system')}</a> : undefined}>{t('register_title')}</PageTitle>
      <form class="filters" role="search" aria-label={t('filters')} onSubmit={(e) => { e.preventDefault(); setQuery({ ...f, q: text, offset: 0 }); }}>
        <div class="field grow">
          <label for="reg-q">{t('search_systems')}</label>
          <input id="reg-q" type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </div>
        <Select id="reg-cat" text={t('category')} value={f.category} options={CATEGORY} onChange={(v) => set('category', v)} />
        <Select id="reg-scope" text={t('scope')} value={f.scope} options={SCOPE} onChange={(v) => set('scope', v)} />
        <Select id="reg-life" text={t('lifecycle')} value={f.lifecycle} options={LIFECYCLE} onChange={(v) => set('lifecycle', v)} />
        <Select id="reg-admin" text={t('administration')} value={f.administration} options={admins.map((x) => x.id)} labels={adminLabels} onChange={(v) => set('administration', v)} />
        <Select id="reg-lacks" text={t('lacks')} value={f.lacks} options={['dpa', 'errors']} labels={{ dpa: t('lacks_dpa'), errors: t('lacks_errors') }} onChange={(v) => set('lacks', v)} />
        <div class="field">
          <label for="reg-size">{t('page_size')}</label>
          <select id="reg-size" value={String(f.limit)} onChange={(e) => set('limit', Number((e.target as HTMLSelectElement).value))}>
            {SIZES.map((s) => (
              <option key={s} value={String(s)}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {anyFilter && (
          <button type="button" class="secondary" onClick={() => { setText(''); setQuery({}); }}>
            {t('clear_filters')}
          </button>
        )}
      </form>
      <Show a={a}>
        {(page) => (
          <>
            <p class="muted" role="status">
              {t('register_count', { total: fmtNumber(page.total) })}
              {'capped' in page && page.capped && <> {t('lacks_capped', { n: fmtNumber(5000) })}</>}
            </p>
            {page.items.length === 0 ? (
              <p>{t('no_results')}</p>
            ) : (
              <div class="table-wrap">
                <table class={a.loading ? 'stale' : ''}>
                  <caption class="sr-only">{t('register_title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('name')}</th>
                      <th scope="col">{t('category')}</th>
                      <th scope="col">{t('scope')}</th>
                      <th scope="col">{t('lifecycle')}</th>
                      <th scope="col">{t('owner_administration')}</th>
                      <th scope="col">{t('supplier')}</th>
                      <th scope="col">{t('findings_col')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <a href={`/systems/${encodeURIComponent(s.id)}`}>{s.name}</a>
                        </th>
                        <td>{label(s.category)}</td>
                        <td>{label(s.scope)}</td>
                        <td>{label(s.lifecycle)}</td>
                        <td>{s.owner_administration ? adminLabels[s.owner_administration] ?? <Ref c="administrations" id={s.owner_administration} /> : t('dash')}</td>
                        <td>{s.supplier ?? t('dash')}</td>
                        <td class="nowrap">
                          {(() => {
                            const c = countOf(s.id);
                            if (!counts.data) return '';
                            if (!c || c.error + c.warning + c.info === 0) return <StateBadge kind="ok" text={t('none')} />;
                            return (
                              <a href={`/findings?system=${encodeURIComponent(s.id)}`}>
                                {c.error > 0 && <SeverityBadge s="error" count={c.error} />} {c.warning > 0 && <SeverityBadge s="warning" count={c.warning} />}{' '}
                                {c.error + c.warning === 0 && <SeverityBadge s="info" count={c.info} />}
                              </a>
                            );
                          })()}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager total={page.total} limit={f.limit} offset={f.offset} onPage={(o) => set('offset', o)} />
          </>
        )}
      </Show>
    </>
  );
}
