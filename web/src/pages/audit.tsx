// The audit trail across the register: who (the signed-in account) changed what and when, newest first, filtered by
// account and kind. Loaded only when first shown (its own chunk).
import { useState } from 'preact/hooks';
import { api } from '../api';
import { COLLECTION_OF_TYPE, hrefOf, PageTitle, Show, useAsync } from '../components';
import { fmtDate, label, localTexts, t, useLang, type Key } from '../i18n';
import { setQuery } from '../router';
import { actionOf, changedFields, Who } from './system';

// This page's texts (Swedish first, English), kept in its own chunk.
const sv = {
  audit_title: 'Ändringslogg',
  audit_intro: 'Vem ändrade vad och när, senaste först. Varje ändring bär kontot som gjorde den.',
  audit_caption: 'Ändringar, senaste först',
  audit_account: 'Konto (användarnamn)',
  audit_type: 'Typ',
  audit_entity: 'Post',
  audit_change: 'Ändring',
  audit_more: 'Visa fler',
  audit_of_account: 'Ändringar av {name}',
  audit_all: 'Hela ändringsloggen',
};
const en: Record<keyof typeof sv, string> = {
  audit_title: 'Audit trail',
  audit_intro: 'Who changed what and when, newest first. Every change carries the account that made it.',
  audit_caption: 'Changes, newest first',
  audit_account: 'Account (user name)',
  audit_type: 'Type',
  audit_entity: 'Record',
  audit_change: 'Change',
  audit_more: 'Show more',
  audit_of_account: 'Changes by {name}',
  audit_all: 'The whole audit trail',
};
const tx = localTexts(sv, en);

const TYPES = Object.keys(COLLECTION_OF_TYPE);
const PAGE = 100;

export function AuditPage({ query }: { query: URLSearchParams }) {
  useLang();
  const f = { actor: query.get('actor') ?? '', entity_type: query.get('entity_type') ?? '', limit: Number(query.get('limit') ?? PAGE) || PAGE };
  const [actor, setActor] = useState(f.actor);
  const [type, setType] = useState(f.entity_type);
  const a = useAsync(() => api.audit({ actor: f.actor || undefined, entity_type: f.entity_type || undefined, limit: f.limit }), [query.toString()]);
  const named = a.data?.entries.find((e) => e.actor?.id === f.actor)?.actor?.name;
  return (
    <>
      <PageTitle>{f.actor ? tx('audit_of_account', { name: named || f.actor }) : tx('audit_title')}</PageTitle>
      <p class="muted">{tx('audit_intro')}</p>
      <form
        class="filters"
        role="search"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ actor: actor.trim().toLowerCase() || undefined, entity_type: type || undefined }, false);
        }}
      >
        <div class="field">
          <label for="audit-actor">{tx('audit_account')}</label>
          <input id="audit-actor" type="text" autoCapitalize="none" spellcheck={false} value={actor} onInput={(e) => setActor((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="audit-type">{tx('audit_type')}</label>
          <select id="audit-type" value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value)}>
            <option value="">{t('all')}</option>
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {label(x)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('filter')}</button>
        {(f.actor || f.entity_type) && (
          <a
            href="/audit"
            onClick={() => {
              setActor('');
              setType('');
            }}
          >
            {t('clear_filters')}
          </a>
        )}
      </form>
      <Show a={a}>
        {(r) =>
          r.entries.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <>
              <div class="table-wrap">
                <table data-testid="audit">
                  <caption class="sr-only">{tx('audit_caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('when')}</th>
                      <th scope="col">{t('who')}</th>
                      <th scope="col">{tx('audit_entity')}</th>
                      <th scope="col">{tx('audit_change')}</th>
                      <th scope="col">{t('changed_fields')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.entries.map((e) => {
                      const c = COLLECTION_OF_TYPE[e.entity_type];
                      const action = actionOf(e);
                      // The name as the entry itself recorded it: no look-up per row.
                      const v = (e.after ?? e.before ?? {}) as { name?: unknown };
                      const name = typeof v.name === 'string' && v.name ? v.name : e.entity_id;
                      return (
                        <tr key={e.seq}>
                          <td>{fmtDate(e.at)}</td>
                          <td>
                            <Who actor={e.actor} />
                          </td>
                          <td>
                            <span class="muted">{label(e.entity_type)}: </span>
                            {c && action !== 'delete' ? <a href={hrefOf(c, e.entity_id)}>{name}</a> : name}
                          </td>
                          <td>{t(`action_${action}` as Key)}</td>
                          <td>{action === 'update' ? changedFields(e).join(', ') : t('dash')}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {r.entries.length >= f.limit && (
                <p>
                  <button type="button" class="secondary" onClick={() => setQuery({ actor: f.actor || undefined, entity_type: f.entity_type || undefined, limit: f.limit + PAGE })}>
                    {tx('audit_more')}
                  </button>
                </p>
              )}
            </>
          )
        }
      </Show>
    </>
  );
}
