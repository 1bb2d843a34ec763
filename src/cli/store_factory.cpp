#include "cli/store_factory.hpp"

#include "store/sqlite/sqlite_store.hpp"

namespace ansvar::cli {

std::unique_ptr<store::Store> OpenStore(const std::string& db) {
  if (db.starts_with("postgresql://") || db.starts_with("postgres://"))
    throw store::StoreError("PostgreSQL is not built into this version; use a SQLite file");
  return store::OpenSqliteStore(db);
}

}  // namespace ansvar::cli
