#pragma once
// The mapping between the model and the tables of migrations.cpp: writing an entity (its row and its child
// rows), deleting one, and reading the whole register back. Knows nothing of versions' meaning, transactions or
// the audit trail (sqlite_store.cpp does). Internal to store/sqlite/.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace ansvar::store::sqlite {

// The table of each kind ("systems").
std::string_view TableOf(Kind kind);

// Where a table's rows belong: the entity that owns a row and the column holding that entity's id. For an entity
// table that is the entity itself ("id"); for a child table, its parent ("system_roles" → system, "system_id").
struct TableOwner {
  Kind kind;
  std::string_view id_column;
};
std::optional<TableOwner> OwnerOfTable(std::string_view table);

// A foreign key of a register table, as SQLite reports it (pragma_foreign_key_list).
struct ForeignKey {
  std::string table;
  int64_t id = 0;  // SQLite's number of the key within its table
  std::string parent;
  std::vector<std::string> from;  // columns of `table`
  std::vector<std::string> to;    // the columns of `parent` they refer to
};

// A row whose foreign key refers to no row: the entity it belongs to, and the values of its key's columns.
struct Dangling {
  const ForeignKey* fk = nullptr;
  EntityKey referrer;
  std::vector<std::string> values;  // one per fk->from
};

class RegisterTables {
 public:
  explicit RegisterTables(Db& db);

  struct Stored {
    int64_t version = 0;
    int64_t position = 0;
  };
  std::optional<Stored> Find(Kind kind, const std::string& id);
  int64_t NextPosition(Kind kind);  // one past the last position of the kind

  // Inserts the entity's row (with its position and version) and its child rows. The id must not be stored.
  void Insert(const Entity& e, int64_t position, int64_t version);
  // Deletes the entity's row; its child rows go with it (ON DELETE CASCADE).
  void Delete(Kind kind, const std::string& id);
  // Deletes every row of the register (not the audit trail). Fast with foreign keys off.
  void DeleteAll();
  void WriteMeta(const model::Register& reg);

  // Secondary indexes: a bulk replace drops them and builds them again once the rows are in (faster than keeping
  // them up to date row by row). DropIndexes returns the statements that create them again.
  std::vector<std::string> DropIndexes();
  void CreateIndexes(const std::vector<std::string>& statements);

  // The foreign keys of every register table, read once from the schema.
  const std::vector<ForeignKey>& ForeignKeys();
  void ForgetSchema() { foreign_keys_.clear(); }  // after a migration
  // A row of fk.table that `fk` finds dangling; with `column`, only among rows where column = value (by index).
  std::optional<Dangling> FindDangling(const ForeignKey& fk, std::string_view column = {}, std::string_view value = {});
  // The first dangling reference anywhere (PRAGMA foreign_key_check: reads every table).
  std::optional<Dangling> FirstDangling();

  // The whole register, each table read once, child rows stitched to their parents by key and position.
  void Load(model::Register& reg, std::map<EntityKey, int64_t>& versions);

  void Insert(const model::Organization& x, int64_t position, int64_t version);
  void Insert(const model::Committee& x, int64_t position, int64_t version);
  void Insert(const model::Administration& x, int64_t position, int64_t version);
  void Insert(const model::Person& x, int64_t position, int64_t version);
  void Insert(const model::System& x, int64_t position, int64_t version);
  void Insert(const model::Delegation& x, int64_t position, int64_t version);
  void Insert(const model::PowerOfAttorney& x, int64_t position, int64_t version);
  void Insert(const model::ProcessingActivity& x, int64_t position, int64_t version);
  void Insert(const model::ProcessorRecord& x, int64_t position, int64_t version);
  void Insert(const model::Incident& x, int64_t position, int64_t version);
  void Insert(const model::DataSubjectRequest& x, int64_t position, int64_t version);
  void Insert(const model::Agreement& x, int64_t position, int64_t version);

  enum Sql : int;  // the statements of register_tables.cpp

 private:
  Stmt& S(Sql sql);

  Db& db_;
  std::array<Stmt*, 64> slots_{};
  std::vector<ForeignKey> foreign_keys_;
};

}  // namespace ansvar::store::sqlite
