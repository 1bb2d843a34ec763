#pragma once
// The SQLite schema as an ordered list of migrations. A migration, once released, never changes: a new schema
// change is a new entry at the end. Internal to store/sqlite/.
#include <span>
#include <string_view>

namespace ansvar::store::sqlite {

struct Migration {
  int version;            // 1, 2, 3, … in order, no gaps
  std::string_view name;  // what it does, for logs
  std::string_view sql;   // one or more statements, run in one transaction
};

std::span<const Migration> Migrations();

}  // namespace ansvar::store::sqlite
