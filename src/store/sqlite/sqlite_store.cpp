// The SQLite repository: transactions, optimistic versions, the audit chain, and SQLite's errors turned into
// ConflictError (a change contradicts what is stored) or StoreError (the backend failed). The mapping of the
// model to tables is in register_tables.cpp, the schema in migrations.cpp.
#include "store/sqlite/sqlite_store.hpp"

#include <array>
#include <set>
#include <unordered_map>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "store/change_checks.hpp"
#include "store/sqlite/cycle_tables.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/register_tables.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace ansvar::store {
namespace sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// The page cache, in KiB (SQLite's default is 2 MiB): a national register's indexes do not fit in the default,
// and a bulk replace then spends its time re-reading pages. Pages are allocated as they are used.
constexpr int kCacheKiB = 64 * 1024;
// During a bulk replace (a national register: from 34 s to 19 s with 450,000 audit entries). Freed afterwards.
constexpr int kBulkCacheKiB = 256 * 1024;
// After a checkpoint the WAL file is cut back to this size (a bulk replace can grow it to the database's size).
constexpr int kWalLimitBytes = 64 * 1024 * 1024;

using internal::CheckChange;
using internal::CheckIds;
using internal::Label;
using internal::Name;
using internal::Now;
using internal::Quote;

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
  explicit SqliteStore(const std::string& path) : db_(path), tables_(db_) {
    db_.Exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
    db_.Exec("PRAGMA foreign_keys = ON");
    if (db_.QueryInt("PRAGMA foreign_keys").value_or(0) != 1)
      throw StoreError("sqlite: this SQLite does not enforce foreign keys");
    db_.Exec("PRAGMA journal_mode = WAL");    // stays "memory" for an in-memory database
    db_.Exec("PRAGMA synchronous = NORMAL");  // durable enough in WAL: a power loss can lose the last commits only
    db_.Exec("PRAGMA cache_size = -" + std::to_string(kCacheKiB));  // negative: KiB, not pages
    db_.Exec("PRAGMA journal_size_limit = " + std::to_string(kWalLimitBytes));
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
    Transaction tx(db_, "BEGIN");  // one consistent read of every table
    Snapshot snap;
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
      const auto stored = tables_.Find(c.key.kind, c.key.id);
      std::string_view action;
      int64_t version = 0;
      if (c.after && !c.expected_version) {
        if (stored) throw ConflictError(c.key, Name(c.key) + " already exists");
        action = "create";
        version = 1;
        Write(c, [&] { tables_.Insert(*c.after, tables_.NextPosition(c.key.kind), version); });
      } else {
        if (!stored) throw ConflictError(c.key, Name(c.key) + " does not exist");
        if (c.expected_version && *c.expected_version != stored->version)
          throw ConflictError(c.key, Name(c.key) + " was changed by someone else (version " +
                                         std::to_string(stored->version) + ", expected " +
                                         std::to_string(*c.expected_version) + ")");
        // An update rewrites the row and its child rows in the entity's place; references to it from other
        // rows dangle for a moment and resolve again before COMMIT checks them.
        tables_.Delete(c.key.kind, c.key.id);
        if (c.after) {
          action = "update";
          version = stored->version + 1;
          Write(c, [&] { tables_.Insert(*c.after, stored->position, version); });
        } else {
          action = "delete";
        }
      }
      Append(tail, actor, at, c.key, action, c.before_json, c.after_json);
      out.versions.push_back(version);
    }
    CommitChecked(tx, &changes);
    out.last_audit_seq = tail.seq;
    return out;
  }

  Committed ReplaceRegister(const model::Register& reg, const std::vector<Change>& audit, const Actor& actor,
                            model::Timestamp at) override {
    CheckIds(reg.organizations, Kind::kOrganization);
    CheckIds(reg.committees, Kind::kCommittee);
    CheckIds(reg.administrations, Kind::kAdministration);
    CheckIds(reg.people, Kind::kPerson);
    CheckIds(reg.systems, Kind::kSystem);
    CheckIds(reg.delegations, Kind::kDelegation);
    CheckIds(reg.powers_of_attorney, Kind::kPowerOfAttorney);
    CheckIds(reg.processing_activities, Kind::kProcessingActivity);
    CheckIds(reg.processor_records, Kind::kProcessorRecord);
    CheckIds(reg.incidents, Kind::kIncident);
    CheckIds(reg.data_subject_requests, Kind::kDataSubjectRequest);
    CheckIds(reg.agreements, Kind::kAgreement);
    for (size_t i = 0; i < audit.size(); ++i) CheckChange(audit[i], i);

    std::lock_guard lock(mu_);
    // Bulk: with enforcement off, DELETE empties a table at once and each insert skips its per-row check; the
    // whole result is checked once by PRAGMA foreign_key_check before COMMIT, so the guarantee is the same. The
    // secondary indexes are dropped and built again after the inserts (in the transaction: a rollback keeps them).
    // A national register (150,000 systems, 1.5 M roles, 300,000 activities) takes 13–16 s on 2 shared cores.
    const BulkMode bulk(db_);
    Transaction tx(db_);
    Tail tail = ReadTail();

    // The action of each audit entry follows from what was stored before and what is stored after: whether the
    // caller set `after` does not matter (an import may leave it empty and give only the JSON images).
    std::vector<bool> existed;
    existed.reserve(audit.size());
    for (const Change& c : audit) existed.push_back(tables_.Find(c.key.kind, c.key.id).has_value());

    // Versions carry over: an entity the replace leaves as it was keeps its version, a changed one gets the next,
    // so an ETag read before the replace still detects a change made by it.
    replace_versions_ = {};
    for (size_t k = 0; k < kKindCount; ++k) {
      Stmt s(db_, "SELECT id, version FROM " + std::string(TableOf(static_cast<Kind>(k))));
      while (s.Step()) replace_versions_[k].emplace(std::string(s.Text(0)), s.Int(1));
    }
    replace_changed_.clear();
    for (const Change& c : audit) replace_changed_.insert(c.key);

    const std::vector<std::string> indexes = tables_.DropIndexes();
    tables_.DeleteAll();
    tables_.WriteMeta(reg);
    InsertAll(reg.organizations);
    InsertAll(reg.committees);
    InsertAll(reg.administrations);
    InsertAll(reg.people);
    InsertAll(reg.systems);
    InsertAll(reg.delegations);
    InsertAll(reg.powers_of_attorney);
    InsertAll(reg.processing_activities);
    InsertAll(reg.processor_records);
    InsertAll(reg.incidents);
    InsertAll(reg.data_subject_requests);
    InsertAll(reg.agreements);
    tables_.CreateIndexes(indexes);

    Committed out;
    out.versions.reserve(audit.size());
    for (size_t i = 0; i < audit.size(); ++i) {
      const Change& c = audit[i];
      const auto stored = tables_.Find(c.key.kind, c.key.id);
      const bool exists = stored.has_value();
      std::string_view action = existed[i] ? (exists ? "update" : "delete") : "create";
      if (!existed[i] && !exists) action = c.after_json.empty() ? "delete" : "create";  // neither: as the images say
      Append(tail, actor, at, c.key, action, c.before_json, c.after_json);
      out.versions.push_back(exists ? stored->version : 0);
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

    std::lock_guard lock(mu_);
    auto q = db_.Prepare(sql);  // at most 2^6 × 2 shapes: cached like the others
    for (size_t i = 0; i < params.size(); ++i)
      std::visit([&](const auto& v) { q->Bind(static_cast<int>(i + 1), v); }, params[i]);
    std::vector<AuditEntry> out;
    while (q->Step()) {
      std::string problem;
      auto e = ReadEntry(*q, problem);
      if (!e) throw StoreError("sqlite: audit entry " + std::to_string(q->Int(0)) + " is unreadable: " + problem);
      out.push_back(std::move(*e));
    }
    return out;
  }

  AuditVerification VerifyAudit() override {
    std::lock_guard lock(mu_);
    Transaction tx(db_, "BEGIN");
    AuditVerification v;
    Stmt s(db_, std::string(kAuditSelect) + " ORDER BY seq ASC");
    std::string prev_hash;
    int64_t prev_seq = 0;
    auto fail = [&](int64_t seq, std::string reason) {
      v.ok = false;
      v.first_bad_seq = seq;
      v.reason = std::move(reason);
    };
    while (s.Step()) {
      ++v.entries;
      const int64_t seq = s.Int(0);
      if (seq != prev_seq + 1) {
        fail(seq, prev_seq == 0
                      ? "the trail does not start at entry 1"
                      : "entries " + std::to_string(prev_seq + 1) + " to " + std::to_string(seq - 1) + " are missing");
        break;
      }
      std::string problem;
      auto e = ReadEntry(s, problem);
      if (!e) {
        fail(seq, problem);
        break;
      }
      if (e->prev_hash != prev_hash) {
        fail(seq, "prev_hash does not match the hash of " +
                      (prev_seq == 0 ? std::string("the start of the trail") : "entry " + std::to_string(prev_seq)));
        break;
      }
      if (AuditHash(*e) != e->hash) {
        fail(seq, "the hash does not match the entry's content: it was altered");
        break;
      }
      prev_hash = std::move(e->hash);
      prev_seq = seq;
    }
    return v;
  }

  int64_t LastAuditSeq() override {
    std::lock_guard lock(mu_);
    return ReadTail().seq;
  }

  // Beside the register (cycle_tables.cpp): each call one statement or one transaction, under the same mutex.
  std::optional<Record> GetRecord(const std::string& key) override { return Locked([&] { return cycle_.GetRecord(key); }); }
  std::vector<Record> ListRecords(const std::string& prefix) override {
    return Locked([&] { return cycle_.ListRecords(prefix); });
  }
  void PutRecord(const Record& r) override { Locked([&] { cycle_.PutRecord(r); }); }
  bool RecordOnce(const Record& r) override { return Locked([&] { return cycle_.RecordOnce(r); }); }
  bool SwapRecord(const Record& expected, const Record& next) override {
    return Locked([&] { return cycle_.SwapRecord(expected, next); });
  }
  bool DeleteRecord(const std::string& key) override { return Locked([&] { return cycle_.DeleteRecord(key); }); }
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
  static constexpr std::string_view kAuditSelect =
      "SELECT seq, at, actor_id, actor_name, kind, entity_id, action, before_json, after_json, prev_hash, hash "
      "FROM audit_log";

  struct Tail {
    int64_t seq = 0;
    std::string hash;
  };

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

  Tail ReadTail() {
    auto q = db_.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    Tail t;
    if (q->Step()) {
      t.seq = q->Int(0);
      t.hash = q->Str(1);
    }
    return t;
  }

  // A row of kAuditSelect; nullopt (and why) when a column does not read as what the store writes.
  static std::optional<AuditEntry> ReadEntry(const Stmt& s, std::string& problem) {
    AuditEntry e;
    e.seq = s.Int(0);
    const auto at = model::ParseTimestamp(s.Text(1));
    if (!at) {
      problem = "unreadable time \"" + s.Str(1) + "\"";
      return std::nullopt;
    }
    e.at = *at;
    e.actor_id = s.Str(2);
    e.actor_name = s.Str(3);
    const auto kind = ParseKind(s.Text(4));
    if (!kind) {
      problem = "unknown kind \"" + s.Str(4) + "\"";
      return std::nullopt;
    }
    e.kind = *kind;
    e.entity_id = s.Str(5);
    e.action = s.Str(6);
    e.before_json = s.Str(7);
    e.after_json = s.Str(8);
    e.prev_hash = s.Str(9);
    e.hash = s.Str(10);
    return e;
  }

  void Append(Tail& tail, const Actor& actor, model::Timestamp at, const EntityKey& key, std::string_view action,
              const std::string& before_json, const std::string& after_json) {
    AuditEntry e;
    e.seq = tail.seq + 1;
    e.at = at;
    e.actor_id = actor.id;
    e.actor_name = actor.name;
    e.kind = key.kind;
    e.entity_id = key.id;
    e.action = action;
    e.before_json = before_json;
    e.after_json = after_json;
    e.prev_hash = std::move(tail.hash);
    e.hash = AuditHash(e);
    auto q = db_.Prepare(
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, kind, entity_id, action, before_json, after_json, "
        "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    q->Bind(1, e.seq)
        .Bind(2, model::FormatTimestamp(e.at))
        .Bind(3, e.actor_id)
        .Bind(4, e.actor_name)
        .Bind(5, ToString(e.kind))
        .Bind(6, e.entity_id)
        .Bind(7, e.action)
        .Bind(8, e.before_json)
        .Bind(9, e.after_json)
        .Bind(10, e.prev_hash)
        .Bind(11, e.hash);
    q->Run();
    tail.seq = e.seq;
    tail.hash = std::move(e.hash);
  }

  // Runs a write of change `c`; a constraint it breaks at once (a duplicate id, a duplicate document id on a
  // system, a missing required value) is a conflict of that change.
  template <class F>
  static void Write(const Change& c, F&& write) {
    try {
      write();
    } catch (const SqliteError& e) {
      if (!e.IsConstraint()) throw;
      throw ConflictError(c.key, Name(c.key) + " cannot be stored: " + e.detail());
    }
  }

  template <class T>
  void InsertAll(const std::vector<T>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      try {
        const Kind kind = KindOf(Entity(std::in_place_type<T>));
        const auto& old = replace_versions_[static_cast<size_t>(kind)];
        const auto it = old.find(items[i].id.str());
        const int64_t version = it == old.end() ? 1
                                : replace_changed_.contains(EntityKey{kind, items[i].id.str()}) ? it->second + 1
                                                                                            : it->second;
        tables_.Insert(items[i], static_cast<int64_t>(i), version);
      } catch (const SqliteError& e) {
        if (!e.IsConstraint()) throw;
        const EntityKey key{KindOf(Entity(std::in_place_type<T>, items[i])), items[i].id.str()};
        throw ConflictError(key, Name(key) + " cannot be stored: " + e.detail());
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

  // Explains the first dangling reference of the open transaction. The rows a batch can have left dangling are
  // looked up by index: rows that referred to what it deleted or rewrote, and the rows it wrote itself; a replace
  // (no batch) checks every table. When the batch deleted (or rewrote) what the reference points to, the conflict
  // is that change's: "person "p1" cannot be deleted: system_roles.person_id of system "raindance" still refers to
  // it". Otherwise it is the referencing entity's: "system "x" refers to person "p9" (…), which does not exist".
  ConflictError ForeignKeyConflict(const std::vector<Change>* batch) {
    std::optional<Dangling> d;
    for (size_t i = 0; batch && i < batch->size() && !d; ++i) {
      const Change& c = (*batch)[i];
      const bool removes = !c.after || c.expected_version;  // a delete, or an update that rewrote the entity
      for (const ForeignKey& fk : tables_.ForeignKeys()) {
        const auto owner = OwnerOfTable(fk.table);
        const auto parent_owner = OwnerOfTable(fk.parent);
        if (removes && parent_owner && parent_owner->kind == c.key.kind) {
          for (size_t k = 0; k < fk.to.size() && !d; ++k)
            if (fk.to[k] == parent_owner->id_column) d = tables_.FindDangling(fk, fk.from[k], c.key.id);
        }
        if (!d && c.after && owner && owner->kind == c.key.kind)
          d = tables_.FindDangling(fk, owner->id_column, c.key.id);
        if (d) break;
      }
    }
    if (!d) d = tables_.FirstDangling();
    if (!d) {
      const EntityKey key = batch && !batch->empty() ? batch->front().key : EntityKey{};
      return ConflictError(key, "a reference does not resolve");
    }

    const ForeignKey& fk = *d->fk;
    const auto parent_owner = OwnerOfTable(fk.parent);
    std::string parent_id, sub_key, columns;  // for a unit or a document, sub_key is its id within its parent
    for (size_t i = 0; i < fk.from.size(); ++i) {
      if (parent_owner && fk.to[i] == parent_owner->id_column)
        parent_id = d->values[i];
      else
        sub_key = d->values[i];
      columns += (i ? ", " : "") + fk.from[i];
    }
    const EntityKey target{parent_owner ? parent_owner->kind : Kind::kSystem, parent_id};
    std::string what = Name(target);
    if (fk.parent == "units")
      what = "unit " + Quote(sub_key) + " of " + what;
    else if (fk.parent == "system_documents")
      what = "document " + Quote(sub_key) + " of " + what;
    const std::string via = fk.table + "." + columns + " of " + Name(d->referrer);

    if (batch) {
      for (auto it = batch->rbegin(); it != batch->rend(); ++it) {
        if (it->key != target) continue;
        if (!it->after)
          return ConflictError(target, Name(target) + " cannot be deleted: " + via + " still refers to it");
        if (what != Name(target))
          return ConflictError(target, Name(target) + " cannot drop " + what.substr(0, what.find(" of ")) + ": " + via +
                                           " still refers to it");
        break;
      }
    }
    return ConflictError(d->referrer, Name(d->referrer) + " refers to " + what + " (" + fk.table + "." + columns +
                                          "), which does not exist");
  }

  // Per ReplaceRegister: the versions stored before it and the entities it changes.
  std::array<std::unordered_map<std::string, int64_t>, kKindCount> replace_versions_;
  std::set<EntityKey> replace_changed_;
  std::mutex mu_;
  Db db_;
  RegisterTables tables_;
  CycleTables cycle_{db_};
};

}  // namespace
}  // namespace sqlite

std::unique_ptr<Store> OpenSqliteStore(const std::string& path) {
  auto store = std::make_unique<sqlite::SqliteStore>(path);
  store->Migrate();
  return store;
}

}  // namespace ansvar::store
