// Importera: a spreadsheet of systems, people or processing activities; a dry run shown row by row and cell by
// cell; then the import, all or nothing, over the version of the register the dry run saw.
import { useState } from 'preact/hooks';
import { ApiError, exportHref, importSpreadsheet } from '../api';
import { PageTitle, Section, StateBadge } from '../components';
import { fmtNumber, lang, t, useLang, type Key } from '../i18n';
import type { ImportIssue, ImportReport, ImportRow } from '../types';

const MAX_ROWS = 500;
type Show = 'all' | 'errors' | 'changes';

function ActionBadge({ action }: { action: ImportRow['action'] }) {
  const kind = { create: 'ok', update: 'warn', unchanged: 'neutral', error: 'bad' } as const;
  return <StateBadge kind={kind[action]} text={t(`import_action_${action}` as Key)} />;
}

function Issue({ p }: { p: ImportIssue }) {
  return (
    <li>
      <StateBadge kind={p.severity === 'error' ? 'bad' : 'warn'} text={p.severity === 'error' ? t('sev_error') : t('sev_warning')} />{' '}
      <code>{p.cell}</code> {p.message}
    </li>
  );
}

function Summary({ r }: { r: ImportReport }) {
  const s = r.summary;
  return (
    <dl class="facts">
      {(
        [
          ['import_created', s.created],
          ['import_updated', s.updated],
          ['import_unchanged', s.unchanged],
          ['import_skipped', s.skipped_empty_rows],
          ['import_errors', s.errors],
          ['import_warnings', s.warnings],
        ] as const
      ).map(([k, n]) => (
        <div key={k}>
          <dt>{t(k)}</dt>
          <dd>{fmtNumber(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Sheets({ r }: { r: ImportReport }) {
  return (
    <>
      {r.sheets.map((s) => (
        <details key={s.name} class="import-sheet">
          <summary>
            {t('import_sheet')} <strong>{s.name}</strong>: {t(`import_kind_${s.kind}` as Key)}
            {s.header_row > 0 && <> · {t('import_header_row', { row: s.header_row, rows: fmtNumber(s.rows) })}</>}
          </summary>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">{t('import_columns')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import_column')}</th>
                  <th scope="col">{t('import_heading')}</th>
                  <th scope="col">{t('import_field')}</th>
                </tr>
              </thead>
              <tbody>
                {s.columns.map((c) => (
                  <tr key={c.column}>
                    <th scope="row">{c.column}</th>
                    <td>{c.heading}</td>
                    <td>{c.field ?? <span class="muted">{t('import_not_read')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </>
  );
}

function Rows({ r }: { r: ImportReport }) {
  const [show, setShow] = useState<Show>(r.ok ? 'changes' : 'errors');
  const rows = r.rows.filter((x) =>
    show === 'errors' ? x.action === 'error' || x.problems.length > 0 : show === 'changes' ? x.action !== 'unchanged' || x.problems.length > 0 : true,
  );
  return (
    <>
      <div class="filters">
        <label for="import-show">{t('import_show')}</label>{' '}
        <select id="import-show" value={show} onChange={(e) => setShow((e.target as HTMLSelectElement).value as Show)}>
          <option value="changes">{t('import_show_changes')}</option>
          <option value="errors">{t('import_show_errors')}</option>
          <option value="all">{t('import_show_all')}</option>
        </select>
      </div>
      <p class="muted" role="status">
        {t('import_rows_shown', { n: fmtNumber(Math.min(rows.length, MAX_ROWS)), of: fmtNumber(rows.length) })}
      </p>
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="import-rows">
            <caption class="sr-only">{t('import_rows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import_row')}</th>
                <th scope="col">{t('import_action')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('import_changes')}</th>
                <th scope="col">{t('import_problems')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((x) => (
                <tr key={`${x.sheet}!${x.row}`}>
                  <th scope="row">
                    {x.sheet}!{x.row}
                  </th>
                  <td>
                    <ActionBadge action={x.action} />
                  </td>
                  <td>
                    {x.name || x.entity_id}
                    {x.entity_id && (
                      <span class="muted small">
                        {' '}
                        ({t(`import_entity_${x.entity_type}` as Key)} {x.entity_id})
                      </span>
                    )}
                  </td>
                  <td>
                    {x.changes.length > 0 && (
                      <ul class="plain">
                        {x.changes.map((c) => (
                          <li key={c.column}>
                            <code>{c.column}</code> {c.heading}: {c.before ? <del>{c.before}</del> : null}
                            {c.before ? ' → ' : ''}
                            <ins>{c.after || t('dash')}</ins>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {x.problems.length > 0 && (
                      <ul class="plain">
                        {x.problems.map((p, i) => (
                          <Issue key={i} p={p} />
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ImportPage() {
  useLang();
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [mapping, setMapping] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await importSpreadsheet(file, {
        dryRun,
        sheet: sheet.trim() || undefined,
        mapping: mapping.trim() || undefined,
        version: dryRun ? undefined : report?.register_version,
      });
      if (dryRun) {
        setReport(r);
        setDone(null);
      } else {
        setDone(r);
        setReport(null);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { status: 0, detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const changes = report ? report.summary.created + report.summary.updated : 0;
  return (
    <>
      <PageTitle>{t('import_title')}</PageTitle>
      <p>{t('import_intro')}</p>
      <Section title={t('import_choose')}>
        <form
          class="import-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(true);
          }}
        >
          <div class="field">
            <label for="import-file">{t('import_file')}</label>
            <input
              id="import-file"
              type="file"
              accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-describedby="import-file-hint"
              onChange={(e) => {
                const f = (e.target as HTMLInputElement).files?.[0] ?? null;
                setFile(f);
                setReport(null);
                setDone(null);
                setError(null);
              }}
            />
            <p id="import-file-hint" class="muted small">
              {t('import_file_hint')}
            </p>
          </div>
          <div class="field">
            <label for="import-sheet">{t('import_sheet_only')}</label>
            <input id="import-sheet" type="text" value={sheet} onInput={(e) => setSheet((e.target as HTMLInputElement).value)} />
          </div>
          <details class="import-mapping">
            <summary>{t('import_mapping')}</summary>
            <div class="field">
              <label for="import-mapping">{t('import_mapping_label')}</label>
              <textarea
                id="import-mapping"
                rows={4}
                spellcheck={false}
                aria-describedby="import-mapping-hint"
                value={mapping}
                onInput={(e) => setMapping((e.target as HTMLTextAreaElement).value)}
              />
              <p id="import-mapping-hint" class="muted small">
                {t('import_mapping_hint')} <code>{'{"sheets": {"Blad1": "systems"}, "columns": {"Sys.namn": "name", "Ansvarig": "role:owner"}}'}</code>
              </p>
            </div>
          </details>
          <div class="actions">
            <button type="submit" disabled={!file || busy}>
              {busy && !report ? t('import_checking') : t('import_dry_run')}
            </button>
          </div>
        </form>
        <p class="muted small">
          {t('import_template')}{' '}
          <a href={exportHref('systems', 'xlsx', {}, lang())} download>
            {t('export_systems_xlsx')}
          </a>
        </p>
      </Section>

      {error && (
        <div class="alert alert-error" role="alert">
          <p>
            <strong>{error.status === 412 ? t('import_stale') : t('import_failed')}</strong> {error.status === 412 ? '' : error.message}
          </p>
          {error.problem.errors && error.problem.errors.length > 0 && (
            <ul>
              {error.problem.errors.slice(0, 50).map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code> {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {done && done.applied && (
        <div class="flash" role="status">
          <p>
            {t('import_done', { created: fmtNumber(done.applied.created), updated: fmtNumber(done.applied.updated) })}{' '}
            <a href="/systems">{t('nav_register')}</a>
          </p>
        </div>
      )}

      {report && (
        <Section title={t('import_result')}>
          <p role="status">
            {report.ok ? (
              <StateBadge kind="ok" text={t('import_ready')} />
            ) : (
              <StateBadge kind="bad" text={t('import_not_ready', { n: fmtNumber(report.summary.errors) })} />
            )}
          </p>
          <Summary r={report} />
          <Sheets r={report} />
          {report.problems.length > 0 && (
            <ul class="plain">
              {report.problems.map((p, i) => (
                <Issue key={i} p={p} />
              ))}
            </ul>
          )}
          <Rows r={report} />
          <div class="actions">
            <button type="button" disabled={!report.ok || changes === 0 || busy} onClick={() => void run(false)}>
              {busy ? t('import_applying') : t('import_apply', { n: fmtNumber(changes) })}
            </button>
            {!report.ok && <span class="muted">{t('import_fix_first')}</span>}
          </div>
        </Section>
      )}
    </>
  );
}
