// Cooperations, organizations' rulebooks and the public essence (src/http/cooperation_routes.cpp): the typed reads of
// their pages, the few writes, and the words for their values in Swedish and English.
import { apiFetch, ApiError } from './api';
import { tr } from './cycle_api';
import { label } from './i18n';
import type { components } from './generated/api';
import type { Problem } from './types';

type S = components['schemas'];

export type Source = 'default' | 'file' | 'register' | 'organization';
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface RulebookSetting {
  path: string[];
  group: string;
  value: Json;
  source: Source;
  inherited: Json;
  title_sv?: string;
  title_en?: string;
}
export interface RulebookPage {
  organization: { id: string; name: string; version: number } | null;
  organizations: { id: string; name: string; kind: string; has_overrides: boolean }[];
  settings: RulebookSetting[];
  may: { edit: boolean };
}

// The answers of these pages as the OpenAPI description gives them (src/generated/api.ts).
export type CooperationPage = S['CooperationPage'];
export type CoopFinding = CooperationPage['findings'][number];
export type DueState = S['CooperationDueState'];
export type CooperationItem = S['CooperationsPage']['items'][number];
export type Essence = S['Essence'];

async function getJson<T>(path: string): Promise<T> {
  return (await (await apiFetch('GET', path)).json()) as T;
}

export const coopApi = {
  rulebook: (organization: string) =>
    getJson<RulebookPage>('/pages/rulebook' + (organization ? `?organization=${encodeURIComponent(organization)}` : '')),
  cooperations: () => getJson<{ items: CooperationItem[] }>('/pages/cooperations'),
  cooperation: (id: string, lang: string) => getJson<CooperationPage>(`/pages/cooperations/${encodeURIComponent(id)}?lang=${lang}`),
  publish: (id: string) => apiFetch('PUT', `/cooperations/${encodeURIComponent(id)}/publication`, { headers: { 'Content-Type': 'application/json' }, body: '{}' }),
  unpublish: (id: string, version: number) => apiFetch('DELETE', `/cooperations/${encodeURIComponent(id)}/publication`, { headers: { 'If-Match': `"${version}"` } }),
  /** Sets (value given) or removes (undefined) one override of an organization: read, change, write with If-Match. */
  async setOverride(organization: string, path: string[], value: Json | undefined): Promise<void> {
    const res = await apiFetch('GET', `/organizations/${encodeURIComponent(organization)}`);
    const etag = res.headers.get('ETag') ?? '';
    const org = (await res.json()) as Record<string, Json>;
    const rulebook = structuredClone((org.rulebook as Record<string, Json> | undefined) ?? {});
    let at: Record<string, Json> = rulebook;
    const parents: Record<string, Json>[] = [];
    for (const key of path.slice(0, -1)) {
      if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) {
        if (value === undefined) break;
        at[key] = {};
      }
      parents.push(at);
      at = at[key] as Record<string, Json>;
    }
    const last = path[path.length - 1];
    if (value === undefined) {
      delete at[last];
      // Empty objects left behind go too: the override is gone, not an empty shell.
      for (let i = parents.length - 1; i >= 0; i--) {
        const key = path[i];
        const child = parents[i][key] as Record<string, Json>;
        if (child && typeof child === 'object' && Object.keys(child).length === 0) delete parents[i][key];
      }
    } else {
      at[last] = value;
    }
    const next = { ...org };
    if (Object.keys(rulebook).length === 0) delete next.rulebook;
    else next.rulebook = rulebook;
    await apiFetch('PUT', `/organizations/${encodeURIComponent(organization)}`, {
      headers: { 'Content-Type': 'application/json', 'If-Match': etag },
      body: JSON.stringify(next),
    });
  },
};

/** The public essence: read without a session (404 unless published). */
export async function fetchEssence(id: string, lang: string): Promise<Essence> {
  const res = await fetch(`/api/v1/public/cooperations/${encodeURIComponent(id)}/essence?lang=${lang}`, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let problem: Problem = { status: res.status };
    try {
      problem = (await res.json()) as Problem;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, problem);
  }
  return (await res.json()) as Essence;
}

// ---------- words ----------
const WORDS: Record<string, [string, string]> = {
  // sources
  source_default: ['Standard', 'Default'],
  source_file: ['Serverns regelfil', "The server's rulebook file"],
  source_register: ['Registrets regelverk', "The register's rulebook"],
  source_organization: ['Organisationens egen', "The organization's own"],
  // duties of the arrangement
  information_to_subjects: ['Information till de registrerade', 'Information to data subjects'],
  data_subject_requests: ['Begäranden från de registrerade', 'Data subject requests'],
  breach_handling: ['Hantering av personuppgiftsincidenter', 'Breach handling'],
  breach_notification: ['Anmälan av incidenter till IMY', 'Breach notification'],
  dpia: ['Konsekvensbedömning (DPIA)', 'DPIA'],
  security_measures: ['Säkerhetsåtgärder', 'Security measures'],
  processor_agreement: ['Personuppgiftsbiträdesavtal', 'Processor agreement'],
  contact_point: ['Kontaktpunkt för de registrerade', 'Contact point for data subjects'],
  ropa: ['Register över behandling', 'Record of processing'],
  // cooperation documents
  organization_appendix: ['Bilaga 1: samverkansorganisation', 'Appendix 1: the cooperation organization'],
  management_system_appendix: ['Bilaga 2: ledningssystem', 'Appendix 2: management system'],
  economy_appendix: ['Bilaga 3: ekonomi', 'Appendix 3: economy'],
  risk_analysis: ['Risk- och sårbarhetsanalys', 'Risk and vulnerability analysis'],
  // forms and groups
  contract_cooperation: ['Avtalssamverkan (KL 9 kap. 37 §)', 'Contract cooperation'],
  common_committee: ['Gemensam nämnd', 'Common committee'],
  federation: ['Kommunalförbund', 'Federation of municipalities'],
  company: ['Bolag', 'Company'],
  steering_group: ['Styrgrupp', 'Steering group'],
  working_group: ['Arbetsgrupp', 'Working group'],
  management_group: ['Ledningsgrupp', 'Management group'],
  // stakeholders
  lawyer: ['Jurist', 'Lawyer'],
  dpo: ['Dataskyddsombud', 'Data protection officer'],
  information_security_coordinator: ['Informationssäkerhetssamordnare', 'Information security coordinator'],
  registry: ['Registrator', 'Registry'],
  archive: ['Arkiv', 'Archive'],
  security_chief: ['Säkerhetschef', 'Security chief'],
  // states
  state_decided: ['Beslutad', 'Decided'],
  state_not_decided: ['Beslut saknas', 'No decision'],
  state_missing: ['Saknas', 'Missing'],
  state_ok: ['I tid', 'On time'],
  state_soon: ['Snart', 'Due soon'],
  state_overdue: ['Försenad', 'Overdue'],
  state_done: ['Klar', 'Done'],
  management_review: ['Ledningens genomgång (PDCA)', 'Management review (PDCA)'],
  // settings
  dpia_threshold: ['Tröskel för konsekvensbedömning (antal kriterier)', 'DPIA threshold (number of criteria)'],
  contract_notice_days: ['Avtalets uppsägning: dagar före', 'Contract notice (days before)'],
  access_review_months: ['Behörighetsgranskning (månader)', 'Access review (months)'],
  log_review_months: ['Loggranskning (månader)', 'Log review (months)'],
  authority_notice_hours: ['Anmälan till IMY inom (timmar)', 'Notice to the authority within (hours)'],
  subjects_notice_hours: ['Underrätta de registrerade inom (timmar)', 'Notice to data subjects within (hours)'],
  require_dpa_delegation: ['Delegation krävs för PUB-avtal (KF § 33)', 'Delegation required for DPAs'],
  dsar_months: ['Svar på begäran (månader)', 'Answer to a request (months)'],
  dsar_extension_months: ['Förlängning av svarstid (månader)', 'Extension of the answer (months)'],
  lis_review_months: ['Ledningens genomgång (månader)', 'Management review (months)'],
  reminder_days: ['Påminnelse före (dagar)', 'Reminder before (days)'],
  message_stale_days: ['Driftinformation tas ned inom (dagar)', 'Operational messages taken down within (days)'],
  plan_deadline: ['Förvaltningsplan beslutad senast (MM-DD)', 'Management plan approved by (MM-DD)'],
  plan_reminder: ['Arbetet med planen börjar (MM-DD)', 'Work on the plan starts (MM-DD)'],
  report_deadline: ['Uppföljningsrapport senast (MM-DD)', 'Follow-up report by (MM-DD)'],
  scope_users_needs_two_administrations: ['Flera förvaltningar krävs för gemensamt system', 'Shared scope needs two administrations'],
  retention_management_plan_years: ['Gallring: förvaltningsplan (år)', 'Retention: management plan (years)'],
  retention_change_log_years: ['Gallring: ändringslogg (år)', 'Retention: change log (years)'],
  retention_log_review_report_years: ['Gallring: loggranskningsrapport (år)', 'Retention: log review report (years)'],
  procurement_roles: ['Roller före upphandling', 'Roles before procurement'],
  owner_titles: ['Titlar som får äga system', 'Titles that may own a system'],
  infrastructure_owner_titles: ['Titlar som får äga infrastruktur', 'Titles that may own infrastructure'],
  manager_titles: ['Chefstitlar', 'Manager titles'],
  dpa_clauses: ['PUB-avtalets klausuler', 'DPA clauses'],
  standing_documents: ['Stående dokument', 'Standing documents'],
  diary_documents: ['Dokument som diarieförs', 'Documents to register in the diary'],
  eea_countries: ['EU/EES-länder', 'EU/EEA countries'],
  cooperation_documents: ['Samverkans styrande dokument', "A cooperation's governing documents"],
  cooperation_duties: ['Uppgifter i arrangemanget (art. 26)', 'Duties of the arrangement (Art. 26)'],
  cooperation_stakeholders: ['Funktioner som ska tillfrågas', 'Stakeholders to consult'],
  dpa_decisions_from: ['Beslut om PUB-avtal krävs från', 'DPA decisions required from'],
  delegation_report_days: ['Delegationsbeslut anmäls inom (dagar)', 'Delegated decisions reported within (days)'],
  breach_records_from: ['Incidentregistrering krävs från', 'Breach records required from'],
  mandatory_roles: ['Obligatoriska roller', 'Mandatory roles'],
  roles_only_with_fee: ['Roller bara vid avgift', 'Roles only with a fee'],
  mandatory_documents: ['Obligatoriska dokument', 'Mandatory documents'],
  forums: ['Forum', 'Forums'],
  enabled: ['Påslagen', 'Enabled'],
  severity: ['Allvarlighetsgrad', 'Severity'],
};

/** The word for a value of these pages; else the app's label for it (an enum value), else the value itself. */
export function word(key: string): string {
  const w = WORDS[key];
  return w ? tr(w[0], w[1]) : label(key);
}
