// The measures register (issue 15): every measure of DPIAs, classifications, breaches and contract reviews in one
// list, per administration or organization, filterable by source and state, with the export for the management
// review. Whether a measure is overdue is the server's judgement (R-MEASURE-OVERDUE), never computed here; a breach's
// measures are listed only for those who may read the breach (the server decides). The owner, the DPO and those who
// may write the holder set a measure in progress, done or cancelled from its line (measure_status.tsx).
import { useState } from 'preact/hooks';
import { apiFetch, listAll } from '../api';
import { PageTitle, Section, Show, useAsync } from '../components';
import { fmtDate, localTexts, useLang } from '../i18n';
import type { components } from '../generated/api';
import { MeasureStatusControl, measureTextsEn, measureTextsSv } from '../measure_status';

type Measures = components['schemas']['Measures'];
type MeasureLine = components['schemas']['MeasureLine'];

const sv = {
  ...measureTextsSv,
  title: 'Åtgärdsregister',
  intro: 'Åtgärder från konsekvensbedömningar, informationsklassningar, incidenter och avtalsuppföljningar, med ansvarig, sista dag och status.',
  administration: 'Förvaltning',
  organization: 'Organisation',
  source: 'Källa',
  state: 'Visa',
  all: 'Alla',
  open_only: 'Öppna',
  overdue_only: 'Försenade',
  src_dpia: 'Konsekvensbedömning',
  src_classification: 'Informationsklassning',
  src_breach: 'Personuppgiftsincident',
  src_contract_review: 'Avtalsuppföljning',
  concerns: 'Avser',
  counts: '{total} åtgärder, varav {overdue} försenade (per {today})',
  none: 'Inga åtgärder med det urvalet.',
  export_xlsx: 'Hämta som Excel',
  export_csv: 'Hämta som CSV',
};
type K = keyof typeof sv;
const en: Record<K, string> = {
  ...measureTextsEn,
  title: 'Measures register',
  intro: 'Measures from DPIAs, information classifications, breaches and contract reviews, with owner, due date and status.',
  administration: 'Administration',
  organization: 'Organization',
  source: 'Source',
  state: 'Show',
  all: 'All',
  open_only: 'Open',
  overdue_only: 'Overdue',
  src_dpia: 'DPIA',
  src_classification: 'Information classification',
  src_breach: 'Personal data breach',
  src_contract_review: 'Contract review',
  concerns: 'Concerns',
  counts: '{total} measures, {overdue} of them overdue (as of {today})',
  none: 'No measures match.',
  export_xlsx: 'Download as Excel',
  export_csv: 'Download as CSV',
};
const tt = localTexts(sv, en);

const SOURCES = ['dpia', 'classification', 'breach', 'contract_review'] as const;

function holderHref(l: MeasureLine): string {
  const id = encodeURIComponent(l.holder.id);
  if (l.holder.type === 'processing_activity') return `/activities/${id}`;
  if (l.holder.type === 'incident') return `/incidents/${id}`;
  return `/systems/${id}`;
}

export function MeasuresPage() {
  const language = useLang();
  const [administration, setAdministration] = useState('');
  const [organization, setOrganization] = useState('');
  const [source, setSource] = useState('');
  const [state, setState] = useState('open');
  const q = new URLSearchParams();
  if (administration) q.set('administration', administration);
  if (organization) q.set('organization', organization);
  if (source) q.set('source', source);
  if (state === 'open') q.set('open', 'true');
  if (state === 'overdue') q.set('overdue', 'true');
  const query = q.toString();
  const names = useAsync(async () => ({ administrations: await listAll('administrations'), organizations: await listAll('organizations') }), []);
  const a = useAsync(async () => (await (await apiFetch('GET', `/measures?${query}`)).json()) as Measures, [query]);
  const exportQuery = new URLSearchParams(q);
  exportQuery.set('lang', language);
  return (
    <>
      <PageTitle>{tt('title')}</PageTitle>
      <p>{tt('intro')}</p>
      <form class="filters" onSubmit={(e) => e.preventDefault()} data-testid="measure-filters">
        <label>
          {tt('administration')}
          <select value={administration} onChange={(e) => setAdministration((e.target as HTMLSelectElement).value)}>
            <option value="">{tt('all')}</option>
            {names.data?.administrations.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tt('organization')}
          <select value={organization} onChange={(e) => setOrganization((e.target as HTMLSelectElement).value)}>
            <option value="">{tt('all')}</option>
            {names.data?.organizations.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tt('source')}
          <select value={source} onChange={(e) => setSource((e.target as HTMLSelectElement).value)}>
            <option value="">{tt('all')}</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {tt(`src_${s}` as K)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tt('state')}
          <select value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>
            <option value="">{tt('all')}</option>
            <option value="open">{tt('open_only')}</option>
            <option value="overdue">{tt('overdue_only')}</option>
          </select>
        </label>
      </form>
      <Section title={tt('title')}>
        <Show a={a}>
          {(m) => (
            <div data-testid="measures">
              <p>{tt('counts').replace('{total}', String(m.total)).replace('{overdue}', String(m.overdue)).replace('{today}', fmtDate(m.today))}</p>
              <p>
                <a href={`/api/v1/measures/export?format=xlsx&${exportQuery.toString()}`} download>
                  {tt('export_xlsx')}
                </a>{' '}
                ·{' '}
                <a href={`/api/v1/measures/export?format=csv&${exportQuery.toString()}`} download>
                  {tt('export_csv')}
                </a>
              </p>
              {m.measures.length === 0 ? (
                <p>{tt('none')}</p>
              ) : (
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{tt('source')}</th>
                        <th scope="col">{tt('concerns')}</th>
                        <th scope="col">{tt('measure')}</th>
                        <th scope="col">{tt('owner')}</th>
                        <th scope="col">{tt('due')}</th>
                        <th scope="col">{tt('status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.measures.map((l) => (
                        <tr key={`${l.holder.type}/${l.holder.id}/${l.measure.id ?? l.measure.description}`} data-overdue={l.overdue ? 'true' : undefined}>
                          <td>{tt(`src_${l.source}` as K)}</td>
                          <td>
                            <a href={holderHref(l)}>{l.holder.name}</a>
                          </td>
                          <td>{l.measure.description}</td>
                          <td>{l.owner_name}</td>
                          <td>{fmtDate(l.measure.due)}</td>
                          <td>
                            {tt(`st_${l.measure.status ?? 'planned'}` as K)}
                            {l.overdue && (
                              <>
                                {' '}
                                <strong class="badge state-bad">{tt('overdue')}</strong>
                              </>
                            )}{' '}
                            <MeasureStatusControl line={l} onChanged={a.reload} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          )}
        </Show>
      </Section>
    </>
  );
}
