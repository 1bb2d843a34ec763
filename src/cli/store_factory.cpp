#include "cli/store_factory.hpp"

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace ansvar::cli {

std::unique_ptr<store::Store> OpenStore(const std::string& db) {
  if (store::IsPostgresUrl(db)) return store::OpenPostgresStore(db);
  return store::OpenSqliteStore(db);
}

}  // namespace ansvar::cli
