// The SQLite schema of the register, normalised: one table per entity (columns for its scalar fields, a
// `position` keeping the order of the register, and a `version` for optimistic concurrency) and child tables for
// its lists of structured things, each with the parent key and a `position`. Optional nested objects with
// optional fields of their own (a system's transfer, an activity's threshold analysis and DPIA) are 0..1 child
// tables; a classification (three required levels) is three nullable columns, all set or all null.
//
// Short lists of plain strings are JSON text columns (a JSON array of strings, "[]" when empty): clauses,
// purposes, data_subjects, data_categories, recipients, processing_countries, processing_categories and the
// threshold analysis' criteria. Nothing references into them, and SQLite can still query them with json_each().
//
// Conventions: ids are TEXT; enums are TEXT holding the wire names of the exchange format; dates are TEXT
// "YYYY-MM-DD" and instants TEXT "YYYY-MM-DDThh:mm:ssZ" (UTC), so both sort as they compare; booleans are
// INTEGER 0/1. Every reference is a foreign key, DEFERRABLE INITIALLY DEFERRED so that a transaction may write in
// any order and is checked at COMMIT; a child row goes with its parent (ON DELETE CASCADE); the referencing
// columns are indexed so that deleting a parent checks its referrers by index, not by scan.
#include "store/sqlite/migrations.hpp"

#include <array>

namespace ansvar::store::sqlite {
namespace {

#define DEFERRED " DEFERRABLE INITIALLY DEFERRED"

constexpr std::string_view kRegisterSchema = R"sql(
CREATE TABLE register_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  as_of TEXT,
  as_of_is_date INTEGER NOT NULL,
  rulebook_overrides TEXT NOT NULL
);
INSERT INTO register_meta (id, as_of, as_of_is_date, rulebook_overrides) VALUES (1, NULL, 1, '');

CREATE TABLE organizations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  dpo TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  management_review_on TEXT
);
CREATE INDEX organizations_dpo ON organizations (dpo) WHERE dpo IS NOT NULL;

CREATE TABLE committees (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  organization_id TEXT NOT NULL REFERENCES organizations (id))sql" DEFERRED R"sql(,
  name TEXT NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX committees_organization ON committees (organization_id);

CREATE TABLE administrations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  organization_id TEXT NOT NULL REFERENCES organizations (id))sql" DEFERRED R"sql(,
  name TEXT NOT NULL,
  employing_committee_id TEXT REFERENCES committees (id))sql" DEFERRED R"sql(
);
CREATE INDEX administrations_organization ON administrations (organization_id);
CREATE INDEX administrations_employing_committee ON administrations (employing_committee_id)
  WHERE employing_committee_id IS NOT NULL;

CREATE TABLE administration_committees (
  administration_id TEXT NOT NULL REFERENCES administrations (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (administration_id, position)
);
CREATE INDEX administration_committees_committee ON administration_committees (committee_id);

CREATE TABLE units (
  administration_id TEXT NOT NULL REFERENCES administrations (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  id TEXT NOT NULL CHECK (id <> ''),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (administration_id, position),
  UNIQUE (administration_id, id)
);

CREATE TABLE people (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  administration_id TEXT REFERENCES administrations (id))sql" DEFERRED R"sql(,
  unit_id TEXT,
  title TEXT,
  email TEXT NOT NULL,
  FOREIGN KEY (administration_id, unit_id) REFERENCES units (administration_id, id))sql" DEFERRED R"sql(
);
CREATE INDEX people_administration_unit ON people (administration_id, unit_id) WHERE administration_id IS NOT NULL;

CREATE TABLE systems (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  scope TEXT NOT NULL,
  own_support_process INTEGER NOT NULL,
  owner_administration_id TEXT REFERENCES administrations (id))sql" DEFERRED R"sql(,
  hosting TEXT,
  supplier TEXT,
  personal_data INTEGER NOT NULL,
  special_categories INTEGER NOT NULL,
  fee INTEGER NOT NULL,
  lifecycle TEXT NOT NULL,
  active_since TEXT,
  confidentiality INTEGER,
  integrity INTEGER,
  availability INTEGER,
  processing_countries TEXT NOT NULL DEFAULT '[]',
  CHECK ((confidentiality IS NULL) = (integrity IS NULL) AND (integrity IS NULL) = (availability IS NULL))
);
CREATE INDEX systems_owner_administration ON systems (owner_administration_id)
  WHERE owner_administration_id IS NOT NULL;

CREATE TABLE system_used_by (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  administration_id TEXT NOT NULL REFERENCES administrations (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (system_id, position)
);
CREATE INDEX system_used_by_administration ON system_used_by (administration_id);

CREATE TABLE system_roles (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  person_id TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  committee_id TEXT REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (system_id, position)
);
CREATE INDEX system_roles_person ON system_roles (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX system_roles_committee ON system_roles (committee_id) WHERE committee_id IS NOT NULL;

-- A document's id may be empty in the exchange format: it is NULL here, so that UNIQUE holds for the others.
CREATE TABLE system_documents (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  id TEXT CHECK (id <> ''),
  kind TEXT NOT NULL,
  valid_from TEXT,
  valid_to TEXT,
  diary_number TEXT,
  signed_on TEXT,
  signed_by TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  organization_id TEXT REFERENCES organizations (id))sql" DEFERRED R"sql(,
  clauses TEXT NOT NULL DEFAULT '[]',
  year INTEGER,
  approved_on TEXT,
  approved_by TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  done_on TEXT,
  dpo_consulted INTEGER,
  PRIMARY KEY (system_id, position),
  UNIQUE (system_id, id)
);
CREATE INDEX system_documents_signed_by ON system_documents (signed_by) WHERE signed_by IS NOT NULL;
CREATE INDEX system_documents_approved_by ON system_documents (approved_by) WHERE approved_by IS NOT NULL;
CREATE INDEX system_documents_organization ON system_documents (organization_id) WHERE organization_id IS NOT NULL;

-- A document's on_behalf_of.
CREATE TABLE system_document_committees (
  system_id TEXT NOT NULL,
  document_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (system_id, document_position, position),
  FOREIGN KEY (system_id, document_position) REFERENCES system_documents (system_id, position)
    ON DELETE CASCADE)sql" DEFERRED R"sql(
);
CREATE INDEX system_document_committees_committee ON system_document_committees (committee_id);

CREATE TABLE system_document_powers (
  system_id TEXT NOT NULL,
  document_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  power_of_attorney_id TEXT NOT NULL REFERENCES powers_of_attorney (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (system_id, document_position, position),
  FOREIGN KEY (system_id, document_position) REFERENCES system_documents (system_id, position)
    ON DELETE CASCADE)sql" DEFERRED R"sql(
);
CREATE INDEX system_document_powers_power ON system_document_powers (power_of_attorney_id);

CREATE TABLE system_transfers (
  system_id TEXT PRIMARY KEY NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  basis TEXT,
  tia_document TEXT,
  art9_document TEXT,
  FOREIGN KEY (system_id, tia_document) REFERENCES system_documents (system_id, id))sql" DEFERRED R"sql(,
  FOREIGN KEY (system_id, art9_document) REFERENCES system_documents (system_id, id))sql" DEFERRED R"sql(
);

CREATE TABLE system_forums (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  held_on TEXT,
  PRIMARY KEY (system_id, position)
);

CREATE TABLE system_reviews (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (system_id, position)
);

CREATE TABLE system_integrations (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  to_system_id TEXT NOT NULL REFERENCES systems (id))sql" DEFERRED R"sql(,
  personal_data INTEGER NOT NULL,
  PRIMARY KEY (system_id, position)
);
CREATE INDEX system_integrations_to ON system_integrations (to_system_id);

CREATE TABLE delegations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  matter TEXT NOT NULL,
  matter_text TEXT NOT NULL,
  delegate_title TEXT,
  delegate_person_id TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  decision TEXT NOT NULL,
  valid_from TEXT,
  valid_to TEXT
);
CREATE INDEX delegations_committee ON delegations (committee_id);
CREATE INDEX delegations_delegate_person ON delegations (delegate_person_id) WHERE delegate_person_id IS NOT NULL;

CREATE TABLE powers_of_attorney (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  issued_by TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  holder TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  system_id TEXT REFERENCES systems (id))sql" DEFERRED R"sql(,
  issued_on TEXT
);
CREATE INDEX powers_of_attorney_committee ON powers_of_attorney (committee_id);
CREATE INDEX powers_of_attorney_issued_by ON powers_of_attorney (issued_by) WHERE issued_by IS NOT NULL;
CREATE INDEX powers_of_attorney_holder ON powers_of_attorney (holder) WHERE holder IS NOT NULL;
CREATE INDEX powers_of_attorney_system ON powers_of_attorney (system_id) WHERE system_id IS NOT NULL;

CREATE TABLE processing_activities (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  controller_id TEXT REFERENCES committees (id))sql" DEFERRED R"sql(,
  name TEXT NOT NULL,
  process_code TEXT NOT NULL,
  purposes TEXT NOT NULL DEFAULT '[]',
  legal_basis TEXT,
  data_subjects TEXT NOT NULL DEFAULT '[]',
  data_categories TEXT NOT NULL DEFAULT '[]',
  recipients TEXT NOT NULL DEFAULT '[]',
  retention TEXT NOT NULL,
  security_measures TEXT NOT NULL,
  processor_committee_id TEXT REFERENCES committees (id))sql" DEFERRED R"sql(,
  start_date TEXT,
  own_dpia_required INTEGER NOT NULL
);
CREATE INDEX processing_activities_controller ON processing_activities (controller_id) WHERE controller_id IS NOT NULL;
CREATE INDEX processing_activities_processor_committee ON processing_activities (processor_committee_id)
  WHERE processor_committee_id IS NOT NULL;

CREATE TABLE processing_activity_systems (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  system_id TEXT NOT NULL REFERENCES systems (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (activity_id, position)
);
CREATE INDEX processing_activity_systems_system ON processing_activity_systems (system_id);

CREATE TABLE processing_activity_joint_controllers (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (activity_id, position)
);
CREATE INDEX processing_activity_joint_controllers_committee ON processing_activity_joint_controllers (committee_id);

CREATE TABLE processing_activity_transfers (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  country TEXT NOT NULL,
  recipient TEXT NOT NULL,
  safeguards TEXT NOT NULL,
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE processing_activity_threshold_analyses (
  activity_id TEXT PRIMARY KEY NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  done_on TEXT,
  criteria TEXT NOT NULL DEFAULT '[]',
  motivation TEXT,
  dpo_commented INTEGER NOT NULL
);

CREATE TABLE processing_activity_dpias (
  activity_id TEXT PRIMARY KEY NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  done_on TEXT,
  dpo_consulted INTEGER NOT NULL
);

CREATE TABLE processor_records (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  system_id TEXT NOT NULL REFERENCES systems (id))sql" DEFERRED R"sql(,
  subject TEXT NOT NULL,
  processing_categories TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX processor_records_committee ON processor_records (committee_id);
CREATE INDEX processor_records_system ON processor_records (system_id);

CREATE TABLE processor_record_committees (
  record_id TEXT NOT NULL REFERENCES processor_records (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (record_id, position)
);
CREATE INDEX processor_record_committees_committee ON processor_record_committees (committee_id);

CREATE TABLE incidents (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  system_id TEXT REFERENCES systems (id))sql" DEFERRED R"sql(,
  aware_at TEXT NOT NULL,
  handler_id TEXT REFERENCES committees (id))sql" DEFERRED R"sql(,
  assessment TEXT,
  notified_authority_at TEXT,
  delay_reason TEXT,
  dpo_informed INTEGER NOT NULL,
  subjects_informed_at TEXT
);
CREATE INDEX incidents_system ON incidents (system_id) WHERE system_id IS NOT NULL;
CREATE INDEX incidents_handler ON incidents (handler_id) WHERE handler_id IS NOT NULL;

CREATE TABLE incident_controllers (
  incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_controllers_committee ON incident_controllers (committee_id);

CREATE TABLE data_subject_requests (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  received_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  decided_on TEXT,
  extended_reason TEXT,
  outcome TEXT,
  appeal_notice INTEGER NOT NULL
);

CREATE TABLE data_subject_request_controllers (
  request_id TEXT NOT NULL REFERENCES data_subject_requests (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (request_id, position)
);
CREATE INDEX data_subject_request_controllers_committee ON data_subject_request_controllers (committee_id);

CREATE TABLE agreements (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  kind TEXT NOT NULL,
  signed_on TEXT
);

CREATE TABLE agreement_systems (
  agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  system_id TEXT NOT NULL REFERENCES systems (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (agreement_id, position)
);
CREATE INDEX agreement_systems_system ON agreement_systems (system_id);

CREATE TABLE agreement_parties (
  agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (agreement_id, position)
);
CREATE INDEX agreement_parties_organization ON agreement_parties (organization_id);
)sql";

// The audit trail: append-only (the triggers refuse UPDATE and DELETE) and hash-chained (store/audit_hash.cpp),
// so that an edit made behind the triggers' back still shows in VerifyAudit().
constexpr std::string_view kAuditSchema = R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (kind, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
END;
)sql";

// Beside the register, for the annual cycle (store.hpp "Beside the register"): keyed records (settings, calendar
// token hashes, the reminder log) and JSON documents of named collections (operational messages) with their own
// append-only, hash-chained trail.
constexpr std::string_view kCycleSchema = R"sql(
CREATE TABLE cycle_records (
  key TEXT PRIMARY KEY NOT NULL CHECK (key <> ''),
  state TEXT NOT NULL,
  data TEXT NOT NULL,
  at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE cycle_documents (
  collection TEXT NOT NULL CHECK (collection <> ''),
  id TEXT NOT NULL CHECK (id <> ''),
  version INTEGER NOT NULL CHECK (version >= 1),
  json TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) WITHOUT ROWID;
CREATE TABLE cycle_document_audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  collection TEXT NOT NULL,
  document_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX cycle_document_audit_document ON cycle_document_audit (collection, document_id);
CREATE TRIGGER cycle_document_audit_no_update BEFORE UPDATE ON cycle_document_audit
BEGIN
  SELECT RAISE(ABORT, 'cycle_document_audit is append-only: entries cannot be changed');
END;
CREATE TRIGGER cycle_document_audit_no_delete BEFORE DELETE ON cycle_document_audit
BEGIN
  SELECT RAISE(ABORT, 'cycle_document_audit is append-only: entries cannot be deleted');
END;
)sql";

// Cooperations between organizations and DPA decisions (cooperation-and-decisions.md §2–3), an organization's own
// rulebook, the organizations a DPA is signed for, and the breach record of art. 33.3–33.5 on incidents. As the
// rest of the schema: scalar fields are columns, lists of structured things child tables with a position, short
// lists of plain strings JSON text columns, every reference a deferred foreign key with an index. A cooperation's
// responsibility names a party's organization or "each": plain text, checked by validation.
constexpr std::string_view kCooperationsSchema = R"sql(
ALTER TABLE organizations ADD COLUMN rulebook_overrides TEXT NOT NULL DEFAULT '';

CREATE TABLE system_document_organizations (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  document_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (system_id, document_position, position)
);
CREATE INDEX system_document_organizations_organization ON system_document_organizations (organization_id);

ALTER TABLE incidents ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN subject_categories TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN approx_subjects INTEGER;
ALTER TABLE incidents ADD COLUMN record_categories TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN approx_records INTEGER;
ALTER TABLE incidents ADD COLUMN likely_consequences TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN measures TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN affected_informed_on TEXT;

CREATE TABLE incident_assessments (
  incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  assessment TEXT,
  notified_authority_at TEXT,
  PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_assessments_committee ON incident_assessments (committee_id);

CREATE TABLE cooperations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  form TEXT NOT NULL,
  lead_id TEXT REFERENCES organizations (id))sql" DEFERRED R"sql(,
  coordinator_id TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  consulted TEXT NOT NULL DEFAULT '[]',
  management_review_on TEXT
);
CREATE INDEX cooperations_lead ON cooperations (lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX cooperations_coordinator ON cooperations (coordinator_id) WHERE coordinator_id IS NOT NULL;

CREATE TABLE cooperation_parties (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id))sql" DEFERRED R"sql(,
  committee_id TEXT REFERENCES committees (id))sql" DEFERRED R"sql(,
  joined_on TEXT,
  decision TEXT NOT NULL,
  PRIMARY KEY (cooperation_id, position)
);
CREATE INDEX cooperation_parties_organization ON cooperation_parties (organization_id);
CREATE INDEX cooperation_parties_committee ON cooperation_parties (committee_id) WHERE committee_id IS NOT NULL;

CREATE TABLE cooperation_systems (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  system_id TEXT NOT NULL REFERENCES systems (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (cooperation_id, position)
);
CREATE INDEX cooperation_systems_system ON cooperation_systems (system_id);

CREATE TABLE cooperation_groups (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (cooperation_id, position)
);

CREATE TABLE cooperation_group_members (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  group_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  person_id TEXT NOT NULL REFERENCES people (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (cooperation_id, group_position, position)
);
CREATE INDEX cooperation_group_members_person ON cooperation_group_members (person_id);

CREATE TABLE cooperation_documents (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  signed_on TEXT,
  done_on TEXT,
  published_on TEXT,
  diary_number TEXT,
  dpia INTEGER NOT NULL,
  dpo_consulted INTEGER NOT NULL,
  PRIMARY KEY (cooperation_id, position)
);

CREATE TABLE cooperation_responsibilities (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  duty TEXT NOT NULL,
  party TEXT NOT NULL,
  PRIMARY KEY (cooperation_id, position)
);

CREATE TABLE dpa_decisions (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  system_id TEXT NOT NULL REFERENCES systems (id))sql" DEFERRED R"sql(,
  decided_on TEXT,
  decided_by TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  delegation_id TEXT REFERENCES delegations (id))sql" DEFERRED R"sql(,
  meeting TEXT,
  processor TEXT,
  diary_number TEXT,
  reported_on TEXT,
  reported_at TEXT
);
CREATE INDEX dpa_decisions_system ON dpa_decisions (system_id);
CREATE INDEX dpa_decisions_decided_by ON dpa_decisions (decided_by) WHERE decided_by IS NOT NULL;
CREATE INDEX dpa_decisions_delegation ON dpa_decisions (delegation_id) WHERE delegation_id IS NOT NULL;

CREATE TABLE dpa_decision_committees (
  decision_id TEXT NOT NULL REFERENCES dpa_decisions (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (decision_id, position)
);
CREATE INDEX dpa_decision_committees_committee ON dpa_decision_committees (committee_id);
)sql";

// Breach reports (issue 15): what the authority's breach form asks beyond art. 33.3 (docs/breach-records.md) and the
// breach's action plan, one row per measure (the measures register reads them).
constexpr std::string_view kBreachReportsSchema = R"sql(
ALTER TABLE incidents ADD COLUMN occurred_at TEXT;
ALTER TABLE incidents ADD COLUMN nature TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN cause TEXT;
ALTER TABLE incidents ADD COLUMN subjects_informed_how TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN cross_border INTEGER;
ALTER TABLE incidents ADD COLUMN reported_at TEXT;

CREATE TABLE incident_action_plan (
  incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  due TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_action_plan_owner ON incident_action_plan (owner_id) WHERE owner_id IS NOT NULL;
)sql";

// DPIA records, classification records and measures (issue 15).
constexpr std::string_view kMeasuresSchema = R"sql(
ALTER TABLE systems ADD COLUMN classification_done_on TEXT;
ALTER TABLE systems ADD COLUMN classification_method TEXT;
ALTER TABLE systems ADD COLUMN classification_decided_by TEXT REFERENCES committees (id))sql" DEFERRED R"sql(;
ALTER TABLE systems ADD COLUMN classification_standard_information TEXT;
ALTER TABLE systems ADD COLUMN classification_approved_by TEXT REFERENCES people (id))sql" DEFERRED R"sql(;
ALTER TABLE systems ADD COLUMN classification_approved_on TEXT;
ALTER TABLE systems ADD COLUMN classification_approval TEXT;
CREATE INDEX systems_classification_decided_by ON systems (classification_decided_by)
  WHERE classification_decided_by IS NOT NULL;
CREATE INDEX systems_classification_approved_by ON systems (classification_approved_by)
  WHERE classification_approved_by IS NOT NULL;

ALTER TABLE processing_activity_dpias ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE processing_activity_dpias ADD COLUMN necessity_proportionality TEXT NOT NULL DEFAULT '';
ALTER TABLE processing_activity_dpias ADD COLUMN residual_risk TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN dpo_opinion_text TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN dpo_opinion_given_on TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN prior_consultation_needed INTEGER;
ALTER TABLE processing_activity_dpias ADD COLUMN prior_consultation_sent_on TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN prior_consultation_reply_on TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN review_on TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN covers_activities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE processing_activity_dpias ADD COLUMN motivation TEXT;

CREATE TABLE processing_activity_dpia_risks (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 4),
  consequence INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 4),
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE processing_activity_dpia_measures (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  due TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (activity_id, position)
);
CREATE INDEX processing_activity_dpia_measures_owner ON processing_activity_dpia_measures (owner_id)
  WHERE owner_id IS NOT NULL;

CREATE TABLE system_classification_measures (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  due TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (system_id, position)
);
CREATE INDEX system_classification_measures_owner ON system_classification_measures (owner_id)
  WHERE owner_id IS NOT NULL;

CREATE TABLE system_forum_measures (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE)sql" DEFERRED R"sql(,
  forum_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT REFERENCES people (id))sql" DEFERRED R"sql(,
  due TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (system_id, forum_position, position)
);
CREATE INDEX system_forum_measures_owner ON system_forum_measures (owner_id) WHERE owner_id IS NOT NULL;
)sql";

// A reference DPIA's adopting and supplementing committees (issue 15), shaped like a document's on_behalf_of.
constexpr std::string_view kReferenceDpiaSchema = R"sql(
CREATE TABLE system_document_adopted_by (
  system_id TEXT NOT NULL,
  document_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (system_id, document_position, position),
  FOREIGN KEY (system_id, document_position) REFERENCES system_documents (system_id, position)
    ON DELETE CASCADE)sql" DEFERRED R"sql(
);
CREATE INDEX system_document_adopted_by_committee ON system_document_adopted_by (committee_id);

CREATE TABLE system_document_supplemented_by (
  system_id TEXT NOT NULL,
  document_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id))sql" DEFERRED R"sql(,
  PRIMARY KEY (system_id, document_position, position),
  FOREIGN KEY (system_id, document_position) REFERENCES system_documents (system_id, position)
    ON DELETE CASCADE)sql" DEFERRED R"sql(
);
CREATE INDEX system_document_supplemented_by_committee ON system_document_supplemented_by (committee_id);
)sql";

#undef DEFERRED

// Approvals performed in Ansvar: the account that approved a management plan or follow-up report (absent: recorded).
constexpr std::string_view kApprovalsSchema = R"sql(
ALTER TABLE system_documents ADD COLUMN approved_by_account TEXT;
)sql";

// Every audit entry names the credential that made it (issue 17); "" in the entries written before.
constexpr std::string_view kAuditCredential = R"sql(
ALTER TABLE audit_log ADD COLUMN credential TEXT NOT NULL DEFAULT '';
ALTER TABLE cycle_document_audit ADD COLUMN credential TEXT NOT NULL DEFAULT '';
)sql";

// The images of a whole-register replace are stored compressed (store/audit_images.hpp): audit_log's before_json and
// after_json then hold a BLOB that names one of these dictionaries, a TEXT image as before otherwise. Append-only like
// the trail, whose hashes cover the images' JSON: an altered dictionary shows in VerifyAudit(). A program that
// does not know this version refuses the file rather than answer a compressed image as JSON.
constexpr std::string_view kAuditImageDictionaries = R"sql(
CREATE TABLE audit_image_dictionaries (
  id INTEGER PRIMARY KEY,
  content BLOB NOT NULL
);
CREATE TRIGGER audit_image_dictionaries_no_update BEFORE UPDATE ON audit_image_dictionaries
BEGIN
  SELECT RAISE(ABORT, 'audit_image_dictionaries is append-only: dictionaries cannot be changed');
END;
CREATE TRIGGER audit_image_dictionaries_no_delete BEFORE DELETE ON audit_image_dictionaries
BEGIN
  SELECT RAISE(ABORT, 'audit_image_dictionaries is append-only: dictionaries cannot be deleted');
END;
)sql";

constexpr std::array kMigrations = {
    Migration{1, "the register: entity and child tables", kRegisterSchema},
    Migration{2, "the audit trail: append-only, hash-chained", kAuditSchema},
    Migration{3, "beside the register: records, documents and their trail (the annual cycle)", kCycleSchema},
    Migration{4, "cooperations, DPA decisions, organization rulebooks and breach records", kCooperationsSchema},
    Migration{5, "breach reports: the authority form's fields and the action plan", kBreachReportsSchema},
    Migration{6, "approvals performed in Ansvar (the approving account of a document)", kApprovalsSchema},
    Migration{7, "the credential (session or API token) of each audit entry", kAuditCredential},
    Migration{8, "DPIA records, classification records and measures", kMeasuresSchema},
    Migration{9, "a reference DPIA's adopting and supplementing committees", kReferenceDpiaSchema},
    Migration{10, "the audit images of a whole-register replace kept compressed, with their dictionaries",
              kAuditImageDictionaries},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace ansvar::store::sqlite
