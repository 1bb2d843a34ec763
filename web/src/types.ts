// The entities of the register and the API's answers: generated from the OpenAPI description (web/README.md,
// "Types from the OpenAPI description"): src/generated/api.ts is made by `npm run generate` from
// src/generated/openapi.json, which is `ansvar openapi`'s output (ctest openapi.contract keeps it in sync). The names
// below are the ones the pages use; add a type by aliasing its schema, not by writing it by hand.
import type { components } from './generated/api';

type S = components['schemas'];
export type Id = string;
export type DateStr = string; // YYYY-MM-DD
export type Instant = string; // RFC 3339

export type Severity = 'error' | 'warning' | 'info';

export type Organization = S['Organization'];
export type Committee = S['Committee'];
export type Unit = S['Unit'];
export type Administration = S['Administration'];
export type Person = S['Person'];
export type RoleAssignment = S['RoleAssignment'];
export type SystemDocument = S['Document'];
export type System = S['System'];
// The service assigns an id to every delegation and processor record it keeps (optional only in register files).
export type Delegation = S['Delegation'] & { id: Id };
export type PowerOfAttorney = S['PowerOfAttorney'];
export type ThresholdAnalysis = S['ThresholdAnalysis'];
export type ProcessingActivity = S['ProcessingActivity'];
export type ProcessorRecord = S['ProcessorRecord'] & { id: Id };
export type Incident = S['Incident'];
export type DataSubjectRequest = S['DataSubjectRequest'];
export type Agreement = S['Agreement'];

export interface EntityByCollection {
  organizations: Organization;
  committees: Committee;
  administrations: Administration;
  people: Person;
  systems: System;
  delegations: Delegation;
  powers_of_attorney: PowerOfAttorney;
  processing_activities: ProcessingActivity;
  processor_records: ProcessorRecord;
  incidents: Incident;
  data_subject_requests: DataSubjectRequest;
  agreements: Agreement;
}
export type CollectionName = keyof EntityByCollection;
export const COLLECTIONS: CollectionName[] = [
  'organizations',
  'committees',
  'administrations',
  'people',
  'systems',
  'delegations',
  'powers_of_attorney',
  'processing_activities',
  'processor_records',
  'incidents',
  'data_subject_requests',
  'agreements',
];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Subject = S['Subject'];
export type Finding = S['Finding'];
export type Summary = S['SeverityCounts'];
export type FindingsPage = S['Findings'];
export type Rule = S['Rule'];
export interface TrendPoint extends Summary {
  as_of: string;
}
export type DueItem = S['DueItem'];
export type PersonBrief = S['PersonRef'];
export interface Responsibilities {
  id?: Id;
  name?: string;
  as_of?: string;
  controllers: Id[];
  internal_processor: Id | null;
  joint_controllers?: boolean | Id[];
  owner?: PersonBrief | null;
  owner_committee?: Id | null;
  roles: { role: string; mandatory: boolean; holders: (PersonBrief | Id)[] }[];
  mandatory_roles: string[];
  documents: { kind: string; mandatory: boolean; present: Id[] | boolean }[];
  mandatory_documents: string[];
  dpa_decided_by: { committees?: Id[]; title?: string } | null;
  dpa: {
    rule?: string;
    case?: string;
    explanation_sv?: string;
    explanation_en?: string;
    delegations?: (Partial<Delegation> | string)[];
    missing_delegations?: (Id | Record<string, unknown>)[];
    signers?: (PersonBrief | Id)[];
    powers_of_attorney?: (Partial<PowerOfAttorney> | Id)[];
    missing_powers_of_attorney?: (Id | Record<string, unknown>)[];
  } | null;
  incident_handler: Id | null;
  incident?: { rule?: string; explanation_sv?: string; explanation_en?: string } | null;
}
export type AuditEntry = S['AuditEntry'];
// The server's problem details; the UI makes its own too (a network failure) with a status and a detail only.
export type Problem = Pick<S['Problem'], 'status'> & Partial<S['Problem']>;

export type ImportIssue = S['ImportIssue'];
export interface ImportRow {
  sheet: string;
  row: number;
  action: 'create' | 'update' | 'unchanged' | 'error';
  entity_type: string;
  entity_id: string;
  name: string;
  changes: { column: string; field: string; heading: string; before: string; after: string }[];
  problems: ImportIssue[];
}
export type ImportReport = S['ImportReport'];

// ---------- aggregated reads of the pages (GET /api/v1/pages/…, src/http/page_routes.cpp) ----------
export type GroupCount = S['FindingsGroup'];
export type SummaryGroups = S['FindingsSummary'];
/** The effective rulebook (GET /api/v1/rulebook): the numbers the rules use; the UI never repeats one. */
export type Rulebook = S['Rulebook'];
export type RuleTitle = S['RuleTitle'];
export type Decision = S['Decision'];
export interface OverviewPage {
  errors: FindingsPage | null;
  request_deadlines: FindingsPage | null;
  incidents: Page<Incident> | null;
  by_rule: SummaryGroups | null;
  by_committee: SummaryGroups | null;
  by_administration: SummaryGroups | null;
  by_subject: SummaryGroups | null;
  trend: { points: (TrendPoint & { systems: number })[] } | null;
  due: { items: DueItem[] } | null;
  days: number;
  rulebook: Rulebook;
  rules: RuleTitle[];
}
export interface PageNames {
  committees: Page<Committee> | null;
  administrations: Page<Administration> | null;
  organizations: Page<Organization> | null;
  people?: Person[];
  systems?: System[];
}
export interface SystemPageData {
  system: System;
  version: number;
  responsibilities: Responsibilities | null;
  findings: FindingsPage | null;
  history: { entries: AuditEntry[] } | null;
  names: PageNames;
  rules: RuleTitle[];
  may?: { edit: Decision; delete: Decision };
}
export interface MePage {
  account: { id: string; role: string; administration: string; person: string };
  may: { write: Record<string, boolean>; create_system: boolean; import: boolean; accounts: boolean };
  person: Person | null;
  systems: Page<System> | null;
  by_subject: SummaryGroups | null;
  by_committee: SummaryGroups | null;
  due: { items: DueItem[] } | null;
  administration?: Administration | null;
  administration_findings?: FindingsPage | null;
  incidents: Page<Incident> | null;
  requests: Page<DataSubjectRequest> | null;
  calendar_tokens: unknown;
  names: PageNames;
  rulebook: Rulebook;
  rules: RuleTitle[];
}
export interface CommitteePageData {
  committee: Committee;
  version: number;
  administrations: Page<Administration> | null;
  activities: Page<ProcessingActivity> | null;
  delegations: Page<Delegation> | null;
  processor_records: Page<ProcessorRecord> | null;
  systems: Page<System> | null;
  findings: FindingsPage | null;
  history: { entries: AuditEntry[] } | null;
  names: PageNames;
  rules: RuleTitle[];
  may?: { edit: Decision; delete: Decision };
}
