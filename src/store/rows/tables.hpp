#pragma once
// The tables of the register, written once for every backend: each table's name, its columns in the order the
// row mapping (write_rows.cpp) gives them and the row reader (read_register.cpp) reads them, and the entity a
// row belongs to. The schema itself is each backend's (its migrations, in its dialect); the names agree.
// Internal to store/.
#include <cstddef>
#include <span>
#include <string_view>

#include "store/store.hpp"

namespace ansvar::store::rows {

enum class Table : int {
  kOrganizations,
  kCommittees,
  kAdministrations,
  kAdministrationCommittees,
  kUnits,
  kPeople,
  kSystems,
  kSystemUsedBy,
  kSystemRoles,
  kSystemDocuments,
  kSystemDocumentCommittees,
  kSystemDocumentPowers,
  kSystemTransfers,
  kSystemForums,
  kSystemReviews,
  kSystemIntegrations,
  kDelegations,
  kPowersOfAttorney,
  kProcessingActivities,
  kProcessingActivitySystems,
  kProcessingActivityJointControllers,
  kProcessingActivityTransfers,
  kProcessingActivityThresholdAnalyses,
  kProcessingActivityDpias,
  kProcessorRecords,
  kProcessorRecordCommittees,
  kIncidents,
  kIncidentControllers,
  kDataSubjectRequests,
  kDataSubjectRequestControllers,
  kAgreements,
  kAgreementSystems,
  kAgreementParties,
  kSystemDocumentOrganizations,
  kIncidentAssessments,
  kCooperations,
  kCooperationParties,
  kCooperationSystems,
  kCooperationGroups,
  kCooperationGroupMembers,
  kCooperationDocuments,
  kCooperationResponsibilities,
  kDpaDecisions,
  kDpaDecisionCommittees,
  kIncidentActionPlan,
  // DPIA records, classification records and measures (issue 15).
  kProcessingActivityDpiaRisks,
  kProcessingActivityDpiaMeasures,
  kSystemClassificationMeasures,
  kSystemForumMeasures,
  // A reference DPIA's adopting and supplementing committees (issue 15).
  kSystemDocumentAdoptedBy,
  kSystemDocumentSupplementedBy,
};
inline constexpr size_t kTableCount = 51;

struct TableDef {
  std::string_view name;
  std::string_view columns;    // in the order the rows give them
  Kind kind;                   // the entity a row belongs to
  std::string_view id_column;  // the column holding that entity's id ("id" for an entity table)
};
std::span<const TableDef> Tables();  // indexed by Table; entity tables before their child tables
const TableDef& Def(Table t);

// The table of each kind ("systems").
std::string_view TableOf(Kind kind);
// The entity table or child table named `table`; nullptr for any other (register_meta, audit_log, …).
const TableDef* FindTable(std::string_view table);

// The INSERT of a table's row, with the dialect's placeholders (`prefix` "?" for SQLite, "$" for PostgreSQL).
std::string InsertSql(const TableDef& t, std::string_view prefix);

// register_meta's one row: the UPDATE that writes it (three parameters: as_of, as_of_is_date, rulebook_overrides)
// and the SELECT that reads it.
std::string WriteMetaSql(std::string_view prefix);
inline constexpr std::string_view kReadMetaSql =
    "SELECT as_of, as_of_is_date, rulebook_overrides FROM register_meta WHERE id = 1";

// Calls `f` with each collection of the register kept entity by entity, in the order of Kind.
template <class Register, class F>
void ForEachCollection(Register& reg, F&& f) {
  f(reg.organizations);
  f(reg.committees);
  f(reg.administrations);
  f(reg.people);
  f(reg.systems);
  f(reg.delegations);
  f(reg.powers_of_attorney);
  f(reg.processing_activities);
  f(reg.processor_records);
  f(reg.incidents);
  f(reg.data_subject_requests);
  f(reg.agreements);
  f(reg.cooperations);
  f(reg.dpa_decisions);
}

// The Kind of a collection's element type.
template <class T>
Kind KindOfType() {
  return KindOf(Entity(std::in_place_type<T>));
}

}  // namespace ansvar::store::rows
