// A system's information classification as a record (issue 15): when and how it was made, the levels, the most
// sensitive information that sets them, by whom for a municipality-wide system, its action plan's measures with owner,
// due date and status (overdue as the server judges it, with the rule id), and the owner's approval as an act
// (POST /systems/{id}/classification/approve): anyone may press "Godkänn", the server refuses anyone but the owner's
// linked account and the refusal is shown in its words.
import { useState } from 'preact/hooks';
import { apiFetch, ApiError } from '../api';
import { Ref, Section, Show, useAsync } from '../components';
import { fmtDate, localTexts, useLang } from '../i18n';
import type { components } from '../generated/api';
import { MeasureStatusControl, measureTextsEn, measureTextsSv } from '../measure_status';
import type { System } from '../types';

type Measures = components['schemas']['Measures'];

const sv = {
  ...measureTextsSv,
  title: 'Informationsklassning',
  none: 'Systemet är inte klassat.',
  done_on: 'Klassad',
  method: 'Metod',
  levels: 'Nivåer',
  standard: 'Mest skyddsvärda information',
  decided_by: 'Klassad av',
  plan: 'Åtgärdsplan',
  no_plan: 'Ingen åtgärdsplan.',
  approved: 'Godkänd {date} av',
  approved_flash: 'Åtgärdsplanen är godkänd.',
  not_approved: 'Åtgärdsplanen väntar på systemägarens godkännande.',
  approve: 'Godkänn',
  status_flash: 'Åtgärdens status ändrades.',
  approving: 'Godkänner…',
  refused: 'Du kan inte godkänna: {why}',
};
type K = keyof typeof sv;
const en: Record<K, string> = {
  ...measureTextsEn,
  title: 'Information classification',
  none: 'The system is not classified.',
  done_on: 'Classified',
  method: 'Method',
  levels: 'Levels',
  standard: 'Most sensitive information',
  decided_by: 'Classified by',
  plan: 'Action plan',
  no_plan: 'No action plan.',
  approved: 'Approved on {date} by',
  approved_flash: 'The action plan is approved.',
  not_approved: "The action plan awaits the system owner's approval.",
  approve: 'Approve',
  status_flash: "The measure's status was changed.",
  approving: 'Approving…',
  refused: 'You cannot approve: {why}',
};
const tt = localTexts(sv, en);

export function ClassificationSection({ sys, etag, onChanged }: { sys: System; etag: string; onChanged: (msg: string) => void }) {
  useLang();
  const c = sys.classification;
  const measures = useAsync(async () => (await (await apiFetch('GET', `/measures?system=${encodeURIComponent(sys.id)}&source=classification`)).json()) as Measures, [sys.id, etag]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  if (!c)
    return (
      <Section title={tt('title')} id="classification">
        <p>{tt('none')}</p>
      </Section>
    );
  const approve = async () => {
    setBusy(true);
    setProblem('');
    try {
      await apiFetch('POST', `/systems/${encodeURIComponent(sys.id)}/classification/approve`, { headers: { 'If-Match': etag } });
      onChanged(tt('approved_flash'));
    } catch (e) {
      const why = e instanceof ApiError ? e.problem.detail || e.problem.title || e.message : String(e);
      setProblem(tt('refused').replace('{why}', why ?? ''));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={tt('title')} id="classification">
      <dl data-testid="classification">
        <dt>{tt('done_on')}</dt>
        <dd>{fmtDate(c.done_on ?? null) || '–'}</dd>
        <dt>{tt('method')}</dt>
        <dd>{c.method ?? '–'}</dd>
        <dt>{tt('levels')}</dt>
        <dd>{`K ${c.confidentiality ?? '–'} · R ${c.integrity ?? '–'} · T ${c.availability ?? '–'}`}</dd>
        <dt>{tt('standard')}</dt>
        <dd>{c.standard_information ?? '–'}</dd>
        {c.decided_by && (
          <>
            <dt>{tt('decided_by')}</dt>
            <dd>
              <Ref c="committees" id={c.decided_by} />
            </dd>
          </>
        )}
      </dl>
      <h3>{tt('plan')}</h3>
      <Show a={measures}>
        {(m) =>
          m.measures.length === 0 ? (
            <p>{tt('no_plan')}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="classification-measures">
                <thead>
                  <tr>
                    <th scope="col">{tt('measure')}</th>
                    <th scope="col">{tt('owner')}</th>
                    <th scope="col">{tt('due')}</th>
                    <th scope="col">{tt('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.measures.map((l) => (
                    <tr key={l.measure.id ?? l.measure.description}>
                      <td>{l.measure.description}</td>
                      <td>{l.owner_name || '–'}</td>
                      <td>{fmtDate(l.measure.due ?? null)}</td>
                      <td>
                        {tt(`st_${l.measure.status ?? 'planned'}` as K)}
                        {l.overdue && (
                          <>
                            {' '}
                            <strong class="badge state-bad">{tt('overdue')}</strong>
                          </>
                        )}{' '}
                        <MeasureStatusControl line={l} onChanged={() => onChanged(tt('status_flash'))} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
      {c.approved_by ? (
        <p data-testid="classification-approval">
          {tt('approved').replace('{date}', fmtDate(c.approved_on ?? null))}{' '}
          <Ref c="people" id={c.approved_by} />
        </p>
      ) : (
        <div data-testid="classification-approval">
          <p>{tt('not_approved')}</p>
          <button type="button" disabled={busy} onClick={approve}>
            {busy ? tt('approving') : tt('approve')}
          </button>
          {problem && (
            <p class="notice error" role="alert" data-testid="classification-refused">
              {problem}
            </p>
          )}
        </div>
      )}
    </Section>
  );
}
