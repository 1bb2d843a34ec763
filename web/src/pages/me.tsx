// Each account's start page (issue 16): a steward's systems with their findings and to-dos and a calendar link; a data
// protection contact's administration (breaches, requests, findings); the data protection officer's view across the
// committees. One aggregated read (GET /api/v1/pages/me); the name in the header opens it.
import { useEffect } from 'preact/hooks';
import { api } from '../api';
import {
  Countdown,
  ErrorBox,
  hrefOf,
  PageTitle,
  primeName,
  primeNames,
  primeRulebook,
  Ref,
  RefList,
  Section,
  SeverityBadge,
  Skeleton,
  StateBadge,
  useAsync,
} from '../components';
import { fmtDate, fmtText, label, lang, t, useLang, type Key } from '../i18n';
import { markReady } from '../perf';
import type { DataSubjectRequest, GroupCount, Incident, MePage } from '../types';
import { DueTable } from './overview';
import { Subscribe } from './cycle';
import { useSession } from '../session';

function countsOf(groups: GroupCount[] | undefined, type: string, key: string) {
  return groups?.find((g) => g.type === type && g.key === key) ?? { error: 0, warning: 0, info: 0 };
}

function MySystems({ p }: { p: MePage }) {
  const items = p.systems?.items ?? [];
  if (items.length === 0) return <p>{t('no_roles')}</p>;
  return (
    <div class="table-wrap">
      <table data-testid="my-systems">
        <caption class="sr-only">{t('me_systems')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('system')}</th>
            <th scope="col">{t('me_my_roles')}</th>
            <th scope="col">{t('me_findings_of')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => {
            const c = countsOf(p.by_subject?.groups, 'system', s.id);
            return (
              <tr key={s.id}>
                <th scope="row">
                  <a href={hrefOf('systems', s.id)}>{s.name}</a>
                </th>
                <td>
                  {(s.roles ?? [])
                    .filter((r) => r.person === p.account.person)
                    .map((r) => label(r.role))
                    .join(', ')}
                </td>
                <td>
                  <SeverityBadge s="error" count={c.error} /> <SeverityBadge s="warning" count={c.warning} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Breaches({ items, hours }: { items: Incident[]; hours: number }) {
  if (items.length === 0) return <p>{t('none')}</p>;
  return (
    <ul class="plain">
      {items.map((i) => (
        <li key={i.id}>
          <a href={hrefOf('incidents', i.id)}>{i.id}</a> (<Ref c="systems" id={i.system} />) <Countdown i={i} hours={hours} />
        </li>
      ))}
    </ul>
  );
}

function Requests({ items }: { items: DataSubjectRequest[] }) {
  if (items.length === 0) return <p>{t('none')}</p>;
  return (
    <ul class="plain">
      {items.map((r) => (
        <li key={r.id}>
          <a href={hrefOf('data_subject_requests', r.id)}>{r.id}</a> {label(r.kind)} · {t('received_on')} {fmtDate(r.received_on)} ·{' '}
          <RefList c="committees" ids={r.controllers} />
        </li>
      ))}
    </ul>
  );
}

export function StartPage() {
  useLang();
  const s = useSession();
  const a = useAsync(
    () =>
      api.mePage(lang()).then((p) => {
        primeNames(p.names);
        primeRulebook(p.rulebook);
        for (const s of p.systems?.items ?? []) primeName('systems', s.id, s.name);
        for (const g of p.by_subject?.groups ?? []) if (g.type === 'system' && g.name) primeName('systems', g.key, g.name);
        return p;
      }),
    [lang()],
  );
  const p = a.data;
  useEffect(() => {
    if (p) markReady('me');
  }, [p]);
  if (a.error && !p)
    return (
      <>
        <PageTitle>{t('my_page')}</PageTitle>
        <ErrorBox error={a.error} retry={a.reload} />
      </>
    );
  if (!p)
    return (
      <>
        <PageTitle>{t('my_page')}</PageTitle>
        <Skeleton height="100vh" />
      </>
    );
  const role = p.account.role;
  const hours = p.rulebook.authority_notice_hours;
  const adminCommittees = new Set(p.administration?.committees ?? []);
  const inScope = (controllers: string[] | undefined) => role !== 'data_protection_contact' || (controllers ?? []).some((c) => adminCommittees.has(c));
  const openBreaches = (p.incidents?.items ?? []).filter((i) => !i.notified_authority_at && i.assessment !== 'no_risk' && (inScope(i.controllers) || (role === 'data_protection_contact' && !!i.handler && adminCommittees.has(i.handler))));
  const openRequests = (p.requests?.items ?? []).filter((r) => !r.decided_on && inScope(r.controllers));
  const due = (p.due?.items ?? []).filter((d) => d.state !== 'done').sort((x, y) => x.due.localeCompare(y.due));
  return (
    <>
      <PageTitle>
        {t('my_page')}: {p.person?.name ?? (s.status === 'signed_in' ? s.account.name : '') ?? p.account.id}
      </PageTitle>
      <p class="muted">
        {t(`role_${role}` as Key)}
        {p.administration && (
          <>
            {' · '}
            <Ref c="administrations" id={p.administration.id} />
          </>
        )}
      </p>
      {(role === 'data_protection_contact' || role === 'dpo' || role === 'admin') && (
        <div class="grid-2">
          <Section title={role === 'data_protection_contact' ? t('me_admin_breaches') : t('me_open_breaches')}>
            <Breaches items={openBreaches} hours={hours} />
          </Section>
          <Section title={role === 'data_protection_contact' ? t('me_admin_requests') : t('me_open_requests')}>
            <Requests items={openRequests} />
          </Section>
        </div>
      )}
      {role === 'data_protection_contact' && p.administration && (
        <Section title={t('me_admin_records')}>
          <ul class="plain" data-testid="my-records">
            {(p.administration.committees ?? []).map((c) => (
              <li key={c}>
                <a href={`/committees/${encodeURIComponent(c)}#ropa`}>
                  {t('me_record_of', { name: p.names.committees?.items.find((x) => x.id === c)?.name ?? c })}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {role === 'data_protection_contact' && p.administration_findings && (
        <Section title={t('me_admin_findings')}>
          <p>
            <SeverityBadge s="error" count={p.administration_findings.summary.error} /> <SeverityBadge s="warning" count={p.administration_findings.summary.warning} />{' '}
            <SeverityBadge s="info" count={p.administration_findings.summary.info} />{' '}
            <a href={`/findings?administration=${encodeURIComponent(p.account.administration)}`}>{t('show_findings')}</a>
          </p>
          <ul class="plain">
            {p.administration_findings.findings
              .filter((f) => f.severity === 'error')
              .slice(0, 8)
              .map((f, i) => (
                <li key={i}>
                  <SeverityBadge s={f.severity} /> {fmtText(f.message)}
                </li>
              ))}
          </ul>
        </Section>
      )}
      {(role === 'dpo' || role === 'admin') && (
        <Section title={t('me_committees')}>
          <ul class="plain" data-testid="per-committee">
            {(p.by_committee?.groups ?? [])
              .filter((g) => g.error + g.warning > 0)
              .sort((x, y) => y.error - x.error)
              .map((g) => (
                <li key={g.key}>
                  <a href={`/findings?committee=${encodeURIComponent(g.key)}`}>{g.name}</a> <SeverityBadge s="error" count={g.error} />{' '}
                  <SeverityBadge s="warning" count={g.warning} />
                </li>
              ))}
          </ul>
        </Section>
      )}
      {p.account.person ? (
        <>
          <Section title={t('me_systems')}>
            <MySystems p={p} />
          </Section>
          <Section title={t('me_due')}>
            <DueTable items={due} />
          </Section>
          <Section title={t('me_calendar')}>
            <Subscribe scope="person" id={p.account.person} />
          </Section>
        </>
      ) : (
        role === 'steward' && <p class="notice">{t('me_no_person')}</p>
      )}
      {due.length === 0 && !p.account.person && p.due === null && role === 'reader' && <StateBadge kind="neutral" text={t('me_no_person')} />}
    </>
  );
}
