#include "store/sqlite/cycle_tables.hpp"

#include <stdexcept>

#include "store/audit_chain.hpp"
#include "store/sqlite/register_tables.hpp"

namespace ansvar::store::sqlite {
namespace {

Record ReadRecord(const Stmt& s) {
  Record r;
  r.key = s.Str(0);
  r.state = s.Str(1);
  r.data = s.Str(2);
  const auto at = model::ParseTimestamp(s.Text(3));
  if (!at) throw StoreError("sqlite: record \"" + r.key + "\" has an unreadable time \"" + s.Str(3) + "\"");
  r.at = *at;
  return r;
}

std::string Label(const std::string& collection, const std::string& id) {
  std::string s = collection;
  s += " \"";
  s += id;
  s += '"';
  return s;
}

ConflictError Conflict(ConflictReason reason, const std::string& id, const std::string& message) {
  // The register's EntityKey names a kind of the register; a document beside it has none, so only the id is kept.
  return ConflictError(reason, EntityKey{Kind::kSystem, id}, message);
}

}  // namespace

std::optional<Record> CycleTables::GetRecord(const std::string& key) {
  auto q = db_.Prepare("SELECT key, state, data, at FROM cycle_records WHERE key = ?1");
  q->Bind(1, key);
  if (!q->Step()) return std::nullopt;
  return ReadRecord(*q);
}

std::vector<Record> CycleTables::ListRecords(const std::string& prefix) {
  auto q = db_.Prepare(
      "SELECT key, state, data, at FROM cycle_records WHERE key >= ?1 AND substr(key, 1, length(?1)) = ?1 "
      "ORDER BY key");
  q->Bind(1, prefix);
  std::vector<Record> out;
  while (q->Step()) out.push_back(ReadRecord(*q));
  return out;
}

void CycleTables::PutRecord(const Record& r) {
  auto q = db_.Prepare(
      "INSERT INTO cycle_records (key, state, data, at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (key) DO UPDATE SET state = excluded.state, data = excluded.data, at = excluded.at");
  q->Bind(1, r.key).Bind(2, r.state).Bind(3, r.data).Bind(4, model::FormatTimestamp(r.at));
  q->Run();
}

bool CycleTables::RecordOnce(const Record& r) {
  auto q = db_.Prepare(
      "INSERT INTO cycle_records (key, state, data, at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO NOTHING "
      "RETURNING key");
  q->Bind(1, r.key).Bind(2, r.state).Bind(3, r.data).Bind(4, model::FormatTimestamp(r.at));
  const bool inserted = q->Step();
  while (q->Step()) {
  }
  return inserted;
}

bool CycleTables::SwapRecord(const Record& expected, const Record& next) {
  if (expected.key != next.key) throw std::invalid_argument("SwapRecord: the keys differ");
  auto q = db_.Prepare(
      "UPDATE cycle_records SET state = ?5, data = ?6, at = ?7 WHERE key = ?1 AND state = ?2 AND data = ?3 AND at = ?4 "
      "RETURNING key");
  q->Bind(1, expected.key).Bind(2, expected.state).Bind(3, expected.data).Bind(4, model::FormatTimestamp(expected.at));
  q->Bind(5, next.state).Bind(6, next.data).Bind(7, model::FormatTimestamp(next.at));
  const bool swapped = q->Step();
  while (q->Step()) {
  }
  return swapped;
}

bool CycleTables::DeleteRecord(const std::string& key) {
  auto q = db_.Prepare("DELETE FROM cycle_records WHERE key = ?1 RETURNING key");
  q->Bind(1, key);
  const bool deleted = q->Step();
  while (q->Step()) {
  }
  return deleted;
}

std::vector<StoredDocument> CycleTables::ListDocuments(const std::string& collection) {
  auto q = db_.Prepare("SELECT id, version, json FROM cycle_documents WHERE collection = ?1 ORDER BY id");
  q->Bind(1, collection);
  std::vector<StoredDocument> out;
  while (q->Step()) out.push_back({collection, q->Str(0), q->Int(1), q->Str(2)});
  return out;
}

std::optional<StoredDocument> CycleTables::GetDocument(const std::string& collection, const std::string& id) {
  auto q = db_.Prepare("SELECT version, json FROM cycle_documents WHERE collection = ?1 AND id = ?2");
  q->Bind(1, collection).Bind(2, id);
  if (!q->Step()) return std::nullopt;
  return StoredDocument{collection, id, q->Int(0), q->Str(1)};
}

int64_t CycleTables::PutDocument(const std::string& collection, const std::string& id, const std::string& json,
                                 std::optional<int64_t> expected_version, const Actor& actor, model::Timestamp at) {
  if (id.empty()) throw std::invalid_argument("PutDocument: the document has no id");
  Transaction tx(db_);
  const auto stored = GetDocument(collection, id);
  int64_t version = 1;
  if (!expected_version) {
    if (stored) throw Conflict(ConflictReason::kExists, id, Label(collection, id) + " already exists");
    auto q = db_.Prepare("INSERT INTO cycle_documents (collection, id, version, json) VALUES (?1, ?2, 1, ?3)");
    q->Bind(1, collection).Bind(2, id).Bind(3, json);
    q->Run();
    Append(actor, at, collection, id, "create", "", json);
  } else {
    if (!stored) throw Conflict(ConflictReason::kMissing, id, Label(collection, id) + " does not exist");
    if (stored->version != *expected_version)
      throw Conflict(ConflictReason::kStale, id,
                     Label(collection, id) + " was changed by someone else (version " +
                         std::to_string(stored->version) + ", expected " + std::to_string(*expected_version) + ")");
    version = stored->version + 1;
    auto q = db_.Prepare("UPDATE cycle_documents SET version = ?3, json = ?4 WHERE collection = ?1 AND id = ?2");
    q->Bind(1, collection).Bind(2, id).Bind(3, version).Bind(4, json);
    q->Run();
    Append(actor, at, collection, id, "update", stored->json, json);
  }
  tx.Commit();
  return version;
}

void CycleTables::DeleteDocument(const std::string& collection, const std::string& id,
                                 std::optional<int64_t> expected_version, const Actor& actor, model::Timestamp at) {
  Transaction tx(db_);
  const auto stored = GetDocument(collection, id);
  if (!stored) throw Conflict(ConflictReason::kMissing, id, Label(collection, id) + " does not exist");
  if (expected_version && stored->version != *expected_version)
    throw Conflict(ConflictReason::kStale, id,
                   Label(collection, id) + " was changed by someone else (version " + std::to_string(stored->version) +
                       ", expected " + std::to_string(*expected_version) + ")");
  auto q = db_.Prepare("DELETE FROM cycle_documents WHERE collection = ?1 AND id = ?2");
  q->Bind(1, collection).Bind(2, id);
  q->Run();
  Append(actor, at, collection, id, "delete", stored->json, "");
  tx.Commit();
}

std::vector<DocumentAuditEntry> CycleTables::ReadDocumentAudit(const std::string& collection, const std::string& id,
                                                               size_t limit) {
  auto q = db_.Prepare(
      "SELECT " + std::string(internal::kDocumentAuditColumns) +
      " FROM cycle_document_audit WHERE collection = ?1 AND (?2 = '' OR document_id = ?2) ORDER BY seq DESC LIMIT ?3");
  q->Bind(1, collection).Bind(2, id).Bind(3, limit == 0 ? int64_t{-1} : static_cast<int64_t>(limit));
  std::vector<DocumentAuditEntry> out;
  const SqliteCursor row(*q);
  while (q->Step()) out.push_back(internal::ReadDocumentAuditEntry(row, "sqlite"));
  return out;
}

void CycleTables::Append(const Actor& actor, model::Timestamp at, const std::string& collection, const std::string& id,
                         std::string_view action, const std::string& before, const std::string& after) {
  internal::AuditTail tail;
  {
    auto q = db_.Prepare("SELECT seq, hash FROM cycle_document_audit ORDER BY seq DESC LIMIT 1");
    if (q->Step()) tail = {q->Int(0), q->Str(1)};
  }
  const DocumentAuditEntry e = internal::NextDocumentAuditEntry(tail, actor, at, collection, id, action, before, after);
  auto q = db_.Prepare("INSERT INTO cycle_document_audit (" + std::string(internal::kDocumentAuditColumns) +
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  int column = 0;
  internal::AuditValues(e, [&](const auto& v) { q->Bind(++column, v); });
  q->Run();
}

}  // namespace ansvar::store::sqlite
