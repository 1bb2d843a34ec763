// A measure's status changed as one act (issue 15): POST /measures/{source}/{holder}/{measure}/status with If-Match
// of the holder's version as the measures register gave it. Offered to the measure's owner (the account's person) and
// to every role that may write somewhere (admin, DPO, data protection contact, steward); the server decides and a
// refusal is shown in its words. Used by the measures register and the DPIA and classification sections.
import { useState } from 'preact/hooks';
import { apiFetch, ApiError } from './api';
import { localTexts, useLang } from './i18n';
import { useSession } from './session';
import type { components } from './generated/api';

type MeasureLine = components['schemas']['MeasureLine'];

// The column and status names of a measure, the same on every page that lists measures (DPIA, classification, the
// measures register): each page's texts spread them.
export const measureTextsSv = {
  measure: 'Åtgärd',
  owner: 'Ansvarig',
  due: 'Klart senast',
  status: 'Status',
  st_planned: 'Planerad',
  st_in_progress: 'Pågår',
  st_done: 'Genomförd',
  st_cancelled: 'Avbruten',
  overdue: 'Försenad (R-MEASURE-OVERDUE)',
};
export const measureTextsEn: Record<keyof typeof measureTextsSv, string> = {
  measure: 'Measure',
  owner: 'Owner',
  due: 'Due',
  status: 'Status',
  st_planned: 'Planned',
  st_in_progress: 'In progress',
  st_done: 'Done',
  st_cancelled: 'Cancelled',
  overdue: 'Overdue (R-MEASURE-OVERDUE)',
};

const sv = {
  start: 'Påbörja',
  done: 'Klar',
  cancel: 'Avbryt åtgärden',
  reopen: 'Öppna igen',
  busy: 'Sparar…',
  refused: 'Statusen kunde inte ändras: {why}',
  label: 'Ändra status för åtgärden: {what}',
};
type K = keyof typeof sv;
const en: Record<K, string> = {
  start: 'Start',
  done: 'Done',
  cancel: 'Cancel the measure',
  reopen: 'Reopen',
  busy: 'Saving…',
  refused: 'The status could not be changed: {why}',
  label: "Change the measure's status: {what}",
};
const tt = localTexts(sv, en);

type Status = 'planned' | 'in_progress' | 'done' | 'cancelled';

/** Whether the signed-in account may be offered the act on this line (the server decides for real). */
export function mayChangeMeasure(line: MeasureLine, person: string | null, role: string): boolean {
  return role !== 'reader' || (!!person && line.measure.owner === person);
}

export function MeasureStatusControl({ line, onChanged }: { line: MeasureLine; onChanged: () => void }) {
  useLang();
  const s = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  if (s.status !== 'signed_in' || !line.measure.id) return null;
  if (!mayChangeMeasure(line, s.account.person, s.account.role)) return null;
  const status = (line.measure.status ?? 'planned') as Status;
  const set = async (next: Status) => {
    setBusy(true);
    setProblem('');
    try {
      const path = `/measures/${encodeURIComponent(line.source)}/${encodeURIComponent(line.holder.id)}/${encodeURIComponent(line.measure.id!)}/status`;
      await apiFetch('POST', path, {
        headers: { 'Content-Type': 'application/json', 'If-Match': `"${line.holder.version}"` },
        body: JSON.stringify({ status: next }),
      });
      onChanged();
    } catch (e) {
      const why = e instanceof ApiError ? e.problem.detail || e.problem.title || e.message : String(e);
      setProblem(tt('refused').replace('{why}', why ?? ''));
    } finally {
      setBusy(false);
    }
  };
  const open = status === 'planned' || status === 'in_progress';
  return (
    <span class="measure-status" role="group" aria-label={tt('label').replace('{what}', line.measure.description)} data-testid="measure-status">
      {open ? (
        <>
          {status === 'planned' && (
            <button type="button" class="small" disabled={busy} onClick={() => set('in_progress')}>
              {tt('start')}
            </button>
          )}{' '}
          <button type="button" class="small" disabled={busy} onClick={() => set('done')}>
            {busy ? tt('busy') : tt('done')}
          </button>{' '}
          <button type="button" class="small" disabled={busy} onClick={() => set('cancelled')}>
            {tt('cancel')}
          </button>
        </>
      ) : (
        <button type="button" class="small" disabled={busy} onClick={() => set('in_progress')}>
          {tt('reopen')}
        </button>
      )}
      {problem && (
        <span class="notice error" role="alert" data-testid="measure-status-refused">
          {problem}
        </span>
      )}
    </span>
  );
}
