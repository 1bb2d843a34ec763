#pragma once
// SQLite's side of the one row mapping (store/rows/): rows written by prepared INSERTs, result rows read as a
// RowSource, and what only SQLite does with the register's tables (emptying them in bulk, dropping and building
// the secondary indexes, reading the foreign keys from the schema). Knows nothing of versions' meaning,
// transactions or the audit trail (sqlite_store.cpp does). Internal to store/sqlite/.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/change_checks.hpp"
#include "store/rows/dangling.hpp"
#include "store/rows/row_cursor.hpp"
#include "store/rows/row_sink.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace ansvar::store::sqlite {

// A row of a statement.
class SqliteCursor final : public rows::RowCursor {
 public:
  explicit SqliteCursor(const Stmt& s) : s_(s) {}
  [[nodiscard]] bool IsNull(int col) const override { return s_.IsNull(col); }
  [[nodiscard]] std::string_view Text(int col) const override { return s_.Text(col); }
  [[nodiscard]] int64_t Int(int col) const override { return s_.Int(col); }
  [[nodiscard]] bool Bool(int col) const override { return s_.Int(col) != 0; }

 private:
  const Stmt& s_;
};

// Also the RowSource of the register's reads: SELECTs on the connection, in its open transaction.
class RegisterTables final : public rows::RowSink, public rows::RowSource {
 public:
  explicit RegisterTables(Db& db);
  void Select(std::string_view sql, std::span<const std::string_view> params,
              const std::function<void(const rows::RowCursor&)>& row) override;

  std::optional<internal::StoredAt> Find(Kind kind, const std::string& id);
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
  const std::vector<rows::ForeignKey>& ForeignKeys();
  void ForgetSchema() { foreign_keys_.clear(); }  // after a migration
  // The first dangling reference anywhere (PRAGMA foreign_key_check: reads every table).
  std::optional<rows::Dangling> FirstDangling();

  // The whole register, each table read once.
  void Load(model::Register& reg, EntityVersions& versions);

  // RowSink: the rows of Insert, each by its table's cached INSERT.
  void Begin(rows::Table t) override;
  // Not copied: a row's values live until its End() (rows::WriteRows passes them to one call that ends the row).
  void Text(std::string_view v) override { stmt_->BindStatic(++column_, v); }
  void Null() override { stmt_->BindNull(++column_); }
  void Int(int64_t v) override { stmt_->Bind(++column_, v); }
  void Bool(bool v) override { stmt_->Bind(++column_, v); }
  void End() override { stmt_->Run(); }

  rows::RowSource& source() { return *this; }

 private:
  Db& db_;
  std::array<Stmt*, rows::kTableCount> inserts_{};
  Stmt* stmt_ = nullptr;
  int column_ = 0;
  std::vector<rows::ForeignKey> foreign_keys_;
};

}  // namespace ansvar::store::sqlite
