// What the edit form of each collection shows: the fields of spec/register-format.md, typed.
import { lang } from '../i18n';
import type { CollectionName } from '../types';

export type FieldType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'date'
  | 'datetime'
  | 'bool'
  | 'enum'
  | 'ref'
  | 'refs'
  | 'strings'
  | 'number'
  | 'object'
  | 'rows';

export interface Field {
  key: string;
  type: FieldType;
  required?: boolean;
  options?: string[]; // enum values (labels from i18n)
  rulebookOptions?: 'dpa_clauses'; // values the effective rulebook lists (GET /api/v1/rulebook), never kept here
  c?: CollectionName; // ref / refs target
  fields?: Field[]; // object / rows
  when?: (row: any) => boolean; // shown only when true (document kinds)
  min?: number;
  max?: number;
  /** A create-only field (the id): read-only once the entity exists. */
  idField?: boolean;
}

const FIELD_LABELS: Record<string, [string, string]> = {
  id: ['Id', 'Id'],
  name: ['Namn', 'Name'],
  kind: ['Typ', 'Kind'],
  organization: ['Organisation', 'Organization'],
  dpo: ['Dataskyddsombud', 'Data protection officer'],
  management_review_on: ['Senaste ledningens genomgång', 'Last management review'],
  committees: ['Nämnder', 'Committees'],
  employing_committee: ['Anställande nämnd', 'Employing committee'],
  units: ['Enheter', 'Units'],
  administration: ['Förvaltning', 'Administration'],
  unit: ['Enhet (id)', 'Unit (id)'],
  title: ['Befattning', 'Title'],
  email: ['E-post', 'Email'],
  category: ['Kategori', 'Category'],
  scope: ['Omfattning', 'Scope'],
  own_support_process: ['Stöder KS:s eller Services egen stödprocess', "Supports KS's or Service's own support process"],
  owner_administration: ['Ägande förvaltning', 'Owning administration'],
  used_by: ['Används av förvaltningar', 'Used by administrations'],
  hosting: ['Drift', 'Hosting'],
  supplier: ['Leverantör', 'Supplier'],
  personal_data: ['Behandlar personuppgifter', 'Processes personal data'],
  special_categories: ['Känsliga personuppgifter (art. 9)', 'Special categories (Art. 9)'],
  fee: ['Avgiftsbelagd', 'Has a fee'],
  lifecycle: ['Livscykel', 'Lifecycle'],
  active_since: ['I drift sedan', 'Active since'],
  classification: ['Informationsklassning', 'Information classification'],
  confidentiality: ['Konfidentialitet (0–3)', 'Confidentiality (0–3)'],
  integrity: ['Riktighet (0–3)', 'Integrity (0–3)'],
  availability: ['Tillgänglighet (0–3)', 'Availability (0–3)'],
  processing_countries: ['Behandlingsländer (ISO-koder)', 'Processing countries (ISO codes)'],
  transfer: ['Överföring utanför EU/EES', 'Transfer outside the EU/EEA'],
  basis: ['Grund', 'Basis'],
  tia_document: ['TIA-dokument (id)', 'TIA document (id)'],
  roles: ['Roller', 'Roles'],
  role: ['Roll', 'Role'],
  person: ['Person', 'Person'],
  documents: ['Dokument', 'Documents'],
  valid_from: ['Gäller från', 'Valid from'],
  valid_to: ['Gäller till', 'Valid to'],
  diary_number: ['Diarienummer', 'Diary number'],
  signed_on: ['Undertecknat', 'Signed on'],
  signed_by: ['Undertecknat av', 'Signed by'],
  on_behalf_of: ['För nämnder', 'On behalf of committees'],
  clauses: ['Klausuler', 'Clauses'],
  powers_of_attorney: ['Fullmakter (id)', 'Powers of attorney (ids)'],
  year: ['År', 'Year'],
  approved_on: ['Godkänd', 'Approved on'],
  approved_by: ['Godkänd av', 'Approved by'],
  done_on: ['Gjord', 'Done on'],
  dpo_consulted: ['Dataskyddsombudet rådfrågat', 'DPO consulted'],
  forums: ['Forum', 'Forums'],
  held_on: ['Hölls', 'Held on'],
  reviews: ['Granskningar', 'Reviews'],
  integrations: ['Integrationer', 'Integrations'],
  to: ['Till system', 'To system'],
  committee: ['Nämnd', 'Committee'],
  matter: ['Ärende', 'Matter'],
  delegate_title: ['Delegat (befattning)', 'Delegate (title)'],
  decision: ['Beslut (paragraf)', 'Decision (minute)'],
  issued_by: ['Utfärdad av', 'Issued by'],
  holder: ['Innehavare', 'Holder'],
  system: ['System', 'System'],
  issued_on: ['Utfärdad', 'Issued on'],
  controller: ['Personuppgiftsansvarig nämnd', 'Controller committee'],
  process_code: ['Processkod', 'Process code'],
  purposes: ['Ändamål', 'Purposes'],
  legal_basis: ['Rättslig grund', 'Legal basis'],
  systems: ['System', 'Systems'],
  data_subjects: ['Kategorier av registrerade', 'Categories of data subjects'],
  data_categories: ['Kategorier av personuppgifter', 'Categories of personal data'],
  recipients: ['Mottagare', 'Recipients'],
  transfers: ['Överföringar till tredje land', 'Third-country transfers'],
  retention: ['Gallring / lagringstid', 'Retention'],
  security_measures: ['Säkerhetsåtgärder', 'Security measures'],
  joint_controllers: ['Gemensamt ansvariga nämnder', 'Joint controller committees'],
  processor_committee: ['Biträdande nämnd', 'Processor committee'],
  start_date: ['Behandlingen startade', 'Processing started'],
  own_dpia_required: ['Egen DPIA krävs', 'Own DPIA required'],
  threshold_analysis: ['Tröskelanalys', 'Threshold analysis'],
  criteria: ['Uppfyllda kriterier', 'Criteria met'],
  motivation: ['Motivering (ingen hög risk)', 'Motivation (no high risk)'],
  dpo_commented: ['Dataskyddsombudet har yttrat sig', 'DPO has commented'],
  dpia: ['Konsekvensbedömning (DPIA)', 'Impact assessment (DPIA)'],
  subject: ['Föremål för behandlingen', 'Subject of the processing'],
  processing_categories: ['Kategorier av behandling', 'Categories of processing'],
  aware_at: ['Upptäckt (datum och tid)', 'Aware at (date and time)'],
  occurred_at: ['Inträffade (datum och tid, om känt)', 'Occurred at (date and time, if known)'],
  nature: ['Typ av incident', 'Nature of the breach'],
  cause: ['Orsak', 'Cause'],
  subject_categories: ['Kategorier av registrerade', 'Categories of data subjects'],
  approx_subjects: ['Ungefärligt antal registrerade', 'Approximate number of data subjects'],
  record_categories: ['Kategorier av personuppgifter', 'Categories of personal data'],
  approx_records: ['Ungefärligt antal poster', 'Approximate number of records'],
  likely_consequences: ['Sannolika konsekvenser', 'Likely consequences'],
  measures: ['Vidtagna och planerade åtgärder (art. 33.3 d)', 'Measures taken and proposed (art. 33.3 d)'],
  subjects_informed_how: ['Hur de registrerade informerats (eller varför inte)', 'How the data subjects were informed (or why not)'],
  cross_border: ['Registrerade i andra EU/EES-länder berörs', 'Data subjects in other EU/EEA states affected'],
  affected_informed_on: ['Dokumentationen skickad till berörda nämnder', 'Documentation sent to the affected committees'],
  assessments: ['Nämnders egna bedömningar', 'Committees\' own assessments'],
  action_plan: ['Åtgärdsplan', 'Action plan'],
  due: ['Senast', 'Due'],
  owner: ['Ansvarig', 'Owner'],
  description: ['Beskrivning', 'Description'],
  status: ['Status', 'Status'],
  controllers: ['Personuppgiftsansvariga nämnder', 'Controller committees'],
  handler: ['Hanterande nämnd', 'Handling committee'],
  assessment: ['Riskbedömning', 'Risk assessment'],
  notified_authority_at: ['Anmäld till IMY', 'Notified to IMY'],
  delay_reason: ['Skäl till försening', 'Reason for delay'],
  dpo_informed: ['Dataskyddsombudet informerat', 'DPO informed'],
  subjects_informed_at: ['Registrerade informerade', 'Data subjects informed'],
  received_on: ['Mottagen', 'Received on'],
  decided_on: ['Beslutad', 'Decided on'],
  extended_reason: ['Skäl till förlängning', 'Reason for extension'],
  outcome: ['Utfall', 'Outcome'],
  appeal_notice: ['Överklagandehänvisning lämnad', 'Appeal notice given'],
  parties: ['Parter (organisationer)', 'Parties (organizations)'],
};
export function fieldLabel(key: string): string {
  const l = FIELD_LABELS[key];
  return l ? l[lang() === 'en' ? 1 : 0] : key;
}

const CATEGORY = ['public_service', 'authority_service', 'commercial_service', 'digital_tool', 'business_system', 'platform', 'it_infrastructure'];
const SCOPE = ['municipality_wide', 'administration_specific'];
const LIFECYCLE = ['planned', 'procurement', 'active', 'retiring', 'retired'];
export const ROLES = [
  'owner',
  'budget_holder',
  'system_steward',
  'service_steward',
  'lead_superuser',
  'area_manager',
  'system_administrator',
  'technical_steward',
  'product_owner',
  'superuser',
  'information_owner',
  'information_steward',
  'process_owner',
  'process_leader',
  'supplier',
];
const DOC_KINDS = [
  'base_contract',
  'dpa',
  'management_plan',
  'follow_up_report',
  'sla',
  'joint_controller_arrangement',
  'dpia',
  'threshold_analysis',
  'transfer_impact_assessment',
  'classification',
  'action_plan',
  'log_review_report',
  'change_log',
];
const TITLES = ['municipal_director', 'deputy_municipal_director', 'administration_director', 'digital_center_head', 'manager', 'employee'];
const CRITERIA = [
  'evaluation_scoring',
  'automated_decision',
  'systematic_monitoring',
  'sensitive_data',
  'large_scale',
  'matching_datasets',
  'vulnerable_subjects',
  'innovative_technology',
  'prevents_rights',
];

const is = (...kinds: string[]) => (row: any) => kinds.includes(row?.kind);

export const SCHEMAS: Record<CollectionName, Field[]> = {
  organizations: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'name', type: 'text', required: true },
    { key: 'kind', type: 'enum', required: true, options: ['municipality', 'region', 'company', 'foundation'] },
    { key: 'dpo', type: 'ref', c: 'people' },
    { key: 'management_review_on', type: 'date' },
  ],
  committees: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'name', type: 'text', required: true },
    { key: 'organization', type: 'ref', c: 'organizations', required: true },
    { key: 'kind', type: 'enum', required: true, options: ['executive_board', 'service_committee', 'committee', 'audit'] },
  ],
  administrations: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'name', type: 'text', required: true },
    { key: 'organization', type: 'ref', c: 'organizations', required: true },
    { key: 'committees', type: 'refs', c: 'committees', required: true },
    { key: 'employing_committee', type: 'ref', c: 'committees' },
    {
      key: 'units',
      type: 'rows',
      fields: [
        { key: 'id', type: 'text', required: true },
        { key: 'name', type: 'text', required: true },
        { key: 'kind', type: 'enum', required: true, options: ['digital_center', 'procurement', 'other'] },
      ],
    },
  ],
  people: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'name', type: 'text', required: true },
    { key: 'administration', type: 'ref', c: 'administrations' },
    { key: 'unit', type: 'text' },
    { key: 'title', type: 'enum', options: TITLES },
    { key: 'email', type: 'email' },
  ],
  systems: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'name', type: 'text', required: true },
    { key: 'category', type: 'enum', required: true, options: CATEGORY },
    { key: 'scope', type: 'enum', required: true, options: SCOPE },
    { key: 'lifecycle', type: 'enum', required: true, options: LIFECYCLE },
    { key: 'own_support_process', type: 'bool' },
    { key: 'owner_administration', type: 'ref', c: 'administrations' },
    { key: 'used_by', type: 'refs', c: 'administrations' },
    { key: 'hosting', type: 'enum', options: ['internal', 'external'] },
    { key: 'supplier', type: 'text' },
    { key: 'personal_data', type: 'bool' },
    { key: 'special_categories', type: 'bool' },
    { key: 'fee', type: 'bool' },
    { key: 'active_since', type: 'date' },
    {
      key: 'classification',
      type: 'object',
      fields: [
        { key: 'confidentiality', type: 'number', min: 0, max: 3 },
        { key: 'integrity', type: 'number', min: 0, max: 3 },
        { key: 'availability', type: 'number', min: 0, max: 3 },
      ],
    },
    { key: 'processing_countries', type: 'strings' },
    {
      key: 'transfer',
      type: 'object',
      fields: [
        { key: 'basis', type: 'enum', options: ['adequacy', 'scc', 'bcr', 'derogation'] },
        { key: 'tia_document', type: 'text' },
      ],
    },
    {
      key: 'roles',
      type: 'rows',
      fields: [
        { key: 'role', type: 'enum', required: true, options: ROLES },
        { key: 'person', type: 'ref', c: 'people', when: (r) => r?.role !== 'information_owner' },
        { key: 'committee', type: 'ref', c: 'committees', when: (r) => r?.role === 'information_owner' },
      ],
    },
    {
      key: 'documents',
      type: 'rows',
      fields: [
        { key: 'id', type: 'text', required: true },
        { key: 'kind', type: 'enum', required: true, options: DOC_KINDS },
        { key: 'valid_from', type: 'date', when: is('base_contract', 'sla', 'joint_controller_arrangement') },
        { key: 'valid_to', type: 'date', when: is('base_contract', 'sla', 'joint_controller_arrangement') },
        { key: 'signed_on', type: 'date', when: is('dpa') },
        { key: 'signed_by', type: 'ref', c: 'people', when: is('dpa') },
        { key: 'on_behalf_of', type: 'refs', c: 'committees', when: is('dpa') },
        { key: 'organization', type: 'ref', c: 'organizations', when: is('dpa') },
        { key: 'clauses', type: 'refs', rulebookOptions: 'dpa_clauses', when: is('dpa') },
        { key: 'powers_of_attorney', type: 'strings', when: is('dpa') },
        { key: 'year', type: 'number', when: is('management_plan', 'follow_up_report') },
        { key: 'approved_on', type: 'date', when: is('management_plan', 'follow_up_report', 'action_plan') },
        { key: 'approved_by', type: 'ref', c: 'people', when: is('management_plan', 'follow_up_report', 'action_plan') },
        {
          key: 'done_on',
          type: 'date',
          when: is('dpia', 'classification', 'threshold_analysis', 'transfer_impact_assessment', 'log_review_report'),
        },
        { key: 'dpo_consulted', type: 'bool', when: is('dpia') },
        { key: 'diary_number', type: 'text' },
      ],
    },
    {
      key: 'forums',
      type: 'rows',
      fields: [
        {
          key: 'kind',
          type: 'enum',
          required: true,
          options: ['contract_review', 'internal_dialogue', 'development_council', 'user_forum', 'checkpoint_meeting', 'supplier_meeting', 'steward_forum'],
        },
        { key: 'held_on', type: 'date', required: true },
      ],
    },
    {
      key: 'reviews',
      type: 'rows',
      fields: [
        { key: 'kind', type: 'enum', required: true, options: ['access_review', 'log_review'] },
        { key: 'done_on', type: 'date', required: true },
      ],
    },
    {
      key: 'integrations',
      type: 'rows',
      fields: [
        { key: 'to', type: 'ref', c: 'systems', required: true },
        { key: 'personal_data', type: 'bool' },
      ],
    },
  ],
  delegations: [
    { key: 'id', type: 'text', idField: true },
    { key: 'committee', type: 'ref', c: 'committees', required: true },
    { key: 'matter', type: 'text', required: true },
    { key: 'delegate_title', type: 'enum', options: TITLES },
    { key: 'decision', type: 'text' },
    { key: 'valid_from', type: 'date' },
    { key: 'valid_to', type: 'date' },
  ],
  powers_of_attorney: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'committee', type: 'ref', c: 'committees', required: true },
    { key: 'issued_by', type: 'ref', c: 'people' },
    { key: 'holder', type: 'ref', c: 'people' },
    { key: 'system', type: 'ref', c: 'systems' },
    { key: 'issued_on', type: 'date' },
  ],
  processing_activities: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'name', type: 'text', required: true },
    { key: 'controller', type: 'ref', c: 'committees', required: true },
    { key: 'process_code', type: 'text' },
    { key: 'purposes', type: 'strings' },
    {
      key: 'legal_basis',
      type: 'enum',
      options: ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'],
    },
    { key: 'systems', type: 'refs', c: 'systems' },
    { key: 'data_subjects', type: 'strings' },
    { key: 'data_categories', type: 'strings' },
    { key: 'recipients', type: 'strings' },
    { key: 'transfers', type: 'strings' },
    { key: 'retention', type: 'textarea' },
    { key: 'security_measures', type: 'textarea' },
    { key: 'joint_controllers', type: 'refs', c: 'committees' },
    { key: 'processor_committee', type: 'ref', c: 'committees' },
    { key: 'start_date', type: 'date' },
    { key: 'own_dpia_required', type: 'bool' },
    {
      key: 'threshold_analysis',
      type: 'object',
      fields: [
        { key: 'done_on', type: 'date' },
        { key: 'criteria', type: 'refs', options: CRITERIA },
        { key: 'motivation', type: 'textarea' },
        { key: 'dpo_commented', type: 'bool' },
      ],
    },
    {
      key: 'dpia',
      type: 'object',
      fields: [
        { key: 'done_on', type: 'date' },
        { key: 'dpo_consulted', type: 'bool' },
      ],
    },
  ],
  processor_records: [
    { key: 'id', type: 'text', idField: true },
    { key: 'committee', type: 'ref', c: 'committees', required: true },
    { key: 'system', type: 'ref', c: 'systems', required: true },
    { key: 'subject', type: 'text' },
    { key: 'processing_categories', type: 'strings' },
    { key: 'committees', type: 'refs', c: 'committees' },
  ],
  incidents: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'system', type: 'ref', c: 'systems' },
    { key: 'aware_at', type: 'datetime', required: true },
    { key: 'controllers', type: 'refs', c: 'committees' },
    { key: 'handler', type: 'ref', c: 'committees' },
    { key: 'assessment', type: 'enum', options: ['no_risk', 'risk', 'high_risk'] },
    { key: 'notified_authority_at', type: 'datetime' },
    { key: 'delay_reason', type: 'textarea' },
    { key: 'dpo_informed', type: 'bool' },
    { key: 'subjects_informed_at', type: 'datetime' },
    // The breach record (art. 33.3) and what the authority's form asks beyond it (docs/breach-records.md).
    { key: 'description', type: 'textarea' },
    { key: 'occurred_at', type: 'datetime' },
    { key: 'nature', type: 'refs', options: ['confidentiality', 'integrity', 'availability'] },
    {
      key: 'cause',
      type: 'enum',
      options: ['misdirected', 'unauthorised_access', 'cyber_attack', 'technical_fault', 'lost_or_stolen', 'other_human_error', 'other'],
    },
    { key: 'subject_categories', type: 'strings' },
    { key: 'approx_subjects', type: 'number', min: 0 },
    { key: 'record_categories', type: 'strings' },
    { key: 'approx_records', type: 'number', min: 0 },
    { key: 'likely_consequences', type: 'textarea' },
    { key: 'measures', type: 'textarea' },
    { key: 'subjects_informed_how', type: 'textarea' },
    { key: 'cross_border', type: 'bool' },
    { key: 'affected_informed_on', type: 'date' },
    {
      key: 'assessments',
      type: 'rows',
      fields: [
        { key: 'committee', type: 'ref', c: 'committees', required: true },
        { key: 'assessment', type: 'enum', options: ['no_risk', 'risk', 'high_risk'] },
        { key: 'notified_authority_at', type: 'datetime' },
      ],
    },
    {
      key: 'action_plan',
      type: 'rows',
      fields: [
        { key: 'id', type: 'text' },
        { key: 'description', type: 'text', required: true },
        { key: 'owner', type: 'ref', c: 'people' },
        { key: 'due', type: 'date' },
        { key: 'status', type: 'enum', required: true, options: ['planned', 'in_progress', 'done', 'cancelled'] },
        { key: 'done_on', type: 'date' },
      ],
    },
  ],
  data_subject_requests: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'received_on', type: 'date', required: true },
    {
      key: 'kind',
      type: 'enum',
      required: true,
      options: ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'],
    },
    { key: 'controllers', type: 'refs', c: 'committees' },
    { key: 'decided_on', type: 'date' },
    { key: 'extended_reason', type: 'textarea' },
    { key: 'outcome', type: 'enum', options: ['granted', 'partly_refused', 'refused'] },
    { key: 'appeal_notice', type: 'bool' },
  ],
  agreements: [
    { key: 'id', type: 'text', required: true, idField: true },
    { key: 'kind', type: 'enum', required: true, options: ['joint_controller_arrangement', 'cooperation_agreement', 'other'] },
    { key: 'systems', type: 'refs', c: 'systems' },
    { key: 'parties', type: 'refs', c: 'organizations' },
    { key: 'signed_on', type: 'date' },
  ],
};

/** Collections small enough to offer every item in a picker; the others are searched on the server. */
export const SMALL: CollectionName[] = ['organizations', 'committees', 'administrations'];
