// The PostgreSQL repository: transactions, optimistic versions, the audit chain under concurrent writers from
// several processes, reconnecting after a server restart, and PostgreSQL's errors turned into ConflictError (a
// change contradicts what is stored) or StoreError (the backend failed).
//
// Concurrency. Every write transaction first takes `LOCK TABLE audit_log IN EXCLUSIVE MODE`: writers (of any
// process) queue there, so each reads the audit tail and the entities' versions after the previous writer
// committed, and the chain stays linear. Readers are not blocked (EXCLUSIVE admits ACCESS SHARE). Versions are
// read with SELECT … FOR UPDATE inside the transaction. Load() reads in one REPEATABLE READ snapshot after
// locking the register tables in ACCESS SHARE mode, in the same order as a whole-register replace locks them in
// ACCESS EXCLUSIVE mode (no deadlock, and no snapshot older than a TRUNCATE).
//
// Reconnecting. A statement that fails because the connection went (the server restarted, a fast shutdown
// terminated the session, the server is still starting) is retried on a new connection for up to 30 seconds,
// with the whole transaction: the server rolled it back. COMMIT is never retried: when the connection breaks
// during COMMIT the outcome is unknown, and the store reports a StoreError; the client retries with its If-Match
// and gets 412 if the write did land.
#include "store/postgres/postgres_store.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "store/audit_chain.hpp"
#include "store/change_checks.hpp"
#include "store/postgres/migrations.hpp"
#include "store/postgres/pg_conn.hpp"
#include "store/postgres/pg_rows.hpp"
#include "store/replace_versions.hpp"
#include "store/rows/dangling.hpp"
#include "store/rows/read_register.hpp"
#include "store/rows/tables.hpp"
#include "store/rows/write_rows.hpp"

namespace ansvar::store {
namespace postgres {
namespace {

constexpr size_t kPoolSize = 4;
constexpr auto kRetryFor = std::chrono::seconds(30);
// A replace of more entities than this drops the foreign keys and secondary indexes, COPYs, and adds them back
// (each checked by one join instead of a trigger per row); a smaller one keeps them and checks at the end.
constexpr size_t kBulkEntities = 2000;

using internal::CheckChange;
using internal::CheckReplace;
using internal::kAuditColumns;
using internal::kAuditSelect;
using internal::Name;
using internal::Now;
using internal::Quote;
using Tail = internal::AuditTail;
using rows::Dangling;
using rows::FindTable;
using rows::ForeignKey;
using rows::TableDef;
using rows::TableOf;
using rows::Tables;
using rows::WriteRows;

// Ids that must be unique, checked before a COPY so that the conflict names the entity.
template <class T>
void CheckUnique(const std::vector<T>& items, Kind kind) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(items.size());
  for (const auto& x : items) {
    if (!seen.insert(x.id.str()).second) {
      const EntityKey key{kind, x.id.str()};
      throw ConflictError(ConflictReason::kUnstorable, key, Name(key) + " cannot be stored: the id occurs twice");
    }
    if constexpr (std::is_same_v<T, model::Administration>) {
      std::unordered_set<std::string_view> units;
      for (const auto& u : x.units)
        if (!units.insert(u.id.str()).second)
          throw ConflictError(
              ConflictReason::kUnstorable, {kind, x.id.str()},
              Name({kind, x.id.str()}) + " cannot be stored: unit " + Quote(u.id.str()) + " occurs twice");
    }
    if constexpr (std::is_same_v<T, model::System>) {
      std::unordered_set<std::string_view> docs;
      for (const auto& d : x.documents)
        if (!d.id.empty() && !docs.insert(d.id.str()).second)
          throw ConflictError(
              ConflictReason::kUnstorable, {kind, x.id.str()},
              Name({kind, x.id.str()}) + " cannot be stored: document " + Quote(d.id.str()) + " occurs twice");
    }
  }
}

// BEGIN now; ROLLBACK unless Commit() ran.
class Tx {
 public:
  explicit Tx(Conn& c, std::string_view begin = "BEGIN") : c_(c) { c_.Exec(begin); }
  ~Tx() {
    if (!open_ || c_.Broken()) return;
    try {
      c_.Exec("ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the pool drops a connection that cannot roll back
      c_.MarkBroken();
    }
  }
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  // A lost connection during COMMIT leaves the outcome unknown: a StoreError, never retried.
  void Commit() {
    open_ = false;
    try {
      c_.Exec("COMMIT");
    } catch (const PgError& e) {
      if (!e.connection_lost()) throw;
      throw StoreError(
          "postgres: the connection was lost during COMMIT, so the change may or may not have been stored; read "
          "it again (" +
          e.detail() + ")");
    }
  }

 private:
  Conn& c_;
  bool open_ = true;
};

std::vector<std::string> SplitCommas(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = s.find(',', start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// Every register table, in the one order in which both Load() and ReplaceRegister() lock them.
std::string AllRegisterTables() {
  std::string s = "register_meta";
  for (const auto& t : Tables()) s += ", " + std::string(t.name);
  return s;
}

class PgStore final : public Store {
 public:
  explicit PgStore(const std::string& url) : pool_(url, kPoolSize) {}

  // While opening, a failure is reported at once (a wrong URL or password should not take 30 seconds).
  void SetRetry(bool retry) { retry_ = retry; }

  int SchemaVersion() override {
    return Attempt([&](Conn& c) { return SchemaVersionOn(c); });
  }

  int Migrate() override {
    return Attempt([&](Conn& c) {
      const auto migrations = Migrations();
      int applied = 0;
      for (const auto& m : migrations) {
        Tx tx(c);
        // Two instances starting together: one migrates, the other waits and then finds nothing to do.
        c.Exec("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/ansvar-migrate'))");
        c.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        const int current = SchemaVersionOn(c);
        if (current > migrations.back().version)
          throw StoreError("postgres: the database has schema version " + std::to_string(current) +
                           ", newer than this program knows (" + std::to_string(migrations.back().version) + ")");
        if (m.version <= current) {
          tx.Commit();
          continue;
        }
        try {
          c.Exec(m.sql);
        } catch (const PgError& e) {
          if (e.Retryable()) throw;
          throw StoreError("postgres: migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                           ") failed: " + e.detail());
        }
        Params p;
        p.Add(m.version).Add(Now());
        c.Run("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", p);
        tx.Commit();
        ++applied;
      }
      if (applied > 0) {
        std::lock_guard lock(fk_mu_);
        foreign_keys_.clear();
      }
      return applied;
    });
  }

  Snapshot Load() override {
    return Attempt([&](Conn& c) {
      Tx tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      c.Exec("LOCK TABLE " + AllRegisterTables() + " IN ACCESS SHARE MODE");  // before the snapshot is taken
      Snapshot snap;
      // The systems with their roles and documents are read here and the rest on a second connection that shares
      // this transaction's snapshot (pg_export_snapshot, taken by its first query, after the locks): the start of a
      // national register waits for the larger half only, and the server's work is done by two backends. Without a
      // connection free in the pool, everything is read here (a load never waits for another's connection).
      if (auto other = pool_.TryAcquire()) {
        const std::string id(c.Run("SELECT pg_export_snapshot()").Text(0, 0));
        if (id.find_first_not_of("0123456789ABCDEFabcdef-") != std::string::npos)
          throw StoreError("postgres: unexpected snapshot id \"" + id + "\"");
        Tx other_tx(**other, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        (*other)->Exec("SET TRANSACTION SNAPSHOT '" + id + "'");
        PgRowSource systems(c);
        PgRowSource rest(**other);
        rows::LoadRegister(systems, rest, snap.reg, snap.versions);
        other_tx.Commit();
      } else {
        PgRowSource source(c);
        rows::LoadRegister(source, snap.reg, snap.versions);
      }
      snap.last_audit_seq = ReadTail(c).seq;
      snap.replace_count = ReplaceCountOn(c);
      tx.Commit();
      return snap;
    });
  }

  Committed Apply(const std::vector<Change>& changes, const Actor& actor, model::Timestamp at) override {
    for (size_t i = 0; i < changes.size(); ++i) CheckChange(changes[i], i);
    return Attempt([&](Conn& c) {
      Tx tx(c);
      LockAuditTail(c);
      Tail tail = ReadTail(c);
      Committed out;
      out.versions.reserve(changes.size());
      InsertSink sink(c);
      for (const Change& ch : changes) {
        const internal::ChangePlan plan = internal::PlanChange(ch, Find(c, ch.key));
        if (plan.remove) {
          Params p;
          p.Add(ch.key.id);
          c.Run("DELETE FROM " + std::string(TableOf(ch.key.kind)) + " WHERE id = $1", p);
        }
        if (plan.write)
          Write(ch, [&] {
            WriteRows(sink, *ch.after, plan.position ? *plan.position : NextPosition(c, ch.key.kind), plan.version);
          });
        AppendAudit(c, tail, actor, at, ch.key, plan.action, ch.before_json, ch.after_json);
        out.versions.push_back(plan.version);
      }
      CheckReferences(c, &changes);
      tx.Commit();
      out.last_audit_seq = tail.seq;
      return out;
    });
  }

  Committed ReplaceRegister(const model::Register& reg, const std::vector<Change>& audit, const Actor& actor,
                            model::Timestamp at) override {
    CheckReplace(reg, audit);
    rows::ForEachCollection(reg, [](const auto& items) {
      CheckUnique(items, rows::KindOfType<typename std::decay_t<decltype(items)>::value_type>());
    });

    size_t entities = 0;
    rows::ForEachCollection(reg, [&](const auto& items) { entities += items.size(); });
    const bool bulk = entities > kBulkEntities;

    return Attempt([&](Conn& c) {
      Tx tx(c);
      c.Exec("SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL work_mem = '64MB'");
      // The audit images TOAST compresses (those over 2 kB) with lz4 where the server has it (PostgreSQL 14 and
      // later, built with it): pglz took a fifth of the server's CPU of a national import's audit COPY. Values
      // stored with either are read alike.
      if (c.Run("SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
              .Int(0, 0) > 0)
        c.Exec("SET LOCAL default_toast_compression = 'lz4'");
      LockAuditTail(c);
      c.Exec("LOCK TABLE " + AllRegisterTables() + " IN ACCESS EXCLUSIVE MODE");
      Tail tail = ReadTail(c);

      internal::ReplaceVersions versions(audit);
      for (size_t k = 0; k < kKindCount; ++k)
        ForEachRow(c, "SELECT id, version FROM " + std::string(TableOf(static_cast<Kind>(k))),
                   [&](const Result& r, int row) {
                     versions.Stored(static_cast<Kind>(k), std::string(r.Text(row, 0)), r.Int(row, 1));
                   });

      std::vector<ForeignKey> dropped;
      std::vector<std::string> indexes;
      std::vector<DroppedKey> keys;
      if (bulk) {
        dropped = ForeignKeys(c);
        for (const auto& fk : dropped)
          c.Exec("ALTER TABLE " + QuoteIdent(fk.table) + " DROP CONSTRAINT " + QuoteIdent(fk.name));
        indexes = DropSecondaryIndexes(c);
        keys = DropKeys(c);
      }
      std::string truncate = "TRUNCATE ";
      for (size_t i = 0; i < rows::kTableCount; ++i) truncate += (i ? ", " : "") + std::string(Tables()[i].name);
      c.Exec(truncate);
      Params meta;
      meta.Add(rows::MetaAsOf(reg)).Add(reg.as_of_is_date).Add(reg.rulebook_overrides);
      c.Run(rows::WriteMetaSql("$"), meta);
      const int64_t replace_count =
          c.Run("UPDATE register_meta SET replace_count = replace_count + 1 RETURNING replace_count").Int(0, 0);

      CopySink sink(c);
      try {
        rows::ForEachCollection(reg, [&](const auto& items) {
          for (size_t i = 0; i < items.size(); ++i) {
            const auto& x = items[i];
            const Kind kind = rows::KindOfType<std::decay_t<decltype(x)>>();
            WriteRows(sink, x, static_cast<int64_t>(i), versions.Written(kind, x.id.str()));
          }
        });
        sink.FlushAll();
      } catch (const PgError& e) {
        if (!e.IsData()) throw;
        const TableDef* t = FindTable(e.table());
        const EntityKey key{t ? t->kind : Kind::kSystem, e.copy_row_key()};
        throw ConflictError(ConflictReason::kUnstorable, key, Name(key) + " cannot be stored: " + e.detail());
      }

      if (bulk) {
        for (const auto& k : keys) AddKey(c, k);
        for (const auto& sql : indexes) c.Exec(sql);
        c.Exec("ANALYZE " + AllRegisterTables());
        for (const auto& fk : dropped) {
          c.Exec("SAVEPOINT ansvar_fk");
          try {
            c.Exec("ALTER TABLE " + QuoteIdent(fk.table) + " ADD CONSTRAINT " + QuoteIdent(fk.name) + " " +
                   fk.definition);
          } catch (const PgError& e) {
            if (!e.IsForeignKey()) throw;
            c.Exec("ROLLBACK TO SAVEPOINT ansvar_fk");
            throw Explain(c, nullptr, &fk);
          }
          c.Exec("RELEASE SAVEPOINT ansvar_fk");
        }
      } else {
        CheckReferences(c, nullptr);
      }

      Committed out;
      out.versions.reserve(audit.size());
      // The trail's secondary indexes, when this replace at least doubles it (a first import): built after its
      // COPY by one sort each instead of a descent per entry. (Its seqs run from 1, so the tail's is its length.)
      std::vector<std::string> trail_indexes;
      if (bulk && static_cast<int64_t>(audit.size()) >= tail.seq) trail_indexes = DropSecondaryIndexes(c, "audit_log");
      CopyStream trail(c, "COPY audit_log (" + std::string(kAuditColumns) + ") FROM STDIN");
      for (const Change& ch : audit) {
        const auto [action, version] = versions.Outcome(ch);
        AuditRow(trail.rows(), tail, actor, at, ch.key, action, ch.before_json, ch.after_json);
        trail.RowDone();
        out.versions.push_back(version);
      }
      trail.Finish();
      for (const auto& sql : trail_indexes) c.Exec(sql);
      tx.Commit();
      out.last_audit_seq = tail.seq;
      out.replace_count = replace_count;
      return out;
    });
  }

  std::vector<AuditEntry> ReadAudit(const AuditFilter& f) override {
    std::string sql = std::string(kAuditSelect);
    Params params;
    std::string where;
    int n = 0;
    auto cond = [&](std::string_view c) {
      where += where.empty() ? " WHERE " : " AND ";
      where += c;
      where += " $" + std::to_string(++n);
    };
    if (f.kind) cond("kind ="), params.Add(ToString(*f.kind));
    if (f.entity_id) cond("entity_id ="), params.Add(*f.entity_id);
    if (f.actor_id) cond("actor_id ="), params.Add(*f.actor_id);
    if (f.from) cond("at >="), params.Add(model::FormatTimestamp(*f.from));
    if (f.to) cond("at <="), params.Add(model::FormatTimestamp(*f.to));
    if (f.after_seq) cond("seq >"), params.Add(*f.after_seq);
    sql += where;
    sql += f.newest_first ? " ORDER BY seq DESC" : " ORDER BY seq ASC";
    // A limit of 0 means none; LIMIT NULL is no limit.
    sql += " LIMIT $" + std::to_string(++n);
    if (f.limit == 0 || f.limit > static_cast<size_t>(INT64_MAX))
      params.AddNull();
    else
      params.Add(static_cast<int64_t>(f.limit));

    return Attempt([&](Conn& c) {
      std::vector<AuditEntry> out;
      const Result r = c.Run(sql, params);
      out.reserve(static_cast<size_t>(r.Rows()));
      for (int i = 0; i < r.Rows(); ++i) {
        std::string problem;
        auto e = internal::ReadAuditEntry(PgCursor(r, i), problem);
        if (!e) throw StoreError("postgres: audit entry " + std::string(r.Text(i, 0)) + " is unreadable: " + problem);
        out.push_back(std::move(*e));
      }
      return out;
    });
  }

  AuditVerification VerifyAudit() override {
    return Attempt([&](Conn& c) {
      Tx tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      internal::AuditChainCheck check;
      bool ok = true;
      ForEachRow(c, std::string(kAuditSelect) + " ORDER BY seq ASC", [&](const Result& r, int row) {
        if (ok) ok = check.Add(PgCursor(r, row));
      });
      tx.Commit();
      return check.result();
    });
  }

  std::optional<CatchUpEntries> CatchUp(int64_t after_seq, size_t limit) override {
    return Attempt([&](Conn& c) {
      Tx tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      CatchUpEntries out;
      out.replace_count = ReplaceCountOn(c);
      Params p;
      p.Add(after_seq).Add(static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
      const Result r = c.Run(std::string(kAuditSelect) + " WHERE seq > $1 ORDER BY seq ASC LIMIT $2", p);
      for (int i = 0; i < r.Rows(); ++i) {
        std::string problem;
        auto e = internal::ReadAuditEntry(PgCursor(r, i), problem);
        if (!e) throw StoreError("postgres: audit entry " + std::string(r.Text(i, 0)) + " is unreadable: " + problem);
        out.entries.push_back(std::move(*e));
      }
      tx.Commit();
      return std::optional<CatchUpEntries>(std::move(out));
    });
  }

  // ---- Beside the register (the annual cycle): keyed records and documents with their own trail. ----

  std::optional<Record> GetRecord(const std::string& key) override {
    return Attempt([&](Conn& c) -> std::optional<Record> {
      Params p;
      p.Add(key);
      const Result r = c.Run("SELECT key, state, data, at FROM cycle_records WHERE key = $1", p);
      if (r.Rows() == 0) return std::nullopt;
      return ReadRecord(r, 0);
    });
  }

  std::vector<Record> ListRecords(const std::string& prefix) override {
    return Attempt([&](Conn& c) {
      Params p;
      p.Add(prefix);
      const Result r = c.Run(
          "SELECT key, state, data, at FROM cycle_records WHERE key >= $1 AND left(key, length($1)) = $1 "
          "ORDER BY key",
          p);
      std::vector<Record> out;
      for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadRecord(r, i));
      return out;
    });
  }

  void PutRecord(const Record& rec) override {
    Attempt([&](Conn& c) {
      c.Run(
          "INSERT INTO cycle_records (key, state, data, at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE "
          "SET state = excluded.state, data = excluded.data, at = excluded.at",
          RecordParams(rec));
      return 0;
    });
  }

  bool RecordOnce(const Record& rec) override {
    return Attempt([&](Conn& c) {
      return c.Run(
                  "INSERT INTO cycle_records (key, state, data, at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO "
                  "NOTHING RETURNING key",
                  RecordParams(rec))
                 .Rows() == 1;
    });
  }

  bool SwapRecord(const Record& expected, const Record& next) override {
    if (expected.key != next.key) throw std::invalid_argument("SwapRecord: the keys differ");
    return Attempt([&](Conn& c) {
      Params p = RecordParams(expected);
      p.Add(next.state).Add(next.data).Add(model::FormatTimestamp(next.at));
      return c.Run(
                  "UPDATE cycle_records SET state = $5, data = $6, at = $7 WHERE key = $1 AND state = $2 AND "
                  "data = $3 AND at = $4 RETURNING key",
                  p)
                 .Rows() == 1;
    });
  }

  bool DeleteRecord(const std::string& key) override {
    return Attempt([&](Conn& c) {
      Params p;
      p.Add(key);
      return c.Run("DELETE FROM cycle_records WHERE key = $1 RETURNING key", p).Rows() == 1;
    });
  }

  std::vector<StoredDocument> ListDocuments(const std::string& collection) override {
    return Attempt([&](Conn& c) {
      Params p;
      p.Add(collection);
      const Result r = c.Run("SELECT id, version, json FROM cycle_documents WHERE collection = $1 ORDER BY id", p);
      std::vector<StoredDocument> out;
      for (int i = 0; i < r.Rows(); ++i)
        out.push_back({collection, std::string(r.Text(i, 0)), r.Int(i, 1), std::string(r.Text(i, 2))});
      return out;
    });
  }

  std::optional<StoredDocument> GetDocument(const std::string& collection, const std::string& id) override {
    return Attempt([&](Conn& c) { return FindDocument(c, collection, id, false); });
  }

  int64_t PutDocument(const std::string& collection, const std::string& id, const std::string& json,
                      std::optional<int64_t> expected_version, const Actor& actor, model::Timestamp at) override {
    if (id.empty()) throw std::invalid_argument("PutDocument: the document has no id");
    return Attempt([&](Conn& c) {
      Tx tx(c);
      c.Exec("LOCK TABLE cycle_document_audit IN EXCLUSIVE MODE");
      const auto stored = FindDocument(c, collection, id, true);
      int64_t version = 1;
      Params p;
      p.Add(collection).Add(id);
      if (!expected_version) {
        if (stored)
          throw DocumentConflict(ConflictReason::kExists, id, DocumentLabel(collection, id) + " already exists");
        p.Add(json);
        c.Run("INSERT INTO cycle_documents (collection, id, version, json) VALUES ($1, $2, 1, $3)", p);
        AppendDocumentAudit(c, actor, at, collection, id, "create", "", json);
      } else {
        CheckDocumentVersion(collection, id, stored, expected_version);
        version = stored->version + 1;
        p.Add(version).Add(json);
        c.Run("UPDATE cycle_documents SET version = $3, json = $4 WHERE collection = $1 AND id = $2", p);
        AppendDocumentAudit(c, actor, at, collection, id, "update", stored->json, json);
      }
      tx.Commit();
      return version;
    });
  }

  void DeleteDocument(const std::string& collection, const std::string& id, std::optional<int64_t> expected_version,
                      const Actor& actor, model::Timestamp at) override {
    Attempt([&](Conn& c) {
      Tx tx(c);
      c.Exec("LOCK TABLE cycle_document_audit IN EXCLUSIVE MODE");
      const auto stored = FindDocument(c, collection, id, true);
      if (!stored)
        throw DocumentConflict(ConflictReason::kMissing, id, DocumentLabel(collection, id) + " does not exist");
      if (expected_version) CheckDocumentVersion(collection, id, stored, expected_version);
      Params p;
      p.Add(collection).Add(id);
      c.Run("DELETE FROM cycle_documents WHERE collection = $1 AND id = $2", p);
      AppendDocumentAudit(c, actor, at, collection, id, "delete", stored->json, "");
      tx.Commit();
      return 0;
    });
  }

  std::vector<DocumentAuditEntry> ReadDocumentAudit(const std::string& collection, const std::string& id,
                                                    size_t limit) override {
    return Attempt([&](Conn& c) {
      Params p;
      p.Add(collection).Add(id);
      if (limit == 0 || limit > static_cast<size_t>(INT64_MAX))
        p.AddNull();
      else
        p.Add(static_cast<int64_t>(limit));
      const Result r = c.Run("SELECT " + std::string(internal::kDocumentAuditColumns) +
                                 " FROM cycle_document_audit WHERE collection = $1 AND ($2 = '' OR document_id = $2) "
                                 "ORDER BY seq DESC LIMIT $3",
                             p);
      std::vector<DocumentAuditEntry> out;
      for (int i = 0; i < r.Rows(); ++i) out.push_back(internal::ReadDocumentAuditEntry(PgCursor(r, i), "postgres"));
      return out;
    });
  }

  int64_t LastAuditSeq() override {
    return Attempt([&](Conn& c) { return c.Run("SELECT COALESCE(MAX(seq), 0) FROM audit_log").Int(0, 0); });
  }

 private:
  // Runs `f` with a pooled connection; a failure that rolled the transaction back (a lost connection, a deadlock)
  // runs it again, for up to kRetryFor.
  template <class F>
  auto Attempt(F&& f) -> decltype(f(std::declval<Conn&>())) {
    const auto deadline = std::chrono::steady_clock::now() + kRetryFor;
    auto pause = std::chrono::milliseconds(50);
    while (true) {
      try {
        auto lease = pool_.Acquire();
        return f(*lease);
      } catch (const PgError& e) {
        if (!retry_ || !e.Retryable() || std::chrono::steady_clock::now() + pause >= deadline) throw;
        if (e.connection_lost()) pool_.DropIdle();
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(1000));
    }
  }

  static int SchemaVersionOn(Conn& c) {
    const Result exists = c.Run("SELECT to_regclass('schema_migrations') IS NOT NULL");
    if (exists.Text(0, 0) != "t") return 0;
    return static_cast<int>(c.Run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Int(0, 0));
  }

  static Record ReadRecord(const Result& r, int row) {
    Record rec;
    rec.key = r.Text(row, 0);
    rec.state = r.Text(row, 1);
    rec.data = r.Text(row, 2);
    const auto at = model::ParseTimestamp(r.Text(row, 3));
    if (!at) throw StoreError("postgres: record \"" + rec.key + "\" has an unreadable time");
    rec.at = *at;
    return rec;
  }
  static Params RecordParams(const Record& rec) {
    Params p;
    p.Add(rec.key).Add(rec.state).Add(rec.data).Add(model::FormatTimestamp(rec.at));
    return p;
  }
  static std::string DocumentLabel(const std::string& collection, const std::string& id) {
    return collection + " " + Quote(id);
  }
  // A document beside the register has no kind of the register: only the id is kept (as SQLite does).
  static ConflictError DocumentConflict(ConflictReason reason, const std::string& id, const std::string& message) {
    return ConflictError(reason, EntityKey{Kind::kSystem, id}, message);
  }
  static void CheckDocumentVersion(const std::string& collection, const std::string& id,
                                   const std::optional<StoredDocument>& stored, std::optional<int64_t> expected) {
    if (!stored)
      throw DocumentConflict(ConflictReason::kMissing, id, DocumentLabel(collection, id) + " does not exist");
    if (stored->version != *expected)
      throw DocumentConflict(ConflictReason::kStale, id,
                             DocumentLabel(collection, id) + " was changed by someone else (version " +
                                 std::to_string(stored->version) + ", expected " + std::to_string(*expected) + ")");
  }
  static std::optional<StoredDocument> FindDocument(Conn& c, const std::string& collection, const std::string& id,
                                                    bool for_update) {
    Params p;
    p.Add(collection).Add(id);
    const Result r = c.Run(std::string("SELECT version, json FROM cycle_documents WHERE collection = $1 AND id = $2") +
                               (for_update ? " FOR UPDATE" : ""),
                           p);
    if (r.Rows() == 0) return std::nullopt;
    return StoredDocument{collection, id, r.Int(0, 0), std::string(r.Text(0, 1))};
  }
  static void AppendDocumentAudit(Conn& c, const Actor& actor, model::Timestamp at, const std::string& collection,
                                  const std::string& id, std::string_view action, const std::string& before,
                                  const std::string& after) {
    Tail tail;
    const Result r = c.Run("SELECT seq, hash FROM cycle_document_audit ORDER BY seq DESC LIMIT 1");
    if (r.Rows() == 1) tail = {r.Int(0, 0), std::string(r.Text(0, 1))};
    const DocumentAuditEntry e =
        internal::NextDocumentAuditEntry(tail, actor, at, collection, id, action, before, after);
    c.Run("INSERT INTO cycle_document_audit (" + std::string(internal::kDocumentAuditColumns) +
              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
          AuditParams(e));
  }

  template <class Entry>
  static Params AuditParams(const Entry& e) {
    Params p;
    internal::AuditValues(e, [&](const auto& v) { p.Add(v); });
    return p;
  }

  static int64_t ReplaceCountOn(Conn& c) {
    return c.Run("SELECT replace_count FROM register_meta WHERE id = 1").Int(0, 0);
  }

  // Writers of every process queue here; readers of the trail do not.
  static void LockAuditTail(Conn& c) { c.Exec("LOCK TABLE audit_log IN EXCLUSIVE MODE"); }

  static Tail ReadTail(Conn& c) {
    const Result r = c.Run("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    Tail t;
    if (r.Rows() == 1) {
      t.seq = r.Int(0, 0);
      t.hash = std::string(r.Text(0, 1));
    }
    return t;
  }

  static std::optional<internal::StoredAt> Find(Conn& c, const EntityKey& key) {
    Params p;
    p.Add(key.id);
    const Result r =
        c.Run("SELECT version, position FROM " + std::string(TableOf(key.kind)) + " WHERE id = $1 FOR UPDATE", p);
    if (r.Rows() == 0) return std::nullopt;
    return internal::StoredAt{r.Int(0, 0), r.Int(0, 1)};
  }

  static int64_t NextPosition(Conn& c, Kind kind) {
    return c.Run("SELECT COALESCE(MAX(position) + 1, 0) FROM " + std::string(TableOf(kind))).Int(0, 0);
  }

  static void AppendAudit(Conn& c, Tail& tail, const Actor& actor, model::Timestamp at, const EntityKey& key,
                          std::string_view action, const std::string& before_json, const std::string& after_json) {
    const internal::AuditRow e = internal::NextAuditRow(tail, actor, at, key, action, before_json, after_json);
    Params p;
    e.Values([&](const auto& v) { p.Add(v); });
    c.Run("INSERT INTO audit_log (" + std::string(kAuditColumns) +
              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
          p);
  }

  static void AuditRow(CopyBuffer& rows, Tail& tail, const Actor& actor, model::Timestamp at, const EntityKey& key,
                       std::string_view action, const std::string& before_json, const std::string& after_json) {
    // Views of the images: a national import's 520 MB of them are not copied on the way into the COPY buffer.
    const internal::AuditRow e = internal::NextAuditRow(tail, actor, at, key, action, before_json, after_json);
    e.Values([&](const auto& v) {
      if constexpr (std::is_integral_v<std::decay_t<decltype(v)>>)
        rows.Int(v);
      else
        rows.Text(v);
    });
    rows.EndRow();
  }

  // Runs a write of change `c`: a constraint it breaks at once is a conflict of that change.
  template <class F>
  static void Write(const Change& c, F&& write) {
    internal::WriteChange<PgError>(c, std::forward<F>(write), [](const PgError& e) { return e.IsData(); });
  }

  // Checks the deferred foreign keys now, in a savepoint, so that a failure leaves the transaction usable to find
  // the culprit.
  void CheckReferences(Conn& c, const std::vector<Change>* batch) {
    c.Exec("SAVEPOINT ansvar_fk");
    try {
      c.Exec("SET CONSTRAINTS ALL IMMEDIATE");
    } catch (const PgError& e) {
      if (!e.IsForeignKey()) throw;
      c.Exec("ROLLBACK TO SAVEPOINT ansvar_fk");
      const ForeignKey* failed = nullptr;
      for (const auto& fk : ForeignKeys(c))
        if (fk.name == e.constraint() && fk.table == e.table()) failed = &fk;
      throw Explain(c, batch, failed);
    }
    c.Exec("RELEASE SAVEPOINT ansvar_fk");
  }

  // The foreign keys of the register tables, read once from the catalog.
  const std::vector<ForeignKey>& ForeignKeys(Conn& c) {
    std::lock_guard lock(fk_mu_);
    if (!foreign_keys_.empty()) return foreign_keys_;
    const Result r = c.Run(
        "SELECT con.conname, rel.relname, frel.relname, "
        "(SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(con.conkey) WITH ORDINALITY AS k(n, o) "
        "  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n), "
        "(SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(con.confkey) WITH ORDINALITY AS k(n, o) "
        "  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n), "
        "pg_get_constraintdef(con.oid) "
        "FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_class frel ON frel.oid = "
        "con.confrelid WHERE con.contype = 'f' AND rel.relnamespace = "
        "(SELECT oid FROM pg_namespace WHERE nspname = current_schema()) ORDER BY rel.relname, con.conname");
    std::vector<ForeignKey> out;
    for (int i = 0; i < r.Rows(); ++i) {
      if (!FindTable(r.Text(i, 1))) continue;
      out.push_back(ForeignKey{std::string(r.Text(i, 0)), 0, std::string(r.Text(i, 1)), std::string(r.Text(i, 2)),
                               SplitCommas(r.Text(i, 3)), SplitCommas(r.Text(i, 4)), std::string(r.Text(i, 5))});
    }
    foreign_keys_ = std::move(out);
    return foreign_keys_;
  }

  // The non-unique indexes of the register tables (the ones no constraint owns), or of `only` when given: dropped
  // for a bulk replace and built again after it. Returns the statements that create them.
  static std::vector<std::string> DropSecondaryIndexes(Conn& c, std::string_view only = {}) {
    const Result r = c.Run(
        "SELECT ic.relname, t.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
        "WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)");
    std::vector<std::string> create;
    for (int i = 0; i < r.Rows(); ++i) {
      if (only.empty() ? !FindTable(r.Text(i, 1)) : r.Text(i, 1) != only) continue;
      c.Exec("DROP INDEX " + QuoteIdent(r.Text(i, 0)));
      create.emplace_back(r.Text(i, 2));
    }
    return create;
  }

  // A primary key or unique constraint of a register table, dropped for a bulk replace.
  struct DroppedKey {
    std::string table, name, definition;
  };

  // The primary keys and unique constraints of the register tables that no foreign key leans on (the register's
  // own foreign keys are dropped first): dropped for a bulk replace and added back after the COPY, which builds
  // each index by one sort instead of a descent per row. The national register's system_roles: 2.9 s of the
  // server's CPU to COPY with its key, 0.7 s without it and 0.7 s to add it afterwards.
  static std::vector<DroppedKey> DropKeys(Conn& c) {
    const Result r = c.Run(
        "SELECT con.conname, rel.relname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
        "JOIN pg_class rel ON rel.oid = con.conrelid WHERE con.contype IN ('p', 'u') AND rel.relnamespace = "
        "(SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND NOT EXISTS (SELECT 1 FROM "
        "pg_constraint f WHERE f.contype = 'f' AND f.conindid = con.conindid) ORDER BY rel.relname, con.conname");
    std::vector<DroppedKey> out;
    for (int i = 0; i < r.Rows(); ++i) {
      if (!FindTable(r.Text(i, 1))) continue;
      DroppedKey k{std::string(r.Text(i, 1)), std::string(r.Text(i, 0)), std::string(r.Text(i, 2))};
      c.Exec("ALTER TABLE " + QuoteIdent(k.table) + " DROP CONSTRAINT " + QuoteIdent(k.name));
      out.push_back(std::move(k));
    }
    return out;
  }

  // Adds a dropped key back. Ids are checked unique before the COPY (CheckUnique), so a duplicate here is a bug
  // of the rows; it is still a conflict naming the entity that owns the row: the first value PostgreSQL reports
  // ("Key (system_id, position)=(sys-1, 3) is duplicated."), the owner's id as in the COPY's own errors.
  static void AddKey(Conn& c, const DroppedKey& k) {
    try {
      c.Exec("ALTER TABLE " + QuoteIdent(k.table) + " ADD CONSTRAINT " + QuoteIdent(k.name) + " " + k.definition);
    } catch (const PgError& e) {
      if (!e.IsData()) throw;
      std::string id;
      if (const size_t at = e.detail().find(")=("); at != std::string::npos) {
        const size_t begin = at + 3;
        id = e.detail().substr(begin, e.detail().find_first_of(",)", begin) - begin);
      }
      const TableDef* t = FindTable(k.table);
      const EntityKey key{t ? t->kind : Kind::kSystem, id};
      throw ConflictError(ConflictReason::kUnstorable, key, Name(key) + " cannot be stored: " + e.detail());
    }
  }

  // Explains the first dangling reference of the open transaction (store/rows/dangling.hpp); `failed` is the key
  // PostgreSQL reported, looked at when the batch's own rows explain nothing, before every other key.
  ConflictError Explain(Conn& c, const std::vector<Change>* batch, const ForeignKey* failed) {
    const auto& fks = ForeignKeys(c);
    PgRowSource source(c);
    return rows::ExplainDangling(source, fks, batch, [&]() -> std::optional<Dangling> {
      std::optional<Dangling> d;
      if (failed) d = rows::FindDangling(source, *failed);
      for (size_t i = 0; !d && i < fks.size(); ++i) d = rows::FindDangling(source, fks[i]);
      return d;
    });
  }

  Pool pool_;
  bool retry_ = true;
  std::mutex fk_mu_;
  std::vector<ForeignKey> foreign_keys_;
};

}  // namespace
}  // namespace postgres

bool IsPostgresUrl(std::string_view db) { return db.starts_with("postgresql://") || db.starts_with("postgres://"); }

std::unique_ptr<Store> OpenPostgresStore(const std::string& url) {
  auto store = std::make_unique<postgres::PgStore>(url);
  store->SetRetry(false);
  store->Migrate();
  store->SetRetry(true);
  return store;
}

}  // namespace ansvar::store
