#pragma once
// The mapping between the model and the tables of migrations.cpp: an entity becomes rows (its own and its child
// rows), handed to a RowSink that either INSERTs them (a few entities, in Apply) or COPYs them (a whole register);
// and the whole register is read back table by table. Knows nothing of versions' meaning, transactions or the
// audit trail (postgres_store.cpp does). Internal to store/postgres/.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/postgres/pg_conn.hpp"
#include "store/store.hpp"

namespace ansvar::store::postgres {

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
};
inline constexpr size_t kTableCount = 33;

struct TableDef {
  std::string_view name;
  std::string_view columns;    // in the order the rows give them
  Kind kind;                   // the entity a row belongs to
  std::string_view id_column;  // the column holding that entity's id ("id" for an entity table)
};
std::span<const TableDef> Tables();  // indexed by Table
const TableDef& Def(Table t);

// The table of each kind ("systems").
std::string_view TableOf(Kind kind);
// The entity table or child table named `table`; nullopt for any other (register_meta, audit_log, …).
const TableDef* FindTable(std::string_view table);

// Receives the rows of entities: Begin(table), one call per column in TableDef::columns' order, End().
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void Begin(Table t) = 0;
  virtual void Text(std::string_view v) = 0;
  virtual void Null() = 0;
  virtual void Int(int64_t v) = 0;
  virtual void Bool(bool v) = 0;
  virtual void End() = 0;
};

// The rows of an entity, stored at `position` with `version`.
void WriteRows(RowSink& sink, const Entity& e, int64_t position, int64_t version);
template <class T>
void WriteRows(RowSink& sink, const T& x, int64_t position, int64_t version);

// register_meta's one row.
void WriteMeta(Conn& conn, const model::Register& reg);

// The whole register, each table read once (in an open transaction), child rows stitched to their parents.
void LoadRegister(Conn& conn, model::Register& reg, std::map<EntityKey, int64_t>& versions);

// Runs `sql` (a SELECT) through a cursor in the open transaction, `batch` rows at a time: a national register's
// tables do not need to fit in one result.
void ForEachRow(Conn& conn, const std::string& sql, const std::function<void(const Result&, int)>& row,
                int batch = 50000);

}  // namespace ansvar::store::postgres
