// The PostgreSQL schema of the register: the same normalised tables as SQLite's (store/sqlite/migrations.cpp, which
// explains the design), in PostgreSQL's dialect: booleans are BOOLEAN, positions and versions BIGINT, and the two
// references to a table created later are added by ALTER TABLE at the end. Dates and instants stay TEXT in the
// exchange format's ISO forms (they sort as they compare, and read back byte for byte, whatever the session's
// DateStyle or TimeZone); short string lists stay TEXT holding a JSON array (query them with ::jsonb).
//
// Every reference is a foreign key, DEFERRABLE INITIALLY DEFERRED: a transaction may write in any order and is
// checked before COMMIT (the store runs SET CONSTRAINTS ALL IMMEDIATE in a savepoint to name the culprit). The
// audit trail is append-only: triggers refuse UPDATE, DELETE and TRUNCATE.
#include "store/postgres/migrations.hpp"

#include <array>

namespace ansvar::store::postgres {
namespace {

constexpr std::string_view kRegisterSchema = R"sql(
CREATE TABLE register_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  as_of TEXT,
  as_of_is_date BOOLEAN NOT NULL,
  rulebook_overrides TEXT NOT NULL
);
INSERT INTO register_meta (id, as_of, as_of_is_date, rulebook_overrides) VALUES (1, NULL, TRUE, '');

CREATE TABLE organizations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  dpo TEXT,  -- references people: added below, once people exists
  management_review_on TEXT
);
CREATE INDEX organizations_dpo ON organizations (dpo) WHERE dpo IS NOT NULL;

CREATE TABLE committees (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  organization_id TEXT NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX committees_organization ON committees (organization_id);

CREATE TABLE administrations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  organization_id TEXT NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT NOT NULL,
  employing_committee_id TEXT REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX administrations_organization ON administrations (organization_id);
CREATE INDEX administrations_employing_committee ON administrations (employing_committee_id)
  WHERE employing_committee_id IS NOT NULL;

CREATE TABLE administration_committees (
  administration_id TEXT NOT NULL REFERENCES administrations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (administration_id, position)
);
CREATE INDEX administration_committees_committee ON administration_committees (committee_id);

CREATE TABLE units (
  administration_id TEXT NOT NULL REFERENCES administrations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  id TEXT NOT NULL CHECK (id <> ''),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (administration_id, position),
  UNIQUE (administration_id, id)
);

CREATE TABLE people (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  administration_id TEXT REFERENCES administrations (id) DEFERRABLE INITIALLY DEFERRED,
  unit_id TEXT,
  title TEXT,
  email TEXT NOT NULL,
  FOREIGN KEY (administration_id, unit_id) REFERENCES units (administration_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX people_administration_unit ON people (administration_id, unit_id) WHERE administration_id IS NOT NULL;

CREATE TABLE systems (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  scope TEXT NOT NULL,
  own_support_process BOOLEAN NOT NULL,
  owner_administration_id TEXT REFERENCES administrations (id) DEFERRABLE INITIALLY DEFERRED,
  hosting TEXT,
  supplier TEXT,
  personal_data BOOLEAN NOT NULL,
  special_categories BOOLEAN NOT NULL,
  fee BOOLEAN NOT NULL,
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
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  administration_id TEXT NOT NULL REFERENCES administrations (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (system_id, position)
);
CREATE INDEX system_used_by_administration ON system_used_by (administration_id);

CREATE TABLE system_roles (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  role TEXT NOT NULL,
  person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  committee_id TEXT REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (system_id, position)
);
CREATE INDEX system_roles_person ON system_roles (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX system_roles_committee ON system_roles (committee_id) WHERE committee_id IS NOT NULL;

-- A document's id may be empty in the exchange format: it is NULL here, so that UNIQUE holds for the others.
CREATE TABLE system_documents (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  id TEXT CHECK (id <> ''),
  kind TEXT NOT NULL,
  valid_from TEXT,
  valid_to TEXT,
  diary_number TEXT,
  signed_on TEXT,
  signed_by TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id TEXT REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  clauses TEXT NOT NULL DEFAULT '[]',
  year INTEGER,
  approved_on TEXT,
  approved_by TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  done_on TEXT,
  dpo_consulted BOOLEAN,
  PRIMARY KEY (system_id, position),
  UNIQUE (system_id, id)
);
CREATE INDEX system_documents_signed_by ON system_documents (signed_by) WHERE signed_by IS NOT NULL;
CREATE INDEX system_documents_approved_by ON system_documents (approved_by) WHERE approved_by IS NOT NULL;
CREATE INDEX system_documents_organization ON system_documents (organization_id) WHERE organization_id IS NOT NULL;

-- A document's on_behalf_of.
CREATE TABLE system_document_committees (
  system_id TEXT NOT NULL,
  document_position BIGINT NOT NULL,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (system_id, document_position, position),
  FOREIGN KEY (system_id, document_position) REFERENCES system_documents (system_id, position)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX system_document_committees_committee ON system_document_committees (committee_id);

CREATE TABLE system_document_powers (
  system_id TEXT NOT NULL,
  document_position BIGINT NOT NULL,
  position BIGINT NOT NULL,
  power_of_attorney_id TEXT NOT NULL,  -- references powers_of_attorney: added below
  PRIMARY KEY (system_id, document_position, position),
  FOREIGN KEY (system_id, document_position) REFERENCES system_documents (system_id, position)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX system_document_powers_power ON system_document_powers (power_of_attorney_id);

CREATE TABLE system_transfers (
  system_id TEXT PRIMARY KEY NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  basis TEXT,
  tia_document TEXT,
  art9_document TEXT,
  FOREIGN KEY (system_id, tia_document) REFERENCES system_documents (system_id, id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (system_id, art9_document) REFERENCES system_documents (system_id, id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE system_forums (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  kind TEXT NOT NULL,
  held_on TEXT,
  PRIMARY KEY (system_id, position)
);

CREATE TABLE system_reviews (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  kind TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (system_id, position)
);

CREATE TABLE system_integrations (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  to_system_id TEXT NOT NULL REFERENCES systems (id) DEFERRABLE INITIALLY DEFERRED,
  personal_data BOOLEAN NOT NULL,
  PRIMARY KEY (system_id, position)
);
CREATE INDEX system_integrations_to ON system_integrations (to_system_id);

CREATE TABLE delegations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  matter TEXT NOT NULL,
  matter_text TEXT NOT NULL,
  delegate_title TEXT,
  delegate_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  decision TEXT NOT NULL,
  valid_from TEXT,
  valid_to TEXT
);
CREATE INDEX delegations_committee ON delegations (committee_id);
CREATE INDEX delegations_delegate_person ON delegations (delegate_person_id) WHERE delegate_person_id IS NOT NULL;

CREATE TABLE powers_of_attorney (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  issued_by TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  holder TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  system_id TEXT REFERENCES systems (id) DEFERRABLE INITIALLY DEFERRED,
  issued_on TEXT
);
CREATE INDEX powers_of_attorney_committee ON powers_of_attorney (committee_id);
CREATE INDEX powers_of_attorney_issued_by ON powers_of_attorney (issued_by) WHERE issued_by IS NOT NULL;
CREATE INDEX powers_of_attorney_holder ON powers_of_attorney (holder) WHERE holder IS NOT NULL;
CREATE INDEX powers_of_attorney_system ON powers_of_attorney (system_id) WHERE system_id IS NOT NULL;

CREATE TABLE processing_activities (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  controller_id TEXT REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT NOT NULL,
  process_code TEXT NOT NULL,
  purposes TEXT NOT NULL DEFAULT '[]',
  legal_basis TEXT,
  data_subjects TEXT NOT NULL DEFAULT '[]',
  data_categories TEXT NOT NULL DEFAULT '[]',
  recipients TEXT NOT NULL DEFAULT '[]',
  retention TEXT NOT NULL,
  security_measures TEXT NOT NULL,
  processor_committee_id TEXT REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  start_date TEXT,
  own_dpia_required BOOLEAN NOT NULL
);
CREATE INDEX processing_activities_controller ON processing_activities (controller_id) WHERE controller_id IS NOT NULL;
CREATE INDEX processing_activities_processor_committee ON processing_activities (processor_committee_id)
  WHERE processor_committee_id IS NOT NULL;

CREATE TABLE processing_activity_systems (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  system_id TEXT NOT NULL REFERENCES systems (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (activity_id, position)
);
CREATE INDEX processing_activity_systems_system ON processing_activity_systems (system_id);

CREATE TABLE processing_activity_joint_controllers (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (activity_id, position)
);
CREATE INDEX processing_activity_joint_controllers_committee ON processing_activity_joint_controllers (committee_id);

CREATE TABLE processing_activity_transfers (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  country TEXT NOT NULL,
  recipient TEXT NOT NULL,
  safeguards TEXT NOT NULL,
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE processing_activity_threshold_analyses (
  activity_id TEXT PRIMARY KEY NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  done_on TEXT,
  criteria TEXT NOT NULL DEFAULT '[]',
  motivation TEXT,
  dpo_commented BOOLEAN NOT NULL
);

CREATE TABLE processing_activity_dpias (
  activity_id TEXT PRIMARY KEY NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  done_on TEXT,
  dpo_consulted BOOLEAN NOT NULL
);

CREATE TABLE processor_records (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  system_id TEXT NOT NULL REFERENCES systems (id) DEFERRABLE INITIALLY DEFERRED,
  subject TEXT NOT NULL,
  processing_categories TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX processor_records_committee ON processor_records (committee_id);
CREATE INDEX processor_records_system ON processor_records (system_id);

CREATE TABLE processor_record_committees (
  record_id TEXT NOT NULL REFERENCES processor_records (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (record_id, position)
);
CREATE INDEX processor_record_committees_committee ON processor_record_committees (committee_id);

CREATE TABLE incidents (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  system_id TEXT REFERENCES systems (id) DEFERRABLE INITIALLY DEFERRED,
  aware_at TEXT NOT NULL,
  handler_id TEXT REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  assessment TEXT,
  notified_authority_at TEXT,
  delay_reason TEXT,
  dpo_informed BOOLEAN NOT NULL,
  subjects_informed_at TEXT
);
CREATE INDEX incidents_system ON incidents (system_id) WHERE system_id IS NOT NULL;
CREATE INDEX incidents_handler ON incidents (handler_id) WHERE handler_id IS NOT NULL;

CREATE TABLE incident_controllers (
  incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_controllers_committee ON incident_controllers (committee_id);

CREATE TABLE data_subject_requests (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  received_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  decided_on TEXT,
  extended_reason TEXT,
  outcome TEXT,
  appeal_notice BOOLEAN NOT NULL
);

CREATE TABLE data_subject_request_controllers (
  request_id TEXT NOT NULL REFERENCES data_subject_requests (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (request_id, position)
);
CREATE INDEX data_subject_request_controllers_committee ON data_subject_request_controllers (committee_id);

CREATE TABLE agreements (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  kind TEXT NOT NULL,
  signed_on TEXT
);

CREATE TABLE agreement_systems (
  agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  system_id TEXT NOT NULL REFERENCES systems (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (agreement_id, position)
);
CREATE INDEX agreement_systems_system ON agreement_systems (system_id);

CREATE TABLE agreement_parties (
  agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (agreement_id, position)
);
CREATE INDEX agreement_parties_organization ON agreement_parties (organization_id);

-- The references to tables created after the referring one.
ALTER TABLE organizations ADD CONSTRAINT organizations_dpo_fkey
  FOREIGN KEY (dpo) REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE system_document_powers ADD CONSTRAINT system_document_powers_power_of_attorney_id_fkey
  FOREIGN KEY (power_of_attorney_id) REFERENCES powers_of_attorney (id) DEFERRABLE INITIALLY DEFERRED;

)sql";

// The audit trail: append-only (the triggers refuse UPDATE, DELETE and TRUNCATE) and hash-chained
// (store/audit_hash.cpp), so that an edit made behind the triggers' back still shows in VerifyAudit().
constexpr std::string_view kAuditSchema = R"sql(
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT COLLATE "C" NOT NULL,  -- ISO 8601 UTC: compared as bytes
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
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_log is append-only: entries cannot be changed';
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: entries cannot be deleted';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql";

// Whole-register replaces, counted: an instance sharing the database applies other instances' audit entries
// to its copy of the register, unless a replace happened meanwhile (then it loads everything again).
constexpr std::string_view kReplaceCount = R"sql(
ALTER TABLE register_meta ADD COLUMN replace_count BIGINT NOT NULL DEFAULT 0;
)sql";

// Beside the register, for the annual cycle (store.hpp "Beside the register"), as in SQLite's migration 3: keyed
// records and JSON documents of named collections with their own append-only, hash-chained trail. Keys and ids
// sort as bytes (COLLATE "C"), as SQLite sorts them.
constexpr std::string_view kCycleSchema = R"sql(
CREATE TABLE cycle_records (
  key TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (key <> ''),
  state TEXT NOT NULL,
  data TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE cycle_documents (
  collection TEXT COLLATE "C" NOT NULL CHECK (collection <> ''),
  id TEXT COLLATE "C" NOT NULL CHECK (id <> ''),
  version BIGINT NOT NULL CHECK (version >= 1),
  json TEXT NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE TABLE cycle_document_audit (
  seq BIGINT PRIMARY KEY,
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
CREATE FUNCTION cycle_document_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cycle_document_audit is append-only: entries cannot be %',
    CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
END
$$;
CREATE TRIGGER cycle_document_audit_no_update BEFORE UPDATE ON cycle_document_audit
  FOR EACH ROW EXECUTE FUNCTION cycle_document_audit_append_only();
CREATE TRIGGER cycle_document_audit_no_delete BEFORE DELETE ON cycle_document_audit
  FOR EACH ROW EXECUTE FUNCTION cycle_document_audit_append_only();
CREATE TRIGGER cycle_document_audit_no_truncate BEFORE TRUNCATE ON cycle_document_audit
  FOR EACH STATEMENT EXECUTE FUNCTION cycle_document_audit_append_only();
)sql";

// Cooperations, DPA decisions, organization rulebooks and breach records: SQLite's migration 4 (which explains it)
// in PostgreSQL's dialect.
constexpr std::string_view kCooperationsSchema = R"sql(
ALTER TABLE organizations ADD COLUMN rulebook_overrides TEXT NOT NULL DEFAULT '';

CREATE TABLE system_document_organizations (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  document_position BIGINT NOT NULL,
  position BIGINT NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (system_id, document_position, position)
);
CREATE INDEX system_document_organizations_organization ON system_document_organizations (organization_id);

ALTER TABLE incidents ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN subject_categories TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN approx_subjects BIGINT;
ALTER TABLE incidents ADD COLUMN record_categories TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN approx_records BIGINT;
ALTER TABLE incidents ADD COLUMN likely_consequences TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN measures TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN affected_informed_on TEXT;

CREATE TABLE incident_assessments (
  incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  assessment TEXT,
  notified_authority_at TEXT,
  PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_assessments_committee ON incident_assessments (committee_id);

CREATE TABLE cooperations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  form TEXT NOT NULL,
  lead_id TEXT REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  coordinator_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  consulted TEXT NOT NULL DEFAULT '[]',
  management_review_on TEXT
);
CREATE INDEX cooperations_lead ON cooperations (lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX cooperations_coordinator ON cooperations (coordinator_id) WHERE coordinator_id IS NOT NULL;

CREATE TABLE cooperation_parties (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  committee_id TEXT REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  joined_on TEXT,
  decision TEXT NOT NULL,
  PRIMARY KEY (cooperation_id, position)
);
CREATE INDEX cooperation_parties_organization ON cooperation_parties (organization_id);
CREATE INDEX cooperation_parties_committee ON cooperation_parties (committee_id) WHERE committee_id IS NOT NULL;

CREATE TABLE cooperation_systems (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  system_id TEXT NOT NULL REFERENCES systems (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (cooperation_id, position)
);
CREATE INDEX cooperation_systems_system ON cooperation_systems (system_id);

CREATE TABLE cooperation_groups (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (cooperation_id, position)
);

CREATE TABLE cooperation_group_members (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  group_position BIGINT NOT NULL,
  position BIGINT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (cooperation_id, group_position, position)
);
CREATE INDEX cooperation_group_members_person ON cooperation_group_members (person_id);

CREATE TABLE cooperation_documents (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  kind TEXT NOT NULL,
  signed_on TEXT,
  done_on TEXT,
  published_on TEXT,
  diary_number TEXT,
  dpia BOOLEAN NOT NULL,
  dpo_consulted BOOLEAN NOT NULL,
  PRIMARY KEY (cooperation_id, position)
);

CREATE TABLE cooperation_responsibilities (
  cooperation_id TEXT NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  duty TEXT NOT NULL,
  party TEXT NOT NULL,
  PRIMARY KEY (cooperation_id, position)
);

CREATE TABLE dpa_decisions (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
  position BIGINT NOT NULL UNIQUE,
  version BIGINT NOT NULL CHECK (version >= 1),
  system_id TEXT NOT NULL REFERENCES systems (id) DEFERRABLE INITIALLY DEFERRED,
  decided_on TEXT,
  decided_by TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  delegation_id TEXT REFERENCES delegations (id) DEFERRABLE INITIALLY DEFERRED,
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
  decision_id TEXT NOT NULL REFERENCES dpa_decisions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
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
ALTER TABLE incidents ADD COLUMN cross_border BOOLEAN;
ALTER TABLE incidents ADD COLUMN reported_at TEXT;

CREATE TABLE incident_action_plan (
  incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  due TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_action_plan_owner ON incident_action_plan (owner_id) WHERE owner_id IS NOT NULL;
)sql";

// Approvals performed in Ansvar: the account that approved a management plan or follow-up report (absent: recorded).
constexpr std::string_view kApprovalsSchema = R"sql(
ALTER TABLE system_documents ADD COLUMN approved_by_account TEXT;
)sql";

// Every audit entry names the credential that made it (issue 17); "" in the entries written before.
constexpr std::string_view kAuditCredential = R"sql(
ALTER TABLE audit_log ADD COLUMN credential TEXT NOT NULL DEFAULT '';
ALTER TABLE cycle_document_audit ADD COLUMN credential TEXT NOT NULL DEFAULT '';
)sql";

// DPIA records, classification records and measures (issue 15).
constexpr std::string_view kMeasuresSchema = R"sql(
ALTER TABLE systems ADD COLUMN classification_done_on TEXT;
ALTER TABLE systems ADD COLUMN classification_method TEXT;
ALTER TABLE systems ADD COLUMN classification_decided_by TEXT REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE systems ADD COLUMN classification_standard_information TEXT;
ALTER TABLE systems ADD COLUMN classification_approved_by TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED;
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
ALTER TABLE processing_activity_dpias ADD COLUMN prior_consultation_needed BOOLEAN;
ALTER TABLE processing_activity_dpias ADD COLUMN prior_consultation_sent_on TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN prior_consultation_reply_on TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN review_on TEXT;
ALTER TABLE processing_activity_dpias ADD COLUMN covers_activities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE processing_activity_dpias ADD COLUMN motivation TEXT;

CREATE TABLE processing_activity_dpia_risks (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  likelihood BIGINT NOT NULL CHECK (likelihood BETWEEN 1 AND 4),
  consequence BIGINT NOT NULL CHECK (consequence BETWEEN 1 AND 4),
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE processing_activity_dpia_measures (
  activity_id TEXT NOT NULL REFERENCES processing_activities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  due TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (activity_id, position)
);
CREATE INDEX processing_activity_dpia_measures_owner ON processing_activity_dpia_measures (owner_id)
  WHERE owner_id IS NOT NULL;

CREATE TABLE system_classification_measures (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position BIGINT NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  due TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (system_id, position)
);
CREATE INDEX system_classification_measures_owner ON system_classification_measures (owner_id)
  WHERE owner_id IS NOT NULL;

CREATE TABLE system_forum_measures (
  system_id TEXT NOT NULL REFERENCES systems (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  forum_position BIGINT NOT NULL,
  position BIGINT NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  due TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  PRIMARY KEY (system_id, forum_position, position)
);
CREATE INDEX system_forum_measures_owner ON system_forum_measures (owner_id) WHERE owner_id IS NOT NULL;
)sql";

// A reference DPIA's adopting and supplementing committees: SQLite's migration 9 in PostgreSQL's dialect.
constexpr std::string_view kReferenceDpiaSchema = R"sql(
CREATE TABLE system_document_adopted_by (
  system_id TEXT NOT NULL,
  document_position BIGINT NOT NULL,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (system_id, document_position, position),
  FOREIGN KEY (system_id, document_position) REFERENCES system_documents (system_id, position)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX system_document_adopted_by_committee ON system_document_adopted_by (committee_id);

CREATE TABLE system_document_supplemented_by (
  system_id TEXT NOT NULL,
  document_position BIGINT NOT NULL,
  position BIGINT NOT NULL,
  committee_id TEXT NOT NULL REFERENCES committees (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (system_id, document_position, position),
  FOREIGN KEY (system_id, document_position) REFERENCES system_documents (system_id, position)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX system_document_supplemented_by_committee ON system_document_supplemented_by (committee_id);
)sql";

constexpr std::array kMigrations = {
    Migration{1, "the register: entity and child tables", kRegisterSchema},
    Migration{2, "the audit trail: append-only, hash-chained", kAuditSchema},
    Migration{3, "whole-register replaces counted", kReplaceCount},
    Migration{4, "beside the register: records, documents and their trail (the annual cycle)", kCycleSchema},
    Migration{5, "cooperations, DPA decisions, organization rulebooks and breach records", kCooperationsSchema},
    Migration{6, "breach reports: the authority form's fields and the action plan", kBreachReportsSchema},
    Migration{7, "approvals performed in Ansvar (the approving account of a document)", kApprovalsSchema},
    Migration{8, "the credential (session or API token) of each audit entry", kAuditCredential},
    Migration{9, "DPIA records, classification records and measures", kMeasuresSchema},
    Migration{10, "a reference DPIA's adopting and supplementing committees", kReferenceDpiaSchema},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace ansvar::store::postgres
