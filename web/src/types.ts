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
export type Responsibilities = S['Responsibilities'];
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
export type OverviewPage = S['OverviewPage'];
export type PageNames = S['Names'];
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
export type MePage = S['MyPage'];
// With the ids the service assigns (Delegation, ProcessorRecord above).
export type CommitteePageData = Omit<S['CommitteePage'], 'delegations' | 'processor_records'> & {
  delegations: Page<Delegation> | null;
  processor_records: Page<ProcessorRecord> | null;
};
