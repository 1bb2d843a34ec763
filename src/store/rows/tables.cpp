#include "store/rows/tables.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace ansvar::store::rows {
namespace {

static_assert(kKindCount == 14, "a new kind needs its entity table in kEntityTables");
constexpr std::array<TableDef, kTableCount> kTables = {{
    {"organizations", "id, position, version, name, kind, dpo, management_review_on, rulebook_overrides",
     Kind::kOrganization, "id"},
    {"committees", "id, position, version, organization_id, name, kind", Kind::kCommittee, "id"},
    {"administrations", "id, position, version, organization_id, name, employing_committee_id", Kind::kAdministration,
     "id"},
    {"administration_committees", "administration_id, position, committee_id", Kind::kAdministration,
     "administration_id"},
    {"units", "administration_id, position, id, name, kind", Kind::kAdministration, "administration_id"},
    {"people", "id, position, version, name, administration_id, unit_id, title, email", Kind::kPerson, "id"},
    {"systems",
     "id, position, version, name, category, scope, own_support_process, owner_administration_id, hosting, supplier, "
     "personal_data, special_categories, fee, lifecycle, active_since, confidentiality, integrity, availability, "
     "processing_countries, classification_done_on, classification_method, classification_decided_by, "
     "classification_standard_information, classification_approved_by, classification_approved_on, "
     "classification_approval",
     Kind::kSystem, "id"},
    {"system_used_by", "system_id, position, administration_id", Kind::kSystem, "system_id"},
    {"system_roles", "system_id, position, role, person_id, committee_id", Kind::kSystem, "system_id"},
    {"system_documents",
     "system_id, position, id, kind, valid_from, valid_to, diary_number, signed_on, signed_by, organization_id, "
     "clauses, year, approved_on, approved_by, done_on, dpo_consulted, approved_by_account",
     Kind::kSystem, "system_id"},
    {"system_document_committees", "system_id, document_position, position, committee_id", Kind::kSystem, "system_id"},
    {"system_document_powers", "system_id, document_position, position, power_of_attorney_id", Kind::kSystem,
     "system_id"},
    {"system_transfers", "system_id, basis, tia_document, art9_document", Kind::kSystem, "system_id"},
    {"system_forums", "system_id, position, kind, held_on", Kind::kSystem, "system_id"},
    {"system_reviews", "system_id, position, kind, done_on", Kind::kSystem, "system_id"},
    {"system_integrations", "system_id, position, to_system_id, personal_data", Kind::kSystem, "system_id"},
    {"delegations",
     "id, position, version, committee_id, matter, matter_text, delegate_title, delegate_person_id, decision, "
     "valid_from, valid_to",
     Kind::kDelegation, "id"},
    {"powers_of_attorney", "id, position, version, committee_id, issued_by, holder, system_id, issued_on",
     Kind::kPowerOfAttorney, "id"},
    {"processing_activities",
     "id, position, version, controller_id, name, process_code, purposes, legal_basis, data_subjects, "
     "data_categories, recipients, retention, security_measures, processor_committee_id, start_date, "
     "own_dpia_required",
     Kind::kProcessingActivity, "id"},
    {"processing_activity_systems", "activity_id, position, system_id", Kind::kProcessingActivity, "activity_id"},
    {"processing_activity_joint_controllers", "activity_id, position, committee_id", Kind::kProcessingActivity,
     "activity_id"},
    {"processing_activity_transfers", "activity_id, position, country, recipient, safeguards",
     Kind::kProcessingActivity, "activity_id"},
    {"processing_activity_threshold_analyses", "activity_id, done_on, criteria, motivation, dpo_commented",
     Kind::kProcessingActivity, "activity_id"},
    {"processing_activity_dpias",
     "activity_id, done_on, dpo_consulted, description, necessity_proportionality, residual_risk, dpo_opinion_text, "
     "dpo_opinion_given_on, prior_consultation_needed, prior_consultation_sent_on, prior_consultation_reply_on, "
     "review_on, covers_activities, motivation",
     Kind::kProcessingActivity, "activity_id"},
    {"processor_records", "id, position, version, committee_id, system_id, subject, processing_categories",
     Kind::kProcessorRecord, "id"},
    {"processor_record_committees", "record_id, position, committee_id", Kind::kProcessorRecord, "record_id"},
    {"incidents",
     "id, position, version, system_id, aware_at, handler_id, assessment, notified_authority_at, delay_reason, "
     "dpo_informed, subjects_informed_at, description, subject_categories, approx_subjects, record_categories, "
     "approx_records, likely_consequences, measures, affected_informed_on, occurred_at, nature, cause, "
     "subjects_informed_how, cross_border, reported_at",
     Kind::kIncident, "id"},
    {"incident_controllers", "incident_id, position, committee_id", Kind::kIncident, "incident_id"},
    {"data_subject_requests",
     "id, position, version, received_on, kind, decided_on, extended_reason, outcome, appeal_notice",
     Kind::kDataSubjectRequest, "id"},
    {"data_subject_request_controllers", "request_id, position, committee_id", Kind::kDataSubjectRequest, "request_id"},
    {"agreements", "id, position, version, kind, signed_on", Kind::kAgreement, "id"},
    {"agreement_systems", "agreement_id, position, system_id", Kind::kAgreement, "agreement_id"},
    {"agreement_parties", "agreement_id, position, organization_id", Kind::kAgreement, "agreement_id"},
    {"system_document_organizations", "system_id, document_position, position, organization_id", Kind::kSystem,
     "system_id"},
    {"incident_assessments", "incident_id, position, committee_id, assessment, notified_authority_at", Kind::kIncident,
     "incident_id"},
    {"cooperations", "id, position, version, name, form, lead_id, coordinator_id, consulted, management_review_on",
     Kind::kCooperation, "id"},
    {"cooperation_parties", "cooperation_id, position, organization_id, committee_id, joined_on, decision",
     Kind::kCooperation, "cooperation_id"},
    {"cooperation_systems", "cooperation_id, position, system_id", Kind::kCooperation, "cooperation_id"},
    {"cooperation_groups", "cooperation_id, position, kind, name", Kind::kCooperation, "cooperation_id"},
    {"cooperation_group_members", "cooperation_id, group_position, position, person_id", Kind::kCooperation,
     "cooperation_id"},
    {"cooperation_documents",
     "cooperation_id, position, kind, signed_on, done_on, published_on, diary_number, dpia, dpo_consulted",
     Kind::kCooperation, "cooperation_id"},
    {"cooperation_responsibilities", "cooperation_id, position, duty, party", Kind::kCooperation, "cooperation_id"},
    {"dpa_decisions",
     "id, position, version, system_id, decided_on, decided_by, delegation_id, meeting, processor, diary_number, "
     "reported_on, reported_at",
     Kind::kDpaDecision, "id"},
    {"dpa_decision_committees", "decision_id, position, committee_id", Kind::kDpaDecision, "decision_id"},
    {"incident_action_plan", "incident_id, position, id, description, owner_id, due, status, done_on", Kind::kIncident,
     "incident_id"},
    {"processing_activity_dpia_risks", "activity_id, position, id, description, likelihood, consequence",
     Kind::kProcessingActivity, "activity_id"},
    {"processing_activity_dpia_measures", "activity_id, position, id, description, owner_id, due, status, done_on",
     Kind::kProcessingActivity, "activity_id"},
    {"system_classification_measures", "system_id, position, id, description, owner_id, due, status, done_on",
     Kind::kSystem, "system_id"},
    {"system_forum_measures", "system_id, forum_position, position, id, description, owner_id, due, status, done_on",
     Kind::kSystem, "system_id"},
    {"system_document_adopted_by", "system_id, document_position, position, committee_id", Kind::kSystem, "system_id"},
    {"system_document_supplemented_by", "system_id, document_position, position, committee_id", Kind::kSystem,
     "system_id"},
}};

static_assert(std::all_of(kTables.begin(), kTables.end(), [](const TableDef& t) { return !t.name.empty(); }),
              "every Table has its TableDef");

constexpr std::array<Table, kKindCount> kEntityTables = {
    Table::kOrganizations,    Table::kCommittees,  Table::kAdministrations,     Table::kPeople,
    Table::kSystems,          Table::kDelegations, Table::kPowersOfAttorney,    Table::kProcessingActivities,
    Table::kProcessorRecords, Table::kIncidents,   Table::kDataSubjectRequests, Table::kAgreements,
    Table::kCooperations,     Table::kDpaDecisions};

}  // namespace

std::span<const TableDef> Tables() { return kTables; }
const TableDef& Def(Table t) { return kTables[static_cast<size_t>(t)]; }
std::string_view TableOf(Kind kind) { return Def(kEntityTables[static_cast<size_t>(kind)]).name; }
const TableDef* FindTable(std::string_view table) {
  for (const auto& t : kTables)
    if (t.name == table) return &t;
  return nullptr;
}

std::string InsertSql(const TableDef& t, std::string_view prefix) {
  const auto n = std::count(t.columns.begin(), t.columns.end(), ',') + 1;
  std::string s = "INSERT INTO " + std::string(t.name) + " (" + std::string(t.columns) + ") VALUES (";
  for (int k = 1; k <= n; ++k) {
    if (k > 1) s += ", ";
    s += prefix;
    s += std::to_string(k);
  }
  return s + ")";
}

std::string WriteMetaSql(std::string_view prefix) {
  const std::string p(prefix);
  return "UPDATE register_meta SET as_of = " + p + "1, as_of_is_date = " + p + "2, rulebook_overrides = " + p +
         "3 WHERE id = 1";
}

}  // namespace ansvar::store::rows
