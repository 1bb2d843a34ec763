#pragma once
// The PostgreSQL schema as an ordered list of migrations. A migration, once released, never changes: a new schema
// change is a new entry at the end. Internal to store/postgres/.
#include <span>
#include <string_view>

namespace ansvar::store::postgres {

struct Migration {
  int version;            // 1, 2, 3, … in order, no gaps
  std::string_view name;  // what it does, for logs
  std::string_view sql;   // one or more statements, run in one transaction
};

std::span<const Migration> Migrations();

}  // namespace ansvar::store::postgres
