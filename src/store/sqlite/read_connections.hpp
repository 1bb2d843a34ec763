#pragma once
// Read-only connections to the same SQLite file, for the long reads (the audit trail, its verification): in WAL
// mode each reads a consistent snapshot while the store's own connection goes on writing and answering the short
// lookups (sessions, tokens, accounts) under its mutex, so that a page of 10,000 audit entries never holds that mutex
// (issue 17: "cheap reads never wait behind them"). Connections are opened when first needed and kept for reuse.
// An in-memory database has no file to share: there the store's own connection is used (Available() is false).
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite/sqlite_db.hpp"

namespace ansvar::store::sqlite {

class ReadConnections {
 public:
  explicit ReadConnections(std::string path) : path_(std::move(path)) {}

  [[nodiscard]] bool Available() const {
    return !path_.empty() && path_ != ":memory:" && path_.find("mode=memory") == std::string::npos;
  }

  // A connection of its own for the caller, given back when the lease ends.
  class Lease {
   public:
    Lease(ReadConnections& owner, std::unique_ptr<Db> db) : owner_(owner), db_(std::move(db)) {}
    ~Lease() { owner_.GiveBack(std::move(db_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Db& operator*() const { return *db_; }
    Db* operator->() const { return db_.get(); }

   private:
    ReadConnections& owner_;
    std::unique_ptr<Db> db_;
  };

  Lease Take() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return {*this, std::move(db)};
      }
    }
    auto db = std::make_unique<Db>(path_, Db::Mode::kReadOnly);
    db->Exec("PRAGMA busy_timeout = 5000");
    db->Exec("PRAGMA query_only = ON");
    return {*this, std::move(db)};
  }

 private:
  static constexpr size_t kKeepIdle = 4;
  void GiveBack(std::unique_ptr<Db> db) {
    if (!db || db->InTransaction()) return;  // a read that failed half-way: closed rather than reused
    std::lock_guard lock(mu_);
    if (idle_.size() < kKeepIdle) idle_.push_back(std::move(db));
  }

  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Db>> idle_;
};

}  // namespace ansvar::store::sqlite
