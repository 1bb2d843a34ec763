// The entities of the register, as spec/register-format.md names them (ansvar-register/1).
export type Id = string;
export type DateStr = string; // YYYY-MM-DD
export type Instant = string; // RFC 3339

export type Severity = 'error' | 'warning' | 'info';

export interface Organization {
  id: Id;
  name: string;
  kind: 'municipality' | 'region' | 'company' | 'foundation';
  dpo?: Id | null;
  management_review_on?: DateStr | null;
}
export interface Committee {
  id: Id;
  organization: Id;
  name: string;
  kind: 'executive_board' | 'service_committee' | 'committee' | 'audit';
}
export interface Unit {
  id: Id;
  name: string;
  kind: 'digital_center' | 'procurement' | 'other';
}
export interface Administration {
  id: Id;
  organization: Id;
  name: string;
  committees: Id[];
  employing_committee?: Id | null;
  units?: Unit[];
}
export interface Person {
  id: Id;
  name: string;
  administration?: Id | null;
  unit?: Id | null;
  title?: string | null;
  email?: string | null;
}
export interface RoleAssignment {
  role: string;
  person?: Id | null;
  committee?: Id | null; // information_owner: a committee
}
export interface SystemDocument {
  id: Id;
  kind: string;
  [field: string]: unknown;
}
export interface System {
  id: Id;
  name: string;
  category: string;
  scope: string;
  own_support_process?: boolean;
  owner_administration?: Id | null;
  used_by?: Id[];
  hosting?: 'internal' | 'external' | null;
  supplier?: string | null;
  personal_data?: boolean;
  special_categories?: boolean;
  fee?: boolean;
  lifecycle: string;
  active_since?: DateStr | null;
  classification?: { confidentiality?: number | null; integrity?: number | null; availability?: number | null } | null;
  processing_countries?: string[];
  transfer?: { basis?: string | null; tia_document?: Id | null } | null;
  roles?: RoleAssignment[];
  documents?: SystemDocument[];
  forums?: { kind: string; held_on: DateStr }[];
  reviews?: { kind: string; done_on: DateStr }[];
  integrations?: { to: Id; personal_data: boolean }[];
}
export interface Delegation {
  id: Id;
  committee: Id;
  matter: string;
  delegate_title?: string | null;
  decision?: string | null;
  valid_from?: DateStr | null;
  valid_to?: DateStr | null;
}
export interface PowerOfAttorney {
  id: Id;
  committee: Id;
  issued_by?: Id | null;
  holder?: Id | null;
  system?: Id | null;
  issued_on?: DateStr | null;
}
export interface ThresholdAnalysis {
  done_on?: DateStr | null;
  criteria?: string[];
  motivation?: string | null;
  dpo_commented?: boolean;
}
export interface ProcessingActivity {
  id: Id;
  controller?: Id | null;
  name: string;
  process_code?: string | null;
  purposes?: string[];
  legal_basis?: string | null;
  systems?: Id[];
  data_subjects?: string[];
  data_categories?: string[];
  recipients?: string[];
  transfers?: string[];
  retention?: string | null;
  security_measures?: string | null;
  joint_controllers?: Id[];
  processor_committee?: Id | null;
  start_date?: DateStr | null;
  own_dpia_required?: boolean;
  threshold_analysis?: ThresholdAnalysis | null;
  dpia?: { done_on?: DateStr | null; dpo_consulted?: boolean } | null;
}
export interface ProcessorRecord {
  id: Id;
  committee: Id;
  system: Id;
  subject?: string | null;
  processing_categories?: string[];
  committees?: Id[];
}
export interface Incident {
  id: Id;
  system?: Id | null;
  aware_at: Instant;
  controllers?: Id[];
  handler?: Id | null;
  assessment?: 'no_risk' | 'risk' | 'high_risk' | null;
  notified_authority_at?: Instant | null;
  delay_reason?: string | null;
  dpo_informed?: boolean;
  subjects_informed_at?: Instant | null;
}
export interface DataSubjectRequest {
  id: Id;
  received_on: DateStr;
  kind: string;
  controllers?: Id[];
  decided_on?: DateStr | null;
  extended_reason?: string | null;
  outcome?: 'granted' | 'partly_refused' | 'refused' | null;
  appeal_notice?: boolean;
}
export interface Agreement {
  id: Id;
  kind: 'joint_controller_arrangement' | 'cooperation_agreement' | 'other';
  systems?: Id[];
  parties?: Id[];
  signed_on?: DateStr | null;
}

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

export interface Subject {
  type: string;
  id: Id;
  name?: string;
}
export interface Finding {
  rule: string;
  severity: Severity;
  subject: Subject;
  message: string;
  detail?: Record<string, unknown>;
}
export interface Summary {
  error: number;
  warning: number;
  info: number;
}
export interface FindingsPage {
  as_of: string;
  findings: Finding[];
  summary: Summary;
  total: number;
  limit: number;
  offset: number;
}
export interface Rule {
  id: string;
  severity: Severity;
  title_sv: string;
  title_en: string;
  text_sv: string;
  text_en: string;
  source: string;
}
export interface TrendPoint extends Summary {
  as_of: string;
}
export interface DueItem {
  rule: string;
  severity: Severity;
  subject: Subject;
  title: string;
  due: DateStr;
  state: 'upcoming' | 'due' | 'overdue' | 'done';
  person: { id: Id; name: string } | null;
  role?: string | null;
}
export interface PersonBrief {
  id: Id;
  name: string;
  title?: string | null;
}
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
export interface AuditEntry {
  seq: number;
  at: Instant;
  actor: { id: string; name: string };
  entity_type: string;
  entity_id: Id;
  action: string;
  before: unknown;
  after: unknown;
  hash: string;
}
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** POST /api/v1/imports: the dry run's (or the import's) report, row by row and cell by cell. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  cell: string; // "Blad1!C7"
  field: string;
  severity: 'error' | 'warning';
  message: string;
}
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
export interface ImportReport {
  dry_run: boolean;
  ok: boolean;
  file: string;
  register_version: number;
  sheets: { name: string; kind: string; header_row: number; rows: number; columns: { column: string; heading: string; field: string | null }[] }[];
  summary: { created: number; updated: number; unchanged: number; skipped_empty_rows: number; errors: number; warnings: number };
  rows: ImportRow[];
  problems: ImportIssue[];
  applied?: { created: number; updated: number; deleted: number; unchanged: number };
}

// ---------- aggregated reads of the pages (GET /api/v1/pages/…, src/http/page_routes.cpp) ----------
export interface GroupCount extends Summary {
  key: string;
  type?: string;
  name: string;
}
export interface SummaryGroups {
  as_of: string;
  group_by: string;
  groups: GroupCount[];
}
/** The effective rulebook (GET /api/v1/rulebook): the numbers the rules use; the UI never repeats one. */
export interface Rulebook {
  dpia_threshold: number;
  authority_notice_hours: number;
  subjects_notice_hours: number;
  dsar_months: number;
  dsar_extension_months: number;
  [k: string]: unknown;
}
export interface RuleTitle {
  id: string;
  severity: Severity;
  title_sv: string;
  title_en: string;
}
export interface Decision {
  allowed: boolean;
  reason: string;
}
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
