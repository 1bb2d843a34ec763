#pragma once
// The SQLite backend of the register's repository (store/store.hpp). One connection, serialised by a mutex;
// WAL, foreign keys on, versioned migrations run on open. See migrations.cpp for the schema.
#include <memory>
#include <string>

#include "store/store.hpp"

namespace ansvar::store {

// Opens (creating if need be) the database at `path` and brings it to the current schema.
// Throws StoreError when the file cannot be opened or migrated.
std::unique_ptr<Store> OpenSqliteStore(const std::string& path);

// Copies the database at `path` into the new file `to` with SQLite's online backup API, while other connections
// keep reading and writing: the copy is the database as of one moment. Throws StoreError (also when `to` exists).
void BackupSqliteDatabase(const std::string& path, const std::string& to);

}  // namespace ansvar::store
