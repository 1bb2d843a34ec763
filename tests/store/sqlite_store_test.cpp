// The store contract run against SQLite, and what only SQLite has: the schema's tables and pragmas, the
// append-only triggers, migrating an older file, refusing a newer one, and (on request) timings at scale.
#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "io/entity_json.hpp"
#include "store/audit_images.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/string_list.hpp"
#include "store_contract.hpp"
#include "test_registers.hpp"

namespace ansvar::store::testing {
namespace {

namespace fs = std::filesystem;

// A raw connection to the file, behind the store's back.
class Raw {
 public:
  explicit Raw(const fs::path& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path.string());
    sqlite3_busy_timeout(db_, 5000);
  }
  ~Raw() { sqlite3_close(db_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;

  // Runs `sql`; returns SQLite's error message, or "" when it succeeded.
  std::string Try(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = rc == SQLITE_OK ? "" : (err ? err : "error");
    sqlite3_free(err);
    return msg;
  }
  void Exec(const std::string& sql) {
    const std::string err = Try(sql);
    if (!err.empty()) throw std::runtime_error(err + " in " + sql);
  }
  std::string Text(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(db_));
    std::string out;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));  // NOLINT
    sqlite3_finalize(s);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

fs::path NewTempDir() {
  static std::atomic<int> counter{0};
  const fs::path dir =
      fs::temp_directory_path() / ("ansvar-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

class SqliteBackend final : public Backend {
 public:
  SqliteBackend() : dir_(NewTempDir()), path_(dir_ / "ansvar.db") {}
  ~SqliteBackend() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::unique_ptr<Store> Open() override { return OpenSqliteStore(path_.string()); }
  void TamperAuditEntry(int64_t seq, const std::string& after_json) override {
    Raw raw(path_);
    raw.Exec("DROP TRIGGER audit_log_no_update");
    raw.Exec("UPDATE audit_log SET after_json = '" + Escape(after_json) + "' WHERE seq = " + std::to_string(seq));
  }
  void RemoveAuditEntry(int64_t seq) override {
    Raw raw(path_);
    raw.Exec("DROP TRIGGER audit_log_no_delete");
    raw.Exec("DELETE FROM audit_log WHERE seq = " + std::to_string(seq));
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  static std::string Escape(const std::string& s) {
    std::string out;
    for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out;
  }
  fs::path dir_;
  fs::path path_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
                         ::testing::Values(BackendFactory{"Sqlite", [] { return std::make_unique<SqliteBackend>(); }}),
                         BackendName);

const Actor kCli{"cli", "Command line"};
model::Timestamp At(const char* text) { return *model::ParseTimestamp(text); }

class SqliteStoreTest : public ::testing::Test {
 protected:
  SqliteBackend backend_;
};

TEST_F(SqliteStoreTest, HasANormalisedTablePerEntityAndForEachList) {
  auto store = backend_.Open();
  Raw raw(backend_.path());
  std::set<std::string> tables;
  for (const char* t : {"organizations",
                        "committees",
                        "administrations",
                        "administration_committees",
                        "units",
                        "people",
                        "systems",
                        "system_used_by",
                        "system_roles",
                        "system_documents",
                        "system_document_committees",
                        "system_document_powers",
                        "system_transfers",
                        "system_forums",
                        "system_reviews",
                        "system_integrations",
                        "delegations",
                        "powers_of_attorney",
                        "processing_activities",
                        "processing_activity_systems",
                        "processing_activity_joint_controllers",
                        "processing_activity_transfers",
                        "processing_activity_threshold_analyses",
                        "processing_activity_dpias",
                        "processor_records",
                        "processor_record_committees",
                        "incidents",
                        "incident_controllers",
                        "data_subject_requests",
                        "data_subject_request_controllers",
                        "agreements",
                        "agreement_systems",
                        "agreement_parties",
                        "system_document_organizations",
                        "incident_assessments",
                        "cooperations",
                        "cooperation_parties",
                        "cooperation_systems",
                        "cooperation_groups",
                        "cooperation_group_members",
                        "cooperation_documents",
                        "cooperation_responsibilities",
                        "dpa_decisions",
                        "dpa_decision_committees",
                        "audit_log",
                        "schema_migrations",
                        "register_meta"}) {
    EXPECT_EQ(raw.Text("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '" + std::string(t) + "'"), t);
  }
  for (const char* t : {"organizations", "committees", "administrations", "people", "systems", "delegations",
                        "powers_of_attorney", "processing_activities", "processor_records", "incidents",
                        "data_subject_requests", "agreements", "cooperations", "dpa_decisions"}) {
    EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM pragma_table_info('" + std::string(t) +
                       "') WHERE name = 'version' AND "
                       "\"notnull\" = 1"),
              "1")
        << t;
  }
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM pragma_foreign_key_list('system_roles')"), "3");
}

TEST_F(SqliteStoreTest, TheAuditTrailRefusesUpdateAndDelete) {
  auto store = backend_.Open();
  store->ReplaceRegister(FullRegister(), {Delete(Kind::kSystem, "gone")}, kCli, At("2025-01-01T00:00:00Z"));
  Raw raw(backend_.path());
  EXPECT_NE(raw.Try("UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 1").find("append-only"), std::string::npos);
  EXPECT_NE(raw.Try("DELETE FROM audit_log").find("append-only"), std::string::npos);
  EXPECT_EQ(raw.Text("SELECT actor_id FROM audit_log WHERE seq = 1"), "cli");
  EXPECT_TRUE(store->VerifyAudit().ok);
}

TEST_F(SqliteStoreTest, MigratesAFileAtAnOlderVersion) {
  {
    Raw raw(backend_.path());
    const auto& first = sqlite::Migrations()[0];
    raw.Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    raw.Exec(std::string(first.sql));
    raw.Exec("INSERT INTO schema_migrations VALUES (1, '2025-01-01T00:00:00Z')");
  }
  auto store = backend_.Open();
  EXPECT_EQ(store->SchemaVersion(), static_cast<int>(sqlite::Migrations().size()));
  store->ReplaceRegister(FullRegister(), {Delete(Kind::kSystem, "gone")}, kCli, At("2025-01-01T00:00:00Z"));
  EXPECT_EQ(store->LastAuditSeq(), 1);
  Raw raw(backend_.path());
  EXPECT_EQ(raw.Text("SELECT applied_at FROM schema_migrations WHERE version = 1"), "2025-01-01T00:00:00Z");
}

TEST_F(SqliteStoreTest, RefusesAFileFromANewerProgram) {
  backend_.Open().reset();
  {
    Raw raw(backend_.path());
    raw.Exec("INSERT INTO schema_migrations VALUES (999, '2030-01-01T00:00:00Z')");
  }
  EXPECT_THROW(backend_.Open(), StoreError);
}

TEST_F(SqliteStoreTest, AnUnopenableFileIsAStoreError) {
  EXPECT_THROW(OpenSqliteStore((backend_.path().parent_path() / "no" / "such" / "dir" / "x.db").string()), StoreError);
}

TEST_F(SqliteStoreTest, ACorruptValueIsAStoreErrorNotACrash) {
  auto store = backend_.Open();
  store->ReplaceRegister(FullRegister(), {}, kCli, At("2025-01-01T00:00:00Z"));
  {
    Raw raw(backend_.path());
    raw.Exec("UPDATE systems SET category = 'spaceship' WHERE id = 'ecos'");
  }
  EXPECT_THROW(store->Load(), StoreError);
}

// The store gathers a transaction's WAL frames and writes them at its commit frame (store/sqlite/wal_writes.cpp):
// every commit must be in the file when Apply returns, for a connection of another process (here one on SQLite's
// own VFS), whether the commit's frames are a few pages or many megabytes, and after that connection has written too.
TEST_F(SqliteStoreTest, EachCommitIsInTheFileForOtherConnectionsWhenTheStoreAnswers) {
  auto store = backend_.Open();
  const model::Register reg = ScaledRegister(3000);  // some 10 MB of frames: written in pieces
  store->ReplaceRegister(reg, {}, kCli, At("2025-01-01T00:00:00Z"));
  Raw raw(backend_.path());
  EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM systems"), std::to_string(reg.systems.size()));
  size_t roles = 0;
  for (const auto& sys : reg.systems) roles += sys.roles.size();
  EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM system_roles"), std::to_string(roles));
  for (int i = 0; i < 20; ++i) {
    model::System sys = reg.systems[static_cast<size_t>(i)];
    sys.id = model::SystemId("new-" + std::to_string(i));
    store->Apply({Create(sys)}, kCli, At("2025-01-02T00:00:00Z"));
    EXPECT_EQ(raw.Text("SELECT name FROM systems WHERE id = 'new-" + std::to_string(i) + "'"), sys.name);
    EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM system_roles WHERE system_id = 'new-" + std::to_string(i) + "'"),
              std::to_string(sys.roles.size()));
    // The other connection writes between the store's commits: its frames follow the store's in the WAL.
    raw.Exec("UPDATE register_meta SET rulebook_overrides = '" + std::to_string(i) + "'");
  }
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
  EXPECT_TRUE(store->VerifyAudit().ok);
  store.reset();
  auto again = backend_.Open();
  const Snapshot snap = again->Load();
  EXPECT_EQ(snap.reg.systems.size(), reg.systems.size() + 20);
  EXPECT_EQ(snap.reg.rulebook_overrides, "19");
}

// A whole-register replace whose images are large together keeps them compressed with a dictionary of their own
// (store/audit_images.hpp): BLOBs in the file, the same JSON in every read and in the hashes; a small replace and
// the entries of Apply keep text, and both forms read back side by side.
TEST_F(SqliteStoreTest, ALargeReplaceKeepsItsImagesCompressedAndReadsThemBackAsJson) {
  auto store = backend_.Open();
  store->ReplaceRegister(FullRegister(), {Delete(Kind::kSystem, "gone")}, kCli, At("2025-01-01T00:00:00Z"));
  const model::Register reg = ScaledRegister(600);
  std::vector<Change> audit;
  std::map<std::string, std::string> images;
  size_t bytes = 0;
  for (const auto& sys : reg.systems) {
    Change c = Create(sys);
    c.after_json = io::WriteEntity(sys);
    bytes += c.after_json.size();
    images[sys.id.str()] = c.after_json;
    audit.push_back(std::move(c));
  }
  ASSERT_GE(bytes, internal::kCompressImagesFrom);
  const model::System first = FullRegister().systems.front();
  Change gone = Delete(Kind::kSystem, first.id.str());
  gone.before_json = io::WriteEntity(first);
  audit.push_back(gone);
  const auto replaced = store->ReplaceRegister(reg, audit, kCli, At("2025-01-02T00:00:00Z"));
  ASSERT_EQ(replaced.last_audit_seq, 1 + static_cast<int64_t>(audit.size()));
  const Snapshot after_replace = store->Load();
  model::System changed = reg.systems.front();
  changed.name = "Changed";
  Change update = Update(changed, after_replace.VersionOf(Kind::kSystem, changed.id.str()));
  update.before_json = images[changed.id.str()];
  update.after_json = io::WriteEntity(changed);
  store->Apply({update}, kCli, At("2025-01-03T00:00:00Z"));

  const std::string last = std::to_string(replaced.last_audit_seq);
  Raw raw(backend_.path());
  EXPECT_EQ(raw.Text("SELECT typeof(after_json) FROM audit_log WHERE seq = 1"), "text");  // the small replace
  EXPECT_EQ(
      raw.Text("SELECT COUNT(*) FROM audit_log WHERE seq > 1 AND seq <= " + last + " AND typeof(after_json) = 'blob'"),
      std::to_string(reg.systems.size()));
  EXPECT_EQ(raw.Text("SELECT typeof(before_json) FROM audit_log WHERE seq = " + last), "blob");  // the deleted one
  EXPECT_EQ(raw.Text("SELECT typeof(after_json) || typeof(before_json) FROM audit_log WHERE seq > " + last),
            "texttext");  // Apply's
  EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM audit_image_dictionaries"), "1");
  EXPECT_LT(std::stoul(raw.Text("SELECT SUM(length(after_json)) FROM audit_log WHERE typeof(after_json) = 'blob'")),
            bytes / 3);

  AuditFilter one;
  one.entity_id = changed.id.str();
  one.newest_first = false;
  const auto history = store->ReadAudit(one);
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0].action, "create");
  EXPECT_EQ(history[0].before_json, "");
  EXPECT_EQ(history[0].after_json, images[changed.id.str()]);
  EXPECT_EQ(history[1].before_json, images[changed.id.str()]);
  EXPECT_EQ(history[1].after_json, update.after_json);
  AuditFilter all;
  all.limit = 0;
  const auto entries = store->ReadAudit(all);
  ASSERT_EQ(entries.size(), audit.size() + 2);
  for (const auto& e : entries) {
    if (e.action == "create" && e.seq > 1 && e.seq <= replaced.last_audit_seq) {
      EXPECT_EQ(e.after_json, images[e.entity_id]) << e.seq;
    }
    EXPECT_EQ(AuditHash(e), e.hash) << e.seq;
  }
  EXPECT_EQ(entries[1].before_json, gone.before_json);  // newest first: Apply's, then the delete
  EXPECT_EQ(entries[1].after_json, "");
  const AuditVerification v = store->VerifyAudit();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries, static_cast<int64_t>(audit.size()) + 2);

  // Read again by another store on the file.
  store.reset();
  auto again = backend_.Open();
  EXPECT_EQ(again->ReadAudit(one).size(), 2U);
  EXPECT_TRUE(again->VerifyAudit().ok);
}

// The dictionaries are append-only, and one altered behind the triggers' back breaks the trail where it is used.
TEST_F(SqliteStoreTest, AnAlteredImageDictionaryBreaksTheTrail) {
  auto store = backend_.Open();
  store->ReplaceRegister(FullRegister(), {Delete(Kind::kSystem, "gone")}, kCli, At("2025-01-01T00:00:00Z"));
  const model::Register reg = ScaledRegister(600);
  std::vector<Change> audit;
  for (const auto& sys : reg.systems) {
    Change c = Create(sys);
    c.after_json = io::WriteEntity(sys);
    audit.push_back(std::move(c));
  }
  store->ReplaceRegister(reg, audit, kCli, At("2025-01-02T00:00:00Z"));
  ASSERT_TRUE(store->VerifyAudit().ok);
  Raw raw(backend_.path());
  EXPECT_NE(raw.Try("UPDATE audit_image_dictionaries SET content = x'00'").find("append-only"), std::string::npos);
  EXPECT_NE(raw.Try("DELETE FROM audit_image_dictionaries").find("append-only"), std::string::npos);
  raw.Exec("DROP TRIGGER audit_image_dictionaries_no_update");
  raw.Exec("UPDATE audit_image_dictionaries SET content = CAST(replace(CAST(content AS TEXT), '\"', '''') AS BLOB)");
  ASSERT_NE(raw.Text("SELECT changes()"), "0");
  const AuditVerification v = store->VerifyAudit();
  EXPECT_FALSE(v.ok);
  ASSERT_TRUE(v.first_bad_seq.has_value());
  EXPECT_EQ(*v.first_bad_seq, 2);  // the first entry of the replace, not the small one before it
}

// The register is read on two read-only connections at once (the systems on one, the rest on the other): a corrupt
// row on either side is the same StoreError, whichever thread read it.
TEST(SqliteStoreLoad, ACorruptRowOnEitherConnectionIsAStoreError) {
  for (const char* corrupt : {"UPDATE system_roles SET role = 'spaceship'",                  // the starting thread
                              "UPDATE system_reviews SET kind = 'spaceship'",                // the other, after systems
                              "UPDATE processing_activities SET legal_basis = 'spaceship'",  // the other
                              "UPDATE system_roles SET system_id = 'nowhere'"}) {            // a missing parent
    SqliteBackend backend;
    auto store = backend.Open();
    store->ReplaceRegister(FullRegister(), {}, kCli, At("2025-01-01T00:00:00Z"));
    ASSERT_TRUE(FirstDifference(store->Load().reg, FullRegister()).empty());
    {
      Raw raw(backend.path());
      raw.Exec(corrupt);
      ASSERT_NE(raw.Text("SELECT changes()"), "0") << corrupt;
    }
    EXPECT_THROW(store->Load(), StoreError) << corrupt;
  }
}

// While another connection holds the write lock, the two connections cannot be started in one snapshot: the store
// reads on its own connection instead, still without what the writer has not committed.
TEST(SqliteStoreLoad, BesideAWriterTheRegisterIsReadOnOneConnection) {
  SqliteBackend backend;
  auto store = backend.Open();
  const auto committed = store->ReplaceRegister(FullRegister(), {}, kCli, At("2025-01-01T00:00:00Z"));
  const Snapshot alone = store->Load();
  Raw raw(backend.path());
  raw.Exec("BEGIN IMMEDIATE");
  raw.Exec("UPDATE systems SET name = 'uncommitted'");
  const auto t0 = std::chrono::steady_clock::now();
  const Snapshot beside = store->Load();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));  // not the 5 s busy timeout
  raw.Exec("ROLLBACK");
  EXPECT_EQ(FirstDifference(beside.reg, alone.reg), "");
  EXPECT_EQ(beside.versions, alone.versions);
  EXPECT_EQ(beside.last_audit_seq, committed.last_audit_seq);
}

TEST(SqliteStringList, RoundTripsAnyText) {
  using sqlite::DecodeStringList;
  using sqlite::EncodeStringList;
  const std::vector<std::string> items = {"", "plain", "quote \" back\\slash", "åäö ✓ 𝄞", "tab\tnl\n\x01"};
  EXPECT_EQ(EncodeStringList({}), "[]");
  EXPECT_EQ(EncodeStringList({"a", "b"}), R"(["a","b"])");
  EXPECT_EQ(DecodeStringList(EncodeStringList(items)), items);
}

TEST(SqliteStringList, ReadsJsonWrittenByOthers) {
  using sqlite::DecodeStringList;
  EXPECT_EQ(DecodeStringList(R"( [ "a" , "\u00e5\ud834\udd1e\/" ] )"), (std::vector<std::string>{"a", "å𝄞/"}));
  EXPECT_FALSE(DecodeStringList(""));
  EXPECT_FALSE(DecodeStringList("[1]"));
  EXPECT_FALSE(DecodeStringList(R"(["a",])"));
  EXPECT_FALSE(DecodeStringList(R"(["a"] x)"));
  EXPECT_FALSE(DecodeStringList(R"(["\ud834"])"));  // a lone surrogate
  EXPECT_FALSE(DecodeStringList(R"(["\x"])"));
  EXPECT_FALSE(DecodeStringList("[\"a"));
}

// Timings at scale, on request: ANSVAR_STORE_SCALE=150000 builds a register of that many systems (10 roles,
// 3 documents and 2 processing activities each) and reports how long replacing and loading it take.
TEST_F(SqliteStoreTest, TimingsAtScale) {
  const char* env = std::getenv("ANSVAR_STORE_SCALE");
  if (env == nullptr) GTEST_SKIP() << "set ANSVAR_STORE_SCALE=<systems> to run";
  const size_t systems = std::stoul(env);
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };

  auto t0 = Clock::now();
  const model::Register reg = ScaledRegister(systems);
  size_t roles = 0, docs = 0;
  for (const auto& s : reg.systems) {
    roles += s.roles.size();
    docs += s.documents.size();
  }
  std::cout << "register: " << reg.systems.size() << " systems, " << roles << " roles, " << docs << " documents, "
            << reg.processing_activities.size() << " processing activities, " << reg.people.size() << " people ("
            << ms(Clock::now() - t0) << " ms to build)\n";

  auto store = backend_.Open();
  t0 = Clock::now();
  store->ReplaceRegister(reg, {}, kCli, At("2025-01-01T00:00:00Z"));
  std::cout << "ReplaceRegister (empty database): " << ms(Clock::now() - t0) << " ms\n";
  t0 = Clock::now();
  store->ReplaceRegister(reg, {}, kCli, At("2025-01-01T00:00:00Z"));
  std::cout << "ReplaceRegister (over itself): " << ms(Clock::now() - t0) << " ms\n";
  std::vector<Change> audit;  // one entry per system and activity, as an import that changed them all writes
  for (const auto& x : reg.systems) audit.push_back(Update(x, 1));
  for (const auto& x : reg.processing_activities) audit.push_back(Update(x, 1));
  t0 = Clock::now();
  store->ReplaceRegister(reg, audit, kCli, At("2025-01-01T00:00:00Z"));
  std::cout << "ReplaceRegister (over itself, " << audit.size() << " audit entries): " << ms(Clock::now() - t0)
            << " ms\n";
  t0 = Clock::now();
  EXPECT_TRUE(store->VerifyAudit().ok);
  std::cout << "VerifyAudit (" << audit.size() << " entries): " << ms(Clock::now() - t0) << " ms\n";
  t0 = Clock::now();
  Snapshot snap = store->Load();
  std::cout << "Load: " << ms(Clock::now() - t0) << " ms\n";
  EXPECT_EQ(snap.reg, reg) << FirstDifference(snap.reg, reg);

  model::System sys = reg.systems[systems / 2];
  for (int64_t version = 2; version <= 4; ++version) {  // version 2 after the replace that named every system
    sys.name = "renamed " + std::to_string(version);
    t0 = Clock::now();
    store->Apply({Update(sys, version)}, kCli, At("2025-01-02T00:00:00Z"));
    std::cout << "Apply (update one system, " << version << "): " << ms(Clock::now() - t0) << " ms\n";
  }
  t0 = Clock::now();
  EXPECT_THROW(
      store->Apply({Delete(Kind::kPerson, reg.systems[0].roles[0].person->str())}, kCli, At("2025-01-02T00:00:00Z")),
      ConflictError);
  std::cout << "Apply (refused delete of a referenced person): " << ms(Clock::now() - t0) << " ms\n";
  std::cout << "database file: " << fs::file_size(backend_.path()) / (1024 * 1024) << " MiB (+ WAL)\n";
}

}  // namespace
}  // namespace ansvar::store::testing
