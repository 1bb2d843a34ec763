// The SQLite repository: transactions, optimistic versions, the audit chain, and SQLite's errors turned into
// ConflictError (a change contradicts what is stored) or StoreError (the backend failed). The mapping of the
// model to tables is in register_tables.cpp, the schema in migrations.cpp.
#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include "store/audit_chain.hpp"
#include "store/audit_images.hpp"
#include "store/change_checks.hpp"
#include "store/replace_versions.hpp"
#include "store/rows/dangling.hpp"
#include "store/rows/read_register.hpp"
#include "store/rows/tables.hpp"
#include "store/rows/write_rows.hpp"
#include "store/sqlite/audit_cursor.hpp"
#include "store/sqlite/cycle_tables.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/read_connections.hpp"
#include "store/sqlite/register_tables.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace ansvar::store {
namespace sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// How long a start waits for the write lock to begin its two reads in one snapshot, before it reads on one connection.
constexpr int kHoldTimeoutMs = 100;
// The page cache between bulk replaces, in KiB (SQLite's default is 2 MiB). Small on purpose: SQLite 3.40 walks
// every cached page at the end of many write transactions (a page split numbers a page with the lock-byte page's
// number for a moment, which leaves the cache's largest page number above the database's size, and the cache is
// then truncated by a walk of all of it: 10–30 % of a create's CPU with 64 MiB cached, more the more is cached).
// A create needs the few interior pages of each index and some 45 leaves, which a larger cache does not keep
// either on a national database; the start reads each table once. Measured (ansvar_service_bench, national
// database, CPU per create): 64 MiB 324–346 µs, 16 MiB 294–323 µs, 4 MiB 281–287 µs. A bulk replace has its own.
constexpr int kCacheKiB = 4 * 1024;
// During a bulk replace (a national register: from 34 s to 19 s with 450,000 audit entries). Freed afterwards.
constexpr int kBulkCacheKiB = 256 * 1024;
// After a checkpoint the WAL file is cut back to this size (a bulk replace can grow it to the database's size).
constexpr int kWalLimitBytes = 64 * 1024 * 1024;

// The WAL is copied into the database (and both synced) once it holds this many pages (SQLite's default: 1,000).
// A create writes some 30 pages (the entity's row and child rows, the audit entry, their indexes), most of them the
// same pages as the creates before it: a larger WAL checkpoints less often and writes each page once per checkpoint.
constexpr int kWalCheckpointPages = kWalLimitBytes / 4096;

using internal::CheckChange;
using internal::CheckReplace;
using internal::kAuditSelect;
using internal::Name;
using internal::Now;
using Tail = internal::AuditTail;
using rows::TableOf;

// A bulk replace's settings, restored however the scope ends: foreign-key enforcement off (checked once at the end
// instead), and a bigger page cache, as one transaction rewrites the whole file. Only outside a transaction (SQLite
// ignores the foreign_keys pragma inside one).
class BulkMode {
 public:
  explicit BulkMode(Db& db) : db_(db) {
    db_.Exec("PRAGMA foreign_keys = OFF");
    if (db_.QueryInt("PRAGMA foreign_keys").value_or(1) != 0)
      throw StoreError("sqlite: foreign keys could not be turned off for the bulk replace");
    db_.Exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB));
  }
  ~BulkMode() {
    try {
      db_.Exec("PRAGMA cache_size = -" + std::to_string(kCacheKiB));  // gives the extra pages back
      db_.Exec("PRAGMA foreign_keys = ON");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw; the next open sets both again
    }
  }
  BulkMode(const BulkMode&) = delete;
  BulkMode& operator=(const BulkMode&) = delete;

 private:
  Db& db_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) : db_(path), tables_(db_), readers_(path) {
    db_.Exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
    db_.Exec("PRAGMA foreign_keys = ON");
    if (db_.QueryInt("PRAGMA foreign_keys").value_or(0) != 1)
      throw StoreError("sqlite: this SQLite does not enforce foreign keys");
    db_.Exec("PRAGMA journal_mode = WAL");    // stays "memory" for an in-memory database
    db_.Exec("PRAGMA synchronous = NORMAL");  // durable enough in WAL: a power loss can lose the last commits only
    db_.Exec("PRAGMA cache_size = -" + std::to_string(kCacheKiB));  // negative: KiB, not pages
    db_.Exec("PRAGMA journal_size_limit = " + std::to_string(kWalLimitBytes));
    db_.Exec("PRAGMA wal_autocheckpoint = " + std::to_string(kWalCheckpointPages));
  }

  int SchemaVersion() override {
    std::lock_guard lock(mu_);
    return SchemaVersionLocked();
  }

  int Migrate() override {
    std::lock_guard lock(mu_);
    db_.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    const auto migrations = Migrations();
    const int current = SchemaVersionLocked();
    if (current > migrations.back().version)
      throw StoreError("sqlite: the database has schema version " + std::to_string(current) +
                       ", newer than this program knows (" + std::to_string(migrations.back().version) + ")");
    int applied = 0;
    for (const auto& m : migrations) {
      if (m.version <= current) continue;
      Transaction tx(db_);
      bool done = false;
      {
        auto q = db_.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?1");
        q->Bind(1, m.version);
        done = q->Step();
      }
      if (done) continue;  // another process applied it meanwhile
      try {
        db_.Exec(m.sql);
      } catch (const StoreError& e) {
        throw StoreError("sqlite: migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                         ") failed: " + e.what());
      }
      auto q = db_.Prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
      q->Bind(1, m.version).Bind(2, Now());
      q->Run();
      tx.Commit();
      tables_.ForgetSchema();
      ++applied;
    }
    return applied;
  }

  Snapshot Load() override {
    std::lock_guard lock(mu_);
    Snapshot snap;
    if (readers_.Available() && LoadOnTwo(snap)) return snap;
    Transaction tx(db_, "BEGIN");  // one consistent read of every table
    tables_.Load(snap.reg, snap.versions);
    snap.last_audit_seq = ReadTail().seq;
    tx.Commit();
    return snap;
  }

  Committed Apply(const std::vector<Change>& changes, const Actor& actor, model::Timestamp at) override {
    for (size_t i = 0; i < changes.size(); ++i) CheckChange(changes[i], i);
    std::lock_guard lock(mu_);
    Transaction tx(db_);
    Tail tail = ReadTail();
    Committed out;
    out.versions.reserve(changes.size());
    for (const Change& c : changes) {
      const internal::ChangePlan plan = internal::PlanChange(c, tables_.Find(c.key.kind, c.key.id));
      if (plan.remove) tables_.Delete(c.key.kind, c.key.id);
      if (plan.write)
        Write(c, [&] {
          tables_.Insert(*c.after, plan.position ? *plan.position : tables_.NextPosition(c.key.kind), plan.version);
        });
      Append(tail, actor, at, c.key, plan.action, c.before_json, c.after_json);
      out.versions.push_back(plan.version);
    }
    CommitChecked(tx, &changes);
    out.last_audit_seq = tail.seq;
    return out;
  }

  Committed ReplaceRegister(const model::Register& reg, const std::vector<Change>& audit, const Actor& actor,
                            model::Timestamp at) override {
    CheckReplace(reg, audit);
    const std::string dictionary = internal::ImageDictionary(audit);  // empty: the images stay text

    std::lock_guard lock(mu_);
    // Bulk: with enforcement off, DELETE empties a table at once and each insert skips its per-row check; the
    // whole result is checked once by PRAGMA foreign_key_check before COMMIT, so the guarantee is the same. The
    // secondary indexes are dropped and built again after the inserts (in the transaction: a rollback keeps them).
    // A national register (150,000 systems, 1.5 M roles, 300,000 activities) takes 13–16 s on 2 shared cores.
    const BulkMode bulk(db_);
    Transaction tx(db_);
    Tail tail = ReadTail();

    internal::ReplaceVersions versions(audit);
    for (size_t k = 0; k < kKindCount; ++k) {
      Stmt s(db_, "SELECT id, version FROM " + std::string(TableOf(static_cast<Kind>(k))));
      while (s.Step()) versions.Stored(static_cast<Kind>(k), s.Str(0), s.Int(1));
    }

    // The images are compressed on another thread while this one writes the register's rows (a national register:
    // some 2 s of zstd beside 10 s of inserts); the future waits for that thread however the scope ends.
    std::future<internal::CompressedImages> compressing;
    if (!dictionary.empty()) {
      auto q = db_.Prepare("INSERT INTO audit_image_dictionaries (content) VALUES (?1)");
      q->BindBlobStatic(1, dictionary);
      q->Run();
      const int64_t id = db_.QueryInt("SELECT last_insert_rowid()").value_or(0);
      compressing = std::async(
          std::launch::async, [&audit, &dictionary, id] { return internal::CompressImages(audit, id, dictionary, 1); });
    }

    const std::vector<std::string> indexes = tables_.DropIndexes();
    tables_.DeleteAll();
    tables_.WriteMeta(reg);
    rows::ForEachCollection(reg, [&](const auto& items) { InsertAll(items, versions); });
    tables_.CreateIndexes(indexes);

    Committed out;
    out.versions.reserve(audit.size());
    const internal::CompressedImages images = compressing.valid() ? compressing.get() : internal::CompressedImages{};
    for (size_t i = 0; i < audit.size(); ++i) {
      const Change& c = audit[i];
      const auto [action, version] = versions.Outcome(c);
      if (images.after.empty())
        Append(tail, actor, at, c.key, action, c.before_json, c.after_json);
      else
        Append(tail, actor, at, c.key, action, c.before_json, c.after_json, images.before[i], images.after[i]);
      out.versions.push_back(version);
    }

    bool dangling = false;
    {
      Stmt check(db_, "PRAGMA foreign_key_check");
      dangling = check.Step();
    }
    if (dangling) throw ForeignKeyConflict(nullptr);
    tx.Commit();
    out.last_audit_seq = tail.seq;
    return out;
  }

  std::vector<AuditEntry> ReadAudit(const AuditFilter& f) override {
    std::string sql = std::string(kAuditSelect);
    std::vector<std::variant<std::string, int64_t>> params;
    std::string where;
    auto cond = [&](std::string_view c, std::variant<std::string, int64_t> v) {
      where += where.empty() ? " WHERE " : " AND ";
      where += c;
      where += " ?" + std::to_string(params.size() + 1);
      params.push_back(std::move(v));
    };
    if (f.kind) cond("kind =", std::string(ToString(*f.kind)));
    if (f.entity_id) cond("entity_id =", *f.entity_id);
    if (f.actor_id) cond("actor_id =", *f.actor_id);
    if (f.from) cond("at >=", model::FormatTimestamp(*f.from));
    if (f.to) cond("at <=", model::FormatTimestamp(*f.to));
    if (f.after_seq) cond("seq >", *f.after_seq);
    sql += where;
    sql += f.newest_first ? " ORDER BY seq DESC" : " ORDER BY seq ASC";
    // A limit of 0 means no limit.
    sql += " LIMIT ?" + std::to_string(params.size() + 1);
    params.emplace_back(f.limit == 0 ? int64_t{-1} : static_cast<int64_t>(std::min<size_t>(f.limit, INT64_MAX)));

    // On a read-only connection of its own (read_connections.hpp): the store's mutex is not held meanwhile.
    if (readers_.Available()) {
      auto reader = readers_.Take();
      return ReadAuditOn(*reader, sql, params);
    }
    std::lock_guard lock(mu_);
    return ReadAuditOn(db_, sql, params);
  }

  static std::vector<AuditEntry> ReadAuditOn(Db& db, const std::string& sql,
                                             const std::vector<std::variant<std::string, int64_t>>& params) {
    auto q = db.Prepare(sql);  // at most 2^6 × 2 shapes: cached like the others
    for (size_t i = 0; i < params.size(); ++i)
      std::visit([&](const auto& v) { q->Bind(static_cast<int>(i + 1), v); }, params[i]);
    std::vector<AuditEntry> out;
    AuditCursor row(db, *q);
    while (q->Step()) {
      std::string problem;
      std::optional<AuditEntry> e;
      if (row.Next(problem)) e = internal::ReadAuditEntry(row, problem);
      if (!e) throw StoreError("sqlite: audit entry " + std::to_string(q->Int(0)) + " is unreadable: " + problem);
      out.push_back(std::move(*e));
    }
    return out;
  }

  AuditVerification VerifyAudit() override {
    if (readers_.Available()) {
      auto reader = readers_.Take();
      return VerifyOn(*reader);
    }
    std::lock_guard lock(mu_);
    return VerifyOn(db_);
  }

  static AuditVerification VerifyOn(Db& db) {
    Transaction tx(db, "BEGIN");
    internal::AuditChainCheck check;
    Stmt s(db, std::string(kAuditSelect) + " ORDER BY seq ASC");
    AuditCursor row(db, s);
    while (s.Step()) {
      std::string problem;
      if (!(row.Next(problem) ? check.Add(row) : check.AddUnreadable(s.Int(0), problem))) break;
    }
    return check.result();
  }

  int64_t LastAuditSeq() override {
    std::lock_guard lock(mu_);
    return ReadTail().seq;
  }

  // Beside the register (cycle_tables.cpp): each call one statement or one transaction, under the same mutex.
  std::optional<Record> GetRecord(const std::string& key) override {
    return Locked([&] { return cycle_.GetRecord(key); });
  }
  std::vector<Record> ListRecords(const std::string& prefix) override {
    return Locked([&] { return cycle_.ListRecords(prefix); });
  }
  void PutRecord(const Record& r) override {
    Locked([&] { cycle_.PutRecord(r); });
  }
  bool RecordOnce(const Record& r) override {
    return Locked([&] { return cycle_.RecordOnce(r); });
  }
  bool SwapRecord(const Record& expected, const Record& next) override {
    return Locked([&] { return cycle_.SwapRecord(expected, next); });
  }
  bool DeleteRecord(const std::string& key) override {
    return Locked([&] { return cycle_.DeleteRecord(key); });
  }
  std::vector<StoredDocument> ListDocuments(const std::string& collection) override {
    return Locked([&] { return cycle_.ListDocuments(collection); });
  }
  std::optional<StoredDocument> GetDocument(const std::string& collection, const std::string& id) override {
    return Locked([&] { return cycle_.GetDocument(collection, id); });
  }
  int64_t PutDocument(const std::string& collection, const std::string& id, const std::string& json,
                      std::optional<int64_t> expected_version, const Actor& actor, model::Timestamp at) override {
    return Locked([&] { return cycle_.PutDocument(collection, id, json, expected_version, actor, at); });
  }
  void DeleteDocument(const std::string& collection, const std::string& id, std::optional<int64_t> expected_version,
                      const Actor& actor, model::Timestamp at) override {
    Locked([&] { cycle_.DeleteDocument(collection, id, expected_version, actor, at); });
  }
  std::vector<DocumentAuditEntry> ReadDocumentAudit(const std::string& collection, const std::string& id,
                                                    size_t limit) override {
    return Locked([&] { return cycle_.ReadDocumentAudit(collection, id, limit); });
  }

 private:
  template <class F>
  std::invoke_result_t<F> Locked(F&& f) {
    std::lock_guard lock(mu_);
    return f();
  }

  int SchemaVersionLocked() {
    const bool exists =
        db_.QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
            .value_or(0) > 0;
    if (!exists) return 0;
    return static_cast<int>(db_.QueryInt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").value_or(0));
  }

  // The register read on two read-only connections at once (read_connections.hpp), the systems with their child
  // rows on this thread and the rest on another: a national register's start waits for the larger half only. Both
  // read one snapshot: their read transactions begin while this connection holds the write lock, so that no commit
  // can fall between them. False, having read nothing, when another connection keeps the write lock (then the
  // caller reads on this connection alone, as a reader never waits for a writer).
  bool LoadOnTwo(Snapshot& snap) {
    auto systems = readers_.Take();
    auto rest = readers_.Take();
    Transaction systems_tx(*systems, "BEGIN");
    Transaction rest_tx(*rest, "BEGIN");
    {
      db_.Exec("PRAGMA busy_timeout = " + std::to_string(kHoldTimeoutMs));
      std::optional<Transaction> hold;
      bool locked = true;
      try {
        hold.emplace(db_, "BEGIN IMMEDIATE");
      } catch (const StoreError&) {
        locked = false;  // busy: another writer keeps the lock
      }
      db_.Exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
      if (!locked) return false;
      // A read transaction's snapshot is taken by its first read, not by BEGIN.
      snap.last_audit_seq = TailOn(*systems).seq;
      rest->QueryInt("SELECT COUNT(*) FROM register_meta");
    }  // the write lock is given back
    RegisterTables systems_tables(*systems);
    RegisterTables rest_tables(*rest);
    rows::LoadRegister(systems_tables, rest_tables, snap.reg, snap.versions);
    systems_tx.Commit();
    rest_tx.Commit();
    return true;
  }

  Tail ReadTail() { return TailOn(db_); }

  static Tail TailOn(Db& db) {
    auto q = db.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    Tail t;
    if (q->Step()) {
      t.seq = q->Int(0);
      t.hash = q->Str(1);
    }
    return t;
  }

  // `stored_before`, `stored_after`: the images as stored when not as text (compressed, "" for none); the hash
  // covers the JSON either way.
  void Append(Tail& tail, const Actor& actor, model::Timestamp at, const EntityKey& key, std::string_view action,
              const std::string& before_json, const std::string& after_json, std::string_view stored_before = {},
              std::string_view stored_after = {}) {
    // The row's text is bound without a copy (a national import: 520 MB of images); it outlives the insert.
    const internal::AuditRow e = internal::NextAuditRow(tail, actor, at, key, action, before_json, after_json);
    static const std::string sql = "INSERT INTO audit_log (" + std::string(internal::kAuditColumns) +
                                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    auto q = db_.Prepare(sql);
    int column = 0;
    e.Values([&](const auto& v) {
      ++column;
      if constexpr (std::is_integral_v<std::decay_t<decltype(v)>>) {
        q->Bind(column, v);
      } else {
        const std::string_view stored = column == kBeforeColumn  ? stored_before
                                        : column == kAfterColumn ? stored_after
                                                                 : std::string_view();
        if (stored.empty())
          q->BindStatic(column, v);
        else
          q->BindBlobStatic(column, stored);
      }
    });
    q->Run();
  }
  // before_json and after_json in kAuditColumns, 1-based.
  static constexpr int kBeforeColumn = 8;
  static constexpr int kAfterColumn = 9;

  // Runs a write of change `c`: a constraint it breaks at once is a conflict of that change.
  template <class F>
  static void Write(const Change& c, F&& write) {
    internal::WriteChange<SqliteError>(c, std::forward<F>(write),
                                       [](const SqliteError& e) { return e.IsConstraint(); });
  }

  template <class T>
  void InsertAll(const std::vector<T>& items, internal::ReplaceVersions& versions) {
    const Kind kind = rows::KindOfType<T>();
    for (size_t i = 0; i < items.size(); ++i) {
      try {
        rows::WriteRows(tables_, items[i], static_cast<int64_t>(i), versions.Written(kind, items[i].id.str()));
      } catch (const SqliteError& e) {
        if (!e.IsConstraint()) throw;
        const EntityKey key{kind, items[i].id.str()};
        throw ConflictError(ConflictReason::kUnstorable, key, Name(key) + " cannot be stored: " + e.detail());
      }
    }
  }

  void CommitChecked(Transaction& tx, const std::vector<Change>* batch) {
    try {
      tx.Commit();
    } catch (const SqliteError& e) {
      // A deferred foreign key failed: SQLite keeps the transaction open, so the culprit can still be found.
      if (!e.IsForeignKey() || !db_.InTransaction()) throw;
      throw ForeignKeyConflict(batch);
    }
  }

  // Explains the first dangling reference of the open transaction (store/rows/dangling.hpp); a replace (no batch)
  // finds it with PRAGMA foreign_key_check, which reads every table.
  ConflictError ForeignKeyConflict(const std::vector<Change>* batch) {
    return rows::ExplainDangling(tables_.source(), tables_.ForeignKeys(), batch,
                                 [&] { return tables_.FirstDangling(); });
  }

  std::mutex mu_;
  Db db_;
  RegisterTables tables_;
  CycleTables cycle_{db_};
  ReadConnections readers_;  // for the long reads, apart from mu_ and db_
};

}  // namespace
}  // namespace sqlite

std::unique_ptr<Store> OpenSqliteStore(const std::string& path) {
  auto store = std::make_unique<sqlite::SqliteStore>(path);
  store->Migrate();
  return store;
}

}  // namespace ansvar::store
