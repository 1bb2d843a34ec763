// A processing activity's DPIA as a record (art. 35.7, issue 15): description, necessity and proportionality, the
// risks (likelihood × consequence), the residual risk, the DPO's opinion and its date, prior consultation (art. 36),
// the review date, and its measures with owner, due date and status; an overdue measure is marked with its finding's
// rule id as the server judges it (GET /measures), never computed here.
import { apiFetch } from '../api';
import { Section, Show, useAsync } from '../components';
import { fmtDate, localTexts, useLang } from '../i18n';
import type { components } from '../generated/api';
import { MeasureStatusControl, measureTextsEn, measureTextsSv } from '../measure_status';
import type { ProcessingActivity } from '../types';

type Measures = components['schemas']['Measures'];

const sv = {
  ...measureTextsSv,
  title: 'Konsekvensbedömning (DPIA)',
  none: 'Ingen konsekvensbedömning registrerad.',
  done_on: 'Gjord',
  dpo_consulted: 'Dataskyddsombudet rådfrågat',
  yes: 'Ja',
  no: 'Nej',
  description: 'Beskrivning av behandlingen',
  necessity: 'Nödvändighet och proportionalitet',
  risks: 'Risker',
  risk: 'Risk',
  likelihood: 'Sannolikhet',
  consequence: 'Konsekvens',
  score: 'Riskvärde',
  residual: 'Kvarstående risk',
  res_low: 'Låg',
  res_medium: 'Medel',
  res_high: 'Hög',
  opinion: 'Dataskyddsombudets yttrande',
  prior: 'Förhandssamråd med IMY',
  prior_needed: 'Krävs',
  prior_not_needed: 'Krävs inte',
  prior_sent: 'skickat {date}',
  review_on: 'Nästa översyn',
  measures: 'Åtgärder',
  no_measures: 'Inga åtgärder.',
};
type K = keyof typeof sv;
const en: Record<K, string> = {
  ...measureTextsEn,
  title: 'Data protection impact assessment (DPIA)',
  none: 'No DPIA recorded.',
  done_on: 'Done',
  dpo_consulted: 'Data protection officer consulted',
  yes: 'Yes',
  no: 'No',
  description: 'Description of the processing',
  necessity: 'Necessity and proportionality',
  risks: 'Risks',
  risk: 'Risk',
  likelihood: 'Likelihood',
  consequence: 'Consequence',
  score: 'Risk score',
  residual: 'Residual risk',
  res_low: 'Low',
  res_medium: 'Medium',
  res_high: 'High',
  opinion: "The data protection officer's opinion",
  prior: 'Prior consultation with the authority',
  prior_needed: 'Required',
  prior_not_needed: 'Not required',
  prior_sent: 'sent {date}',
  review_on: 'Next review',
  measures: 'Measures',
  no_measures: 'No measures.',
};
const tt = localTexts(sv, en);

export function DpiaSection({ activity, onChanged }: { activity: ProcessingActivity; onChanged?: () => void }) {
  useLang();
  const d = activity.dpia;
  const measures = useAsync(
    async () => (await (await apiFetch('GET', `/measures?holder=${encodeURIComponent(`processing_activity:${activity.id}`)}`)).json()) as Measures,
    [activity.id],
  );
  const changed = () => {
    measures.reload();
    onChanged?.();
  };
  if (!d)
    return (
      <Section title={tt('title')} id="dpia">
        <p>{tt('none')}</p>
      </Section>
    );
  const pc = d.prior_consultation;
  return (
    <Section title={tt('title')} id="dpia">
      <dl data-testid="dpia">
        <dt>{tt('done_on')}</dt>
        <dd>{fmtDate(d.done_on ?? null) || '–'}</dd>
        <dt>{tt('dpo_consulted')}</dt>
        <dd>{d.dpo_consulted ? tt('yes') : tt('no')}</dd>
        <dt>{tt('description')}</dt>
        <dd>{d.description || '–'}</dd>
        <dt>{tt('necessity')}</dt>
        <dd>{d.necessity_proportionality || '–'}</dd>
        <dt>{tt('residual')}</dt>
        <dd>{d.residual_risk ? tt(`res_${d.residual_risk}` as K) : '–'}</dd>
        <dt>{tt('opinion')}</dt>
        <dd>{d.dpo_opinion ? `${d.dpo_opinion.text} (${fmtDate(d.dpo_opinion.given_on ?? null)})` : '–'}</dd>
        <dt>{tt('prior')}</dt>
        <dd>{pc ? (pc.needed ? tt('prior_needed') + (pc.sent_on ? ', ' + tt('prior_sent').replace('{date}', fmtDate(pc.sent_on)) : '') : tt('prior_not_needed')) : '–'}</dd>
        <dt>{tt('review_on')}</dt>
        <dd>{fmtDate(d.review_on ?? null) || '–'}</dd>
      </dl>
      {(d.risks ?? []).length > 0 && (
        <div class="table-wrap">
          <table data-testid="dpia-risks">
            <caption>{tt('risks')}</caption>
            <thead>
              <tr>
                <th scope="col">{tt('risk')}</th>
                <th scope="col">{tt('likelihood')}</th>
                <th scope="col">{tt('consequence')}</th>
                <th scope="col">{tt('score')}</th>
              </tr>
            </thead>
            <tbody>
              {(d.risks ?? []).map((r) => (
                <tr key={r.id}>
                  <td>{r.description}</td>
                  <td>{r.likelihood}</td>
                  <td>{r.consequence}</td>
                  <td>{(r.likelihood ?? 0) * (r.consequence ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{tt('measures')}</h3>
      <Show a={measures}>
        {(m) => {
          const lines = m.measures;
          return lines.length === 0 ? (
            <p>{tt('no_measures')}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="dpia-measures">
                <thead>
                  <tr>
                    <th scope="col">{tt('measure')}</th>
                    <th scope="col">{tt('owner')}</th>
                    <th scope="col">{tt('due')}</th>
                    <th scope="col">{tt('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l) => (
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
                        <MeasureStatusControl line={l} onChanged={changed} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Show>
    </Section>
  );
}
