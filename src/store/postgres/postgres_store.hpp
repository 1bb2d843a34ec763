#pragma once
// The PostgreSQL backend of the register's repository (store/store.hpp), for deployments where several
// application instances share one database server. libpq, a small connection pool, prepared statements,
// versioned migrations run on open, COPY for whole-register writes. See postgres_store.cpp for how concurrent
// writers keep one audit chain and how a restarted server is survived.
#include <memory>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace ansvar::store {

// Whether `db` names a PostgreSQL database: a postgresql:// or postgres:// URL.
bool IsPostgresUrl(std::string_view db);

// Connects to the database at `url` (a libpq connection URI: postgresql://user:password@host:port/dbname?…) and
// brings it to the current schema. Throws StoreError when the server cannot be reached or the schema is newer.
std::unique_ptr<Store> OpenPostgresStore(const std::string& url);

}  // namespace ansvar::store
