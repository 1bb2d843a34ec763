// Cooperations (cooperation-and-decisions.md §2): the list, and a cooperation's page — its parties with their joining
// decisions and status, the art. 26 responsibility matrix (duty × party), its governing documents and their renewals,
// its findings, its annual cycle (the PDCA review, document renewals), its groups and shared systems — and the essence
// for the data subjects, which an admin publishes for reading without signing in. One read per page
// (GET /api/v1/pages/cooperations[/{id}]).
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { coopApi, word, type CooperationPage, type DueState } from '../coop_api';
import { tr } from '../cycle_api';
import { Dl, ErrorBox, Flash, PageTitle, Section, SeverityBadge, Show, StateBadge, useAsync } from '../components';
import { fmtDate, label, lang, useLang } from '../i18n';
import '../cycle.css';
import '../coop.css';

const STATE_KIND: Record<DueState | 'decided' | 'not_decided', 'ok' | 'bad' | 'warn' | 'neutral'> = {
  done: 'ok',
  ok: 'ok',
  soon: 'warn',
  overdue: 'bad',
  missing: 'bad',
  decided: 'ok',
  not_decided: 'bad',
};

function State({ s }: { s: DueState | 'decided' | 'not_decided' }) {
  return <StateBadge kind={STATE_KIND[s]} text={word(`state_${s}`)} />;
}

export function CooperationsPage() {
  useLang();
  const a = useAsync(() => coopApi.cooperations(), []);
  return (
    <>
      <PageTitle>{tr('Samverkan', 'Cooperations')}</PageTitle>
      <Show a={a}>
        {(d) =>
          d.items.length === 0 ? (
            <p>{tr('Registret har ingen samverkan.', 'The register holds no cooperation.')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption class="sr-only">{tr('Samverkan i registret', 'Cooperations in the register')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('Namn', 'Name')}</th>
                    <th scope="col">{tr('Form', 'Form')}</th>
                    <th scope="col">{tr('Huvudman', 'Lead')}</th>
                    <th scope="col">{tr('Parter', 'Parties')}</th>
                    <th scope="col">{tr('System', 'Systems')}</th>
                    <th scope="col">{tr('Avvikelser', 'Findings')}</th>
                    <th scope="col">{tr('Sammanfattning publicerad', 'Essence published')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <a href={`/cooperations/${encodeURIComponent(c.id)}`}>{c.name}</a>
                      </th>
                      <td>{word(c.form)}</td>
                      <td>{c.lead_name || '–'}</td>
                      <td>{c.parties}</td>
                      <td>{c.systems}</td>
                      <td>
                        <SeverityBadge s="error" count={c.findings.error} /> <SeverityBadge s="warning" count={c.findings.warning} />
                      </td>
                      <td>{c.published ? tr('Ja', 'Yes') : tr('Nej', 'No')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </>
  );
}

function Matrix({ c }: { c: CooperationPage }) {
  const parties = c.parties.filter((p) => p.status !== 'missing');
  return (
    <div class="table-wrap">
      <table class="matrix" data-testid="responsibility-matrix">
        <caption>{tr('Vem ansvarar för vad enligt arrangemanget (art. 26)', 'Who is responsible for what under the arrangement (Art. 26)')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr('Uppgift', 'Duty')}</th>
            {parties.map((p) => (
              <th scope="col" key={p.organization}>
                {p.organization_name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {c.duties.map((d) => (
            <tr key={d.duty}>
              <th scope="row">
                {word(d.duty)}
                {d.finding && (
                  <>
                    {' '}
                    <StateBadge kind="bad" text={d.assigned ? tr('Ej en part', 'Not a party') : tr('Ej tilldelad', 'Unassigned')} />
                  </>
                )}
              </th>
              {parties.map((p) => {
                const mine = d.assigned === p.organization;
                const each = d.assigned === 'each';
                return (
                  <td key={p.organization}>
                    {mine ? (
                      <>
                        <span aria-hidden="true">✔ </span>
                        {tr('Ansvarig', 'Responsible')}
                      </>
                    ) : each ? (
                      <>
                        <span aria-hidden="true">✔ </span>
                        {tr('För sin del', 'For its part')}
                      </>
                    ) : (
                      <span class="muted">–</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Publication({ c, reload }: { c: CooperationPage; reload: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [flash, setFlash] = useState('');
  const href = `/public/cooperations/${encodeURIComponent(c.id)}`;
  const pdf = (l: string) => `/api/v1/public/cooperations/${encodeURIComponent(c.id)}/essence.pdf?lang=${l}`;
  const act = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      setFlash(done);
      reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={tr('Sammanfattning för de registrerade (art. 26.2)', 'The essence for data subjects (Art. 26.2)')}>
      <p>
        {tr(
          'Sammanfattningen visar parterna, kontaktpunkten och vem som gör vad för den registrerade, på enkel svenska och engelska. Den kan läsas utan inloggning bara när en administratör har publicerat den.',
          'The essence shows the parties, the contact point and who does what for the data subject, in plain Swedish and English. It can be read without signing in only when an administrator has published it.',
        )}
      </p>
      <Flash text={flash} />
      {error && <ErrorBox error={error} />}
      {c.publication ? (
        <>
          <p data-testid="essence-status">
            <StateBadge kind="ok" text={tr('Publicerad', 'Published')} /> {fmtDate(c.publication.published_at)} ({c.publication.published_by})
          </p>
          <ul>
            <li>
              <a href={href} data-testid="essence-link">
                {tr('Den publika sidan', 'The public page')}
              </a>
            </li>
            <li>
              <a href={pdf('sv')}>{tr('PDF på svenska', 'PDF in Swedish')}</a> · <a href={pdf('en')}>{tr('PDF på engelska', 'PDF in English')}</a>
            </li>
          </ul>
          {c.may.publish && (
            <button type="button" class="secondary" disabled={busy} onClick={() => void act(() => coopApi.unpublish(c.id, c.publication!.version), tr('Sammanfattningen är avpublicerad.', 'The essence is unpublished.'))}>
              {tr('Avpublicera', 'Unpublish')}
            </button>
          )}
        </>
      ) : (
        <>
          <p data-testid="essence-status">
            <StateBadge kind="neutral" text={tr('Inte publicerad', 'Not published')} />
          </p>
          {c.may.publish && (
            <button type="button" disabled={busy} data-testid="publish-essence" onClick={() => void act(() => coopApi.publish(c.id), tr('Sammanfattningen är publicerad.', 'The essence is published.'))}>
              {tr('Publicera sammanfattningen', 'Publish the essence')}
            </button>
          )}
        </>
      )}
    </Section>
  );
}

export function CooperationPageView({ id }: { id: string }) {
  const l = useLang();
  const a = useAsync(() => coopApi.cooperation(id, lang()), [id, l]);
  return (
    <Show a={a}>
      {(c) => (
        <>
          <PageTitle>{c.name}</PageTitle>
          <Dl
            rows={[
              [tr('Form', 'Form'), word(c.form)],
              [tr('Huvudman', 'Lead'), c.lead ? c.lead.name : '–'],
              [tr('Samordnare', 'Coordinator'), c.coordinator ? <a href={`/people/${encodeURIComponent(c.coordinator.id)}`}>{c.coordinator.name}</a> : '–'],
              [tr('Ledningens genomgång', 'Management review'), fmtDate(c.management_review_on)],
            ]}
          />
          <Section title={tr('Parter', 'Parties')}>
            <div class="table-wrap">
              <table data-testid="parties">
                <caption class="sr-only">{tr('Parter och deras anslutningsbeslut', 'Parties and their joining decisions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('Organisation', 'Organization')}</th>
                    <th scope="col">{tr('Ansvarig nämnd', 'Responsible committee')}</th>
                    <th scope="col">{tr('Beslut', 'Decision')}</th>
                    <th scope="col">{tr('Ansluten', 'Joined')}</th>
                    <th scope="col">{tr('Status', 'Status')}</th>
                    <th scope="col">{tr('Avvikelser', 'Findings')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.parties.map((p) => (
                    <tr key={p.organization}>
                      <th scope="row">
                        <a href={`/rulebook?organization=${encodeURIComponent(p.organization)}`} title={tr('Organisationens regelverk', "The organization's rulebook")}>
                          {p.organization_name}
                        </a>
                      </th>
                      <td>{p.committee ? <a href={`/committees/${encodeURIComponent(p.committee)}`}>{p.committee_name}</a> : '–'}</td>
                      <td>{p.decision || '–'}</td>
                      <td>{fmtDate(p.joined_on)}</td>
                      <td>
                        {p.status === 'missing' ? (
                          <StateBadge kind="bad" text={tr('Använder systemet men är inte part', 'Uses the system but is not a party')} />
                        ) : (
                          <State s={p.status} />
                        )}
                      </td>
                      <td>{p.rules.length ? p.rules.join(', ') : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
          <Section title={tr('Ansvarsfördelning', 'Responsibilities')}>
            <Matrix c={c} />
          </Section>
          <Section title={tr('Avvikelser', 'Findings')}>
            {c.findings.length === 0 ? (
              <p>{tr('Inga avvikelser.', 'No findings.')}</p>
            ) : (
              <ul class="findings-list" data-testid="coop-findings">
                {c.findings.map((f, i) => (
                  <li key={i}>
                    <SeverityBadge s={f.severity} /> <a href={`/rules#${f.rule}`}>{f.rule}</a> {f.message}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={tr('Styrande dokument', 'Governing documents')}>
            <div class="table-wrap">
              <table>
                <caption class="sr-only">{tr('Dokument och när de ses över', 'Documents and when they are reviewed')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('Dokument', 'Document')}</th>
                    <th scope="col">{tr('Undertecknat eller gjort', 'Signed or done')}</th>
                    <th scope="col">{tr('Publicerat', 'Published')}</th>
                    <th scope="col">{tr('Diarienummer', 'Diary number')}</th>
                    <th scope="col">{tr('Nästa översyn', 'Next review')}</th>
                    <th scope="col">{tr('Status', 'Status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.documents.map((d, i) => (
                    <tr key={i}>
                      <th scope="row">
                        {word(d.kind)}
                        {d.dpia && <> · DPIA</>}
                        {d.kind === 'risk_analysis' && !d.dpo_consulted && <> · {tr('dataskyddsombudet ej tillfrågat', 'DPO not consulted')}</>}
                      </th>
                      <td>{fmtDate(d.signed_on ?? d.done_on)}</td>
                      <td>{fmtDate(d.published_on)}</td>
                      <td>{d.diary_number ?? '–'}</td>
                      <td>{fmtDate(d.next_due)}</td>
                      <td>
                        <State s={d.state} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
          <Section title={tr('Årshjul', 'Annual cycle')}>
            <p class="muted">
              {tr(
                `Ledningens genomgång görs var ${c.review_months}:e månad (huvudmannens regelverk), och de styrande dokumenten ses över vid varje genomgång.`,
                `The management review is held every ${c.review_months} months (the lead's rulebook), and the governing documents are reviewed at each one.`,
              )}
            </p>
            <div class="table-wrap">
              <table data-testid="coop-cycle">
                <caption class="sr-only">{tr('Årshjul', 'Annual cycle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('Vad', 'What')}</th>
                    <th scope="col">{tr('Senast', 'Last')}</th>
                    <th scope="col">{tr('Nästa', 'Next')}</th>
                    <th scope="col">{tr('Status', 'Status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.cycle.map((x, i) => (
                    <tr key={i}>
                      <th scope="row">{x.what === 'management_review' ? word('management_review') : `${tr('Översyn', 'Review')}: ${word(x.kind)}`}</th>
                      <td>{fmtDate(x.last)}</td>
                      <td>{fmtDate(x.due)}</td>
                      <td>
                        <State s={x.state} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
          <Section title={tr('Gemensamma system', 'Shared systems')}>
            <ul>
              {c.systems.map((s) => (
                <li key={s.id}>
                  <a href={`/systems/${encodeURIComponent(s.id)}`}>{s.name}</a> <span class="muted">({label(s.category)}, {label(s.lifecycle)})</span>
                </li>
              ))}
            </ul>
          </Section>
          <Section title={tr('Grupper och tillfrågade', 'Groups and stakeholders consulted')}>
            <ul>
              {c.groups.map((g, i) => (
                <li key={i}>
                  <strong>{g.name}</strong> ({word(g.kind)}):{' '}
                  {g.members.map((m, j) => (
                    <span key={m.id}>
                      {j > 0 && ', '}
                      <a href={`/people/${encodeURIComponent(m.id)}`}>{m.name}</a>
                    </span>
                  ))}
                </li>
              ))}
            </ul>
            <p>
              {tr('Tillfrågade', 'Consulted')}: {c.consulted.length ? c.consulted.map(word).join(', ') : '–'}
              {c.stakeholders_missing.length > 0 && (
                <>
                  {' '}
                  · {tr('Ej tillfrågade', 'Not consulted')}: {c.stakeholders_missing.map(word).join(', ')}
                </>
              )}
            </p>
          </Section>
          <Publication c={c} reload={a.reload} />
        </>
      )}
    </Show>
  );
}
