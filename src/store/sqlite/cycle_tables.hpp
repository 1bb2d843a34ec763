#pragma once
// The tables beside the register (migration 3): keyed records and JSON documents with their own hash-chained
// trail, for the annual cycle (store.hpp "Beside the register"). The caller (SqliteStore) holds the connection's
// mutex. Internal to store/sqlite/.
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace ansvar::store::sqlite {

class CycleTables {
 public:
  explicit CycleTables(Db& db) : db_(db) {}

  std::optional<Record> GetRecord(const std::string& key);
  std::vector<Record> ListRecords(const std::string& prefix);
  void PutRecord(const Record& r);
  bool RecordOnce(const Record& r);
  bool SwapRecord(const Record& expected, const Record& next);
  bool DeleteRecord(const std::string& key);

  std::vector<StoredDocument> ListDocuments(const std::string& collection);
  std::optional<StoredDocument> GetDocument(const std::string& collection, const std::string& id);
  int64_t PutDocument(const std::string& collection, const std::string& id, const std::string& json,
                      std::optional<int64_t> expected_version, const Actor& actor, model::Timestamp at);
  void DeleteDocument(const std::string& collection, const std::string& id, std::optional<int64_t> expected_version,
                      const Actor& actor, model::Timestamp at);
  std::vector<DocumentAuditEntry> ReadDocumentAudit(const std::string& collection, const std::string& id, size_t limit);

 private:
  void Append(const Actor& actor, model::Timestamp at, const std::string& collection, const std::string& id,
              std::string_view action, const std::string& before, const std::string& after);
  Db& db_;
};

}  // namespace ansvar::store::sqlite
