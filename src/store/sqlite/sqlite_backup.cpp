// `ansvar backup` for SQLite: the online backup API copies the database page by page into a new file while the
// service keeps running (WAL: readers and the one writer go on; the copy is the database as of one moment).
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "store/sqlite/sqlite_store.hpp"

namespace ansvar::store {
namespace {

class Handle {
 public:
  Handle(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError("sqlite: cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~Handle() { sqlite3_close(db_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  [[nodiscard]] sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

void BackupSqliteDatabase(const std::string& path, const std::string& to) {
  namespace fs = std::filesystem;
  if (!fs::exists(path)) throw StoreError("sqlite: " + path + " does not exist");
  if (fs::exists(to)) throw StoreError("sqlite: " + to + " exists already; a backup does not overwrite");
  const std::string partial = to + ".partial";
  std::error_code ec;
  fs::remove(partial, ec);
  {
    const Handle source(path, SQLITE_OPEN_READONLY);
    const Handle target(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* b = sqlite3_backup_init(target.get(), "main", source.get(), "main");
    if (b == nullptr) throw StoreError("sqlite: backup: " + std::string(sqlite3_errmsg(target.get())));
    int rc = SQLITE_OK;
    // In steps, so that a long copy does not hold the source's read lock for all of it; a write in between
    // restarts the copy from the start, which converges as steps are quick.
    do {
      rc = sqlite3_backup_step(b, 4096);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
      fs::remove(partial, ec);
      throw StoreError("sqlite: backup failed: " + std::string(sqlite3_errstr(rc)));
    }
    // The copy is a plain rollback-journal file (it has no WAL beside it).
    if (sqlite3_exec(target.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
      throw StoreError("sqlite: backup: " + std::string(sqlite3_errmsg(target.get())));
  }
  fs::rename(partial, to);
}

}  // namespace ansvar::store
