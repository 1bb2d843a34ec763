// The essence of a cooperation's arrangement for the data subjects (art. 26.2), public: read without signing in
// (GET /api/v1/public/cooperations/{id}/essence, 404 unless an admin published it), in plain Swedish or English —
// the words come from the server, which writes the PDF with the same ones.
import { useEffect, useRef } from 'preact/hooks';
import { fetchEssence } from '../coop_api';
import { tr } from '../cycle_api';
import { ErrorBox, Loading, useAsync } from '../components';
import { fmtDate, lang, useLang } from '../i18n';
import { navigated } from '../router';
import '../coop.css';

/** Focus the page's heading after client-side navigation, as PageTitle does. */
function useHeadingFocus() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigated()) ref.current?.focus({ preventScroll: true });
  }, []);
  return ref;
}

export function EssencePage({ id }: { id: string }) {
  const l = useLang();
  const a = useAsync(() => fetchEssence(id, lang()), [id, l]);
  const ref = useHeadingFocus();
  if (a.error)
    return a.error.notFound ? (
      <>
        <h1 tabIndex={-1}>{tr('Sidan finns inte', 'The page does not exist')}</h1>
        <p>{tr('Det finns ingen publicerad sammanfattning här.', 'There is no published summary here.')}</p>
      </>
    ) : (
      <ErrorBox error={a.error} retry={a.reload} />
    );
  const e = a.data;
  if (!e) return <Loading />;
  const w = e.texts;
  const pdf = `/api/v1/public/cooperations/${encodeURIComponent(e.id)}/essence.pdf?lang=${e.lang}`;
  return (
    <article class="essence" lang={e.lang}>
      <h1 tabIndex={-1} ref={ref}>
        {e.name}: {w.title}
      </h1>
      <p>{w.intro}</p>
      <p>
        <strong>{w.rights}</strong>
      </p>
      <section aria-labelledby="essence-contact">
        <h2 id="essence-contact">{w.contact}</h2>
        <p>
          {w.contact_intro} <strong>{e.contact_party}</strong>
          {e.contact_person && (
            <>
              {', '}
              {e.contact_person.name}
              {e.contact_person.email && (
                <>
                  {' '}
                  (<a href={`mailto:${e.contact_person.email}`}>{e.contact_person.email}</a>)
                </>
              )}
            </>
          )}
        </p>
      </section>
      <section aria-labelledby="essence-duties">
        <h2 id="essence-duties">{w.duties}</h2>
        <div class="table-wrap">
          <table>
            <caption class="sr-only">{w.duties}</caption>
            <thead>
              <tr>
                <th scope="col">{w.duty}</th>
                <th scope="col">{w.responsible}</th>
              </tr>
            </thead>
            <tbody>
              {e.duties.map((d) => (
                <tr key={d.duty}>
                  <th scope="row">{d.text}</th>
                  <td>{d.responsible}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="essence-parties">
        <h2 id="essence-parties">{w.parties}</h2>
        <div class="table-wrap">
          <table>
            <caption class="sr-only">{w.parties}</caption>
            <thead>
              <tr>
                <th scope="col">{w.party}</th>
                <th scope="col">{w.committee}</th>
              </tr>
            </thead>
            <tbody>
              {e.parties.map((p) => (
                <tr key={p.organization}>
                  <th scope="row">{p.organization}</th>
                  <td>{p.committee || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {e.systems.length > 0 && (
        <section aria-labelledby="essence-systems">
          <h2 id="essence-systems">{w.systems}</h2>
          <p>{e.systems.join(', ')}</p>
        </section>
      )}
      <p class="muted">
        {w.published} {fmtDate(e.published_at.slice(0, 10))}
        {e.arrangement_signed_on && (
          <>
            {' · '}
            {w.arrangement} {e.arrangement_signed_on}
          </>
        )}
      </p>
      <p>
        <a href={pdf} data-testid="essence-pdf">
          {tr('Ladda ned som PDF', 'Download as PDF')}
        </a>
      </p>
    </article>
  );
}
