// Edit and create pages for every collection the API offers.
import { useState } from 'preact/hooks';
import { EntityForm } from '../forms/EntityForm';
import { useMay, whyNot } from '../session';
import { Flash, hrefOf, PageTitle, ROUTE_OF, setFlash, takeFlash, useName } from '../components';
import { t, useLang } from '../i18n';
import { navigate } from '../router';
import { COLLECTIONS, type CollectionName } from '../types';

const DETAIL: CollectionName[] = ['systems', 'committees', 'administrations', 'processing_activities', 'incidents', 'data_subject_requests', 'people'];
const NOUN: Record<CollectionName, [string, string]> = {
  organizations: ['organisation', 'organization'],
  committees: ['nämnd', 'committee'],
  administrations: ['förvaltning', 'administration'],
  people: ['person', 'person'],
  systems: ['system', 'system'],
  delegations: ['delegering', 'delegation'],
  powers_of_attorney: ['fullmakt', 'power of attorney'],
  processing_activities: ['behandling', 'processing activity'],
  processor_records: ['biträdesregister', 'processor record'],
  incidents: ['personuppgiftsincident', 'personal data breach'],
  data_subject_requests: ['begäran från registrerad', 'data subject request'],
  agreements: ['avtal', 'agreement'],
};
export function noun(c: CollectionName, en: boolean) {
  return NOUN[c][en ? 1 : 0];
}

function after(c: CollectionName, id: string) {
  return DETAIL.includes(c) ? hrefOf(c, id) : ROUTE_OF[c];
}

/** Said before the form is filled: the account's role may not change this kind of record (the server refuses too). */
function MayNot({ c }: { c: CollectionName }) {
  const may = useMay();
  if (!may || may.write[c]) return null;
  return (
    <p class="notice" role="note" data-testid="why-not">
      <span aria-hidden="true">ℹ </span>
      {t('why_not_edit', { reason: whyNot('') })}
    </p>
  );
}

export function EditPage({ c, id }: { c: CollectionName; id: string }) {
  useLang();
  const name = useName(c, id);
  const [flash] = useState(takeFlash());
  if (!COLLECTIONS.includes(c)) return <PageTitle>{t('not_found')}</PageTitle>;
  return (
    <>
      <PageTitle>{t('edit_title', { name })}</PageTitle>
      <Flash text={flash} />
      <MayNot c={c} />
      <EntityForm
        c={c}
        id={id}
        onSaved={(v) => {
          setFlash(t('saved'));
          navigate(after(c, (v.value as any).id ?? id));
        }}
        onCancel={() => history.back()}
        onDeleted={() => {
          setFlash(t('deleted'));
          navigate(ROUTE_OF[c]);
        }}
      />
    </>
  );
}

export function NewPage({ c, query }: { c: CollectionName; query: URLSearchParams }) {
  const l = useLang();
  if (!COLLECTIONS.includes(c)) return <PageTitle>{t('not_found')}</PageTitle>;
  const initial: Record<string, unknown> = {};
  for (const [k, v] of query.entries()) initial[k] = v;
  return (
    <>
      <PageTitle>{t('new_title', { what: noun(c, l === 'en') })}</PageTitle>
      <MayNot c={c} />
      <EntityForm
        c={c}
        initial={initial}
        onSaved={(v) => {
          setFlash(t('saved'));
          navigate(after(c, (v.value as any).id));
        }}
        onCancel={() => history.back()}
      />
    </>
  );
}
