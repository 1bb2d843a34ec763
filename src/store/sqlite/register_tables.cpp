#include "store/sqlite/register_tables.hpp"

#include <string_view>
#include <utility>

#include "store/rows/read_register.hpp"
#include "store/rows/tables.hpp"
#include "store/rows/write_rows.hpp"

namespace ansvar::store::sqlite {

using rows::TableOf;

void RegisterTables::Select(std::string_view sql, std::span<const std::string_view> params,
                            const std::function<void(const rows::RowCursor&)>& row) {
  Stmt s(db_, sql);  // read once per Load or explanation: not worth a cache slot
  for (size_t i = 0; i < params.size(); ++i) s.Bind(static_cast<int>(i + 1), params[i]);
  const SqliteCursor cursor(s);
  while (s.Step()) row(cursor);
}

RegisterTables::RegisterTables(Db& db) : RowSource("sqlite", "?"), db_(db) {}

void RegisterTables::Begin(rows::Table t) {
  Stmt*& slot = inserts_[static_cast<size_t>(t)];
  if (slot == nullptr) slot = &db_.Cached(rows::InsertSql(rows::Def(t), "?"));
  stmt_ = slot;
  column_ = 0;
}

void RegisterTables::Insert(const Entity& e, int64_t position, int64_t version) {
  rows::WriteRows(*this, e, position, version);
}

std::optional<internal::StoredAt> RegisterTables::Find(Kind kind, const std::string& id) {
  auto q = db_.Prepare("SELECT version, position FROM " + std::string(TableOf(kind)) + " WHERE id = ?1");
  q->Bind(1, id);
  if (!q->Step()) return std::nullopt;
  return internal::StoredAt{q->Int(0), q->Int(1)};
}

int64_t RegisterTables::NextPosition(Kind kind) {
  auto q = db_.Prepare("SELECT COALESCE(MAX(position) + 1, 0) FROM " + std::string(TableOf(kind)));
  q->Step();
  return q->Int(0);
}

void RegisterTables::Delete(Kind kind, const std::string& id) {
  auto q = db_.Prepare("DELETE FROM " + std::string(TableOf(kind)) + " WHERE id = ?1");
  q->Bind(1, id);
  q->Run();
}

void RegisterTables::DeleteAll() {  // child tables first
  const auto tables = rows::Tables();
  for (auto it = tables.rbegin(); it != tables.rend(); ++it) db_.Exec("DELETE FROM " + std::string(it->name));
}

void RegisterTables::WriteMeta(const model::Register& reg) {
  auto q = db_.Prepare(rows::WriteMetaSql("?"));
  q->Bind(1, rows::MetaAsOf(reg)).Bind(2, reg.as_of_is_date).Bind(3, reg.rulebook_overrides);
  q->Run();
}

std::vector<std::string> RegisterTables::DropIndexes() {
  std::vector<std::pair<std::string, std::string>> found;  // name, sql
  {
    Stmt q(db_, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
    while (q.Step())
      if (rows::FindTable(q.Text(1))) found.emplace_back(q.Str(0), q.Str(2));
  }
  std::vector<std::string> create;
  for (auto& [name, sql] : found) {
    db_.Exec("DROP INDEX " + rows::QuoteIdentifier(name));
    create.push_back(std::move(sql));
  }
  return create;
}

void RegisterTables::CreateIndexes(const std::vector<std::string>& statements) {
  for (const auto& sql : statements) db_.Exec(sql);
}

const std::vector<rows::ForeignKey>& RegisterTables::ForeignKeys() {
  if (!foreign_keys_.empty()) return foreign_keys_;
  Stmt q(db_,
         "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\" FROM sqlite_master AS m "
         "JOIN pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq");
  while (q.Step()) {
    if (!rows::FindTable(q.Text(0))) continue;
    if (foreign_keys_.empty() || foreign_keys_.back().table != q.Text(0) || foreign_keys_.back().number != q.Int(1))
      foreign_keys_.push_back(rows::ForeignKey{"", q.Int(1), q.Str(0), q.Str(2), {}, {}, ""});
    foreign_keys_.back().from.push_back(q.Str(3));
    foreign_keys_.back().to.push_back(q.Str(4));
  }
  return foreign_keys_;
}

std::optional<rows::Dangling> RegisterTables::FirstDangling() {
  std::string table;
  int64_t number = 0;
  {
    Stmt q(db_, "PRAGMA foreign_key_check");
    if (!q.Step()) return std::nullopt;
    table = q.Str(0);
    number = q.Int(3);
  }
  for (const auto& fk : ForeignKeys())
    if (fk.table == table && fk.number == number) return rows::FindDangling(*this, fk);
  return std::nullopt;
}

void RegisterTables::Load(model::Register& reg, EntityVersions& versions) { rows::LoadRegister(*this, reg, versions); }

}  // namespace ansvar::store::sqlite
