// The store contract run against PostgreSQL, and what only PostgreSQL has: the schema in its catalog, the
// append-only triggers, migrating an older database, refusing a newer one, writers in several store instances
// (as several processes would be), a bulk replace, and reconnecting after the server dropped the sessions.
//
// The database comes from ANSVAR_TEST_PG_URL (ctest's store.postgres runs this binary inside
// scripts/pg_cluster.py, which starts a throwaway cluster and sets it); without it, these tests are skipped. Each
// test gets a schema of its own in that database (the URL's search_path), dropped afterwards.
#include "store/postgres/postgres_store.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <set>
#include <thread>

#include "store/postgres/pg_conn.hpp"
#include "store_contract.hpp"
#include "test_registers.hpp"

namespace ansvar::store::testing {
namespace {

const char* PgUrl() {
  const char* url = std::getenv("ANSVAR_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

// A raw connection behind the store's back.
class Raw {
 public:
  explicit Raw(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK)
      throw std::runtime_error(std::string("cannot connect: ") + PQerrorMessage(conn_));
  }
  ~Raw() { PQfinish(conn_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;

  // Runs `sql`; returns the error message, or "" when it succeeded.
  std::string Try(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    const auto status = PQresultStatus(r);
    std::string err = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r);
    PQclear(r);
    return err;
  }
  void Exec(const std::string& sql) {
    const std::string err = Try(sql);
    if (!err.empty()) throw std::runtime_error(err + " in " + sql);
  }
  std::string Text(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    std::string out;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) out = PQgetvalue(r, 0, 0);
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    std::string err = ok ? "" : PQresultErrorMessage(r);
    PQclear(r);
    if (!ok) throw std::runtime_error(err + " in " + sql);
    return out;
  }

 private:
  PGconn* conn_;
};

// One schema per test, so that tests share the cluster's database and not their tables.
class PostgresBackend final : public Backend {
 public:
  PostgresBackend() {
    static std::atomic<int> counter{0};
    schema_ = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    Raw(PgUrl()).Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    url_ = std::string(PgUrl());
    url_ += url_.find('?') == std::string::npos ? "?" : "&";
    url_ += "options=-csearch_path%3D" + schema_;
  }
  ~PostgresBackend() override {
    try {
      Raw(PgUrl()).Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the cluster is thrown away anyway
    }
  }
  std::unique_ptr<Store> Open() override { return OpenPostgresStore(url_); }
  void TamperAuditEntry(int64_t seq, const std::string& after_json) override {
    Raw raw(url_);
    raw.Exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
    raw.Exec("UPDATE audit_log SET after_json = '" + Escape(after_json) + "' WHERE seq = " + std::to_string(seq));
    raw.Exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
  }
  void RemoveAuditEntry(int64_t seq) override {
    Raw raw(url_);
    raw.Exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete");
    raw.Exec("DELETE FROM audit_log WHERE seq = " + std::to_string(seq));
    raw.Exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_delete");
  }
  [[nodiscard]] const std::string& url() const { return url_; }
  [[nodiscard]] const std::string& schema() const { return schema_; }

 private:
  static std::string Escape(const std::string& s) {
    std::string out;
    for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out;
  }
  std::string schema_;
  std::string url_;
};

// The contract; skipped without a database (the factory returns no backend).
INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract,
                         ::testing::Values(BackendFactory{"Postgres",
                                                          []() -> std::unique_ptr<Backend> {
                                                            if (!PgUrl()) return nullptr;
                                                            return std::make_unique<PostgresBackend>();
                                                          }}),
                         BackendName);

const Actor kCli{"cli", "Command line"};
model::Timestamp At(const char* text) { return *model::ParseTimestamp(text); }

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PgUrl()) GTEST_SKIP() << "ANSVAR_TEST_PG_URL is not set (ctest's store.postgres sets it)";
    backend_ = std::make_unique<PostgresBackend>();
  }
  std::unique_ptr<PostgresBackend> backend_;
};

TEST_F(PostgresStoreTest, HasANormalisedTablePerEntityAndForEachList) {
  auto store = backend_->Open();
  Raw raw(backend_->url());
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
    EXPECT_EQ(raw.Text("SELECT to_regclass('" + std::string(t) + "')::text"), t);
  }
  // Every reference is a deferrable, initially deferred foreign key.
  EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                     "WHERE c.contype = 'f' AND n.nspname = '" +
                     backend_->schema() + "' AND NOT (c.condeferrable AND c.condeferred)"),
            "0");
  EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                     "WHERE c.contype = 'f' AND t.relname = 'system_roles' AND t.relnamespace = '" +
                     backend_->schema() + "'::regnamespace"),
            "3");
}

TEST_F(PostgresStoreTest, TheAuditTrailRefusesUpdateDeleteAndTruncate) {
  auto store = backend_->Open();
  store->ReplaceRegister(FullRegister(), {Delete(Kind::kSystem, "gone")}, kCli, At("2025-01-01T00:00:00Z"));
  Raw raw(backend_->url());
  EXPECT_NE(raw.Try("UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 1").find("append-only"), std::string::npos);
  EXPECT_NE(raw.Try("DELETE FROM audit_log").find("append-only"), std::string::npos);
  EXPECT_NE(raw.Try("TRUNCATE audit_log").find("append-only"), std::string::npos);
  EXPECT_EQ(raw.Text("SELECT actor_id FROM audit_log WHERE seq = 1"), "cli");
  EXPECT_TRUE(store->VerifyAudit().ok);
}

TEST_F(PostgresStoreTest, MigratesADatabaseAtAnOlderVersionAndRefusesANewerOne) {
  {
    auto store = backend_->Open();
    Raw raw(backend_->url());
    // Back to version 1: the migrations after it undone.
    raw.Exec(
        "DROP TABLE audit_log, cycle_records, cycle_documents, cycle_document_audit; DROP FUNCTION "
        "audit_log_append_only(), cycle_document_audit_append_only(); ALTER TABLE register_meta DROP COLUMN "
        "replace_count; DELETE FROM schema_migrations WHERE version >= 2");
    raw.Exec(
        "DROP TABLE system_document_organizations, incident_assessments, cooperation_parties, "
        "cooperation_systems, cooperation_groups, cooperation_group_members, cooperation_documents, "
        "cooperation_responsibilities, cooperations, dpa_decision_committees, dpa_decisions; "
        "ALTER TABLE organizations DROP COLUMN rulebook_overrides; ALTER TABLE incidents DROP COLUMN description, "
        "DROP COLUMN subject_categories, DROP COLUMN approx_subjects, DROP COLUMN record_categories, DROP COLUMN "
        "approx_records, DROP COLUMN likely_consequences, DROP COLUMN measures, DROP COLUMN affected_informed_on");
    raw.Exec(
        "DROP TABLE incident_action_plan; ALTER TABLE incidents DROP COLUMN occurred_at, DROP COLUMN nature, DROP "
        "COLUMN cause, DROP COLUMN subjects_informed_how, DROP COLUMN cross_border, DROP COLUMN reported_at");
    raw.Exec("ALTER TABLE system_documents DROP COLUMN approved_by_account");
    raw.Exec(
        "DROP TABLE processing_activity_dpia_risks, processing_activity_dpia_measures, system_classification_measures, "
        "system_forum_measures; ALTER TABLE systems DROP COLUMN classification_done_on, DROP COLUMN "
        "classification_method, DROP COLUMN classification_decided_by, DROP COLUMN "
        "classification_standard_information, DROP COLUMN classification_approved_by, DROP COLUMN "
        "classification_approved_on, DROP COLUMN classification_approval; ALTER TABLE processing_activity_dpias DROP "
        "COLUMN description, DROP COLUMN necessity_proportionality, DROP COLUMN residual_risk, DROP COLUMN "
        "dpo_opinion_text, DROP COLUMN dpo_opinion_given_on, DROP COLUMN prior_consultation_needed, DROP COLUMN "
        "prior_consultation_sent_on, DROP COLUMN prior_consultation_reply_on, DROP COLUMN review_on, DROP COLUMN "
        "covers_activities, DROP COLUMN motivation");
    raw.Exec("DROP TABLE system_document_adopted_by, system_document_supplemented_by");
  }
  auto store = backend_->Open();
  EXPECT_EQ(store->SchemaVersion(), 10);  // 10: a reference DPIA's adopting and supplementing committees
  store->ReplaceRegister(FullRegister(), {Delete(Kind::kSystem, "gone")}, kCli, At("2025-01-01T00:00:00Z"));
  EXPECT_EQ(store->LastAuditSeq(), 1);
  store.reset();
  Raw(backend_->url()).Exec("INSERT INTO schema_migrations VALUES (999, '2030-01-01T00:00:00Z')");
  EXPECT_THROW(backend_->Open(), StoreError);
}

TEST_F(PostgresStoreTest, AnUnreachableServerIsAStoreErrorAtOnce) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(OpenPostgresStore("postgresql://ansvar@127.0.0.1:1/ansvar?connect_timeout=2"), StoreError);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(IsPostgresUrl("postgres://x/y"));
  EXPECT_TRUE(IsPostgresUrl("postgresql://x/y"));
  EXPECT_FALSE(IsPostgresUrl("ansvar.db"));
}

TEST_F(PostgresStoreTest, ACorruptValueIsAStoreErrorNotACrash) {
  auto store = backend_->Open();
  store->ReplaceRegister(FullRegister(), {}, kCli, At("2025-01-01T00:00:00Z"));
  Raw(backend_->url()).Exec("UPDATE systems SET category = 'spaceship' WHERE id = 'ecos'");
  EXPECT_THROW(store->Load(), StoreError);
}

TEST_F(PostgresStoreTest, ATextWithANulCharacterIsAConflictNotATruncation) {
  auto store = backend_->Open();
  model::Register reg = FullRegister();
  store->ReplaceRegister(reg, {}, kCli, At("2025-01-01T00:00:00Z"));
  reg.systems[0].name = std::string("a\0b", 3);
  EXPECT_THROW(store->Apply({Update(reg.systems[0], 1)}, kCli, At("2025-01-01T00:00:00Z")), ConflictError);
  EXPECT_EQ(store->Load().reg.systems[0].name, FullRegister().systems[0].name);
}

// Several instances (as several processes on one database would be), each with writer threads: one linear chain,
// no lost update, every version check made against what the others committed.
TEST_F(PostgresStoreTest, WritersInSeveralInstancesKeepOneChainAndLoseNoUpdate) {
  auto first = backend_->Open();
  auto second = backend_->Open();
  model::Register reg = FullRegister();
  first->ReplaceRegister(reg, {}, kCli, At("2025-01-01T00:00:00Z"));
  constexpr int kThreads = 4, kEach = 12;
  std::atomic<int> applied{0}, conflicts{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& store = t % 2 == 0 ? *first : *second;
      for (int i = 0; i < kEach; ++i) {
        try {
          // Read the version, then write with it: a lost race is a conflict, never an overwrite.
          const Snapshot s = store.Load();
          model::System sys = s.reg.systems[0];
          sys.name = "writer " + std::to_string(t) + " #" + std::to_string(i);
          store.Apply({Update(sys, s.versions.at(EntityKey{Kind::kSystem, sys.id.str()}))}, kCli,
                      At("2025-02-01T08:00:00Z"));
          ++applied;
        } catch (const ConflictError&) {
          ++conflicts;
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(applied + conflicts, kThreads * kEach);
  EXPECT_GT(applied.load(), 0);
  const Snapshot s = second->Load();
  // Each applied update moved the version on by one: none overwrote another.
  EXPECT_EQ(s.versions.at(EntityKey{Kind::kSystem, "raindance"}), 1 + applied.load());
  EXPECT_EQ(s.last_audit_seq, applied.load());
  const AuditVerification v = first->VerifyAudit();
  EXPECT_TRUE(v.ok) << v.reason;
}

// A register above the bulk threshold drops the foreign keys, indexes, primary keys and unique constraints, COPYs,
// and adds them back: the same result, the same refusal of a dangling reference, and the keys are all there
// afterwards.
TEST_F(PostgresStoreTest, ABulkReplaceChecksReferencesAndRestoresTheSchema) {
  auto store = backend_->Open();
  Raw raw(backend_->url());
  auto count = [&](const char* what) {
    return raw.Text(std::string("SELECT COUNT(*) FROM ") + what + " WHERE " +
                    (std::string(what) == "pg_constraint" ? "contype = 'f' AND connamespace" : "schemaname") + " = '" +
                    backend_->schema() + "'" + (std::string(what) == "pg_constraint" ? "::regnamespace" : ""));
  };
  const std::string fks = count("pg_constraint"), indexes = count("pg_indexes");
  auto unique_keys = [&] {
    return raw.Text("SELECT COUNT(*) FROM pg_constraint WHERE contype IN ('p', 'u') AND connamespace = '" +
                    backend_->schema() + "'::regnamespace");
  };
  const std::string keys = unique_keys();
  ASSERT_NE(keys, "0");
  model::Register reg = FullRegister();
  for (int i = 0; i < 2500; ++i) {
    model::System s = reg.systems[1];
    s.id = model::SystemId("bulk-" + std::to_string(i));
    s.integrations.clear();
    reg.systems.push_back(s);
  }
  store->ReplaceRegister(reg, {}, kCli, At("2025-01-01T00:00:00Z"));
  EXPECT_EQ(store->Load().reg, reg);
  EXPECT_EQ(count("pg_constraint"), fks);
  EXPECT_EQ(count("pg_indexes"), indexes);
  EXPECT_EQ(unique_keys(), keys);
  // The primary key and the unique position are enforced again.
  const std::string systems = backend_->schema() + ".systems";
  EXPECT_NE(raw.Try("UPDATE " + systems + " SET id = 'bulk-0' WHERE id = 'bulk-1'").find("duplicate key"),
            std::string::npos);
  EXPECT_NE(raw.Try("UPDATE " + systems + " SET position = (SELECT position FROM " + systems +
                    " WHERE id = 'bulk-0') WHERE id = 'bulk-1'")
                .find("duplicate key"),
            std::string::npos);

  model::Register bad = reg;
  bad.systems.back().roles.push_back(model::RoleAssignment{model::RoleKind::kOwner, model::PersonId("nobody"), {}});
  try {
    store->ReplaceRegister(bad, {}, kCli, At("2025-01-02T00:00:00Z"));
    ADD_FAILURE() << "no conflict";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.key(), (EntityKey{Kind::kSystem, "bulk-2499"})) << e.what();
    EXPECT_NE(std::string(e.what()).find("nobody"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store->Load().reg, reg);
  EXPECT_EQ(count("pg_constraint"), fks);
  EXPECT_EQ(unique_keys(), keys);
  EXPECT_THROW(store->Apply({Delete(Kind::kPerson, "p1")}, kCli, At("2025-01-05T00:00:00Z")), ConflictError);
}

// What another instance needs to catch up: the entries after its seq, in one snapshot with the replace count,
// which moves with every whole-register replace (and only then).
TEST_F(PostgresStoreTest, CatchUpAnswersTheEntriesAfterASeqAndCountsReplaces) {
  auto store = backend_->Open();
  model::Register reg = FullRegister();
  store->ReplaceRegister(reg, {}, kCli, At("2025-01-01T00:00:00Z"));
  const Snapshot first = store->Load();
  EXPECT_EQ(first.replace_count, 1);
  for (int i = 1; i <= 3; ++i) {
    reg.systems[0].name = "v" + std::to_string(i);
    store->Apply({Update(reg.systems[0], i)}, kCli, At("2025-01-02T00:00:00Z"));
  }
  auto caught = store->CatchUp(1, 100);
  ASSERT_TRUE(caught.has_value());
  EXPECT_EQ(caught->replace_count, 1);
  ASSERT_EQ(caught->entries.size(), 2u);
  EXPECT_EQ(caught->entries[0].seq, 2);
  EXPECT_EQ(caught->entries[1].seq, 3);
  EXPECT_EQ(store->CatchUp(0, 2)->entries.size(), 2u);  // the limit holds
  EXPECT_TRUE(store->CatchUp(3, 100)->entries.empty());
  store->ReplaceRegister(reg, {}, kCli, At("2025-01-03T00:00:00Z"));
  EXPECT_EQ(store->CatchUp(3, 100)->replace_count, 2);
  EXPECT_EQ(store->Load().replace_count, 2);
}

// The server ends every session (as a restart does): the store reconnects and the next calls succeed.
TEST_F(PostgresStoreTest, ReconnectsAfterTheServerDroppedItsSessions) {
  auto store = backend_->Open();
  model::Register reg = FullRegister();
  store->ReplaceRegister(reg, {}, kCli, At("2025-01-01T00:00:00Z"));
  (void)store->Load();
  Raw raw(PgUrl());
  raw.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
      "datname = current_database() AND application_name = 'ansvar'");
  reg.systems[0].name = "after the restart";
  EXPECT_EQ(store->Apply({Update(reg.systems[0], 1)}, kCli, At("2025-01-02T00:00:00Z")).versions,
            std::vector<int64_t>{2});
  raw.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
      "datname = current_database() AND application_name = 'ansvar'");
  EXPECT_EQ(store->Load().reg.systems[0].name, "after the restart");
  EXPECT_EQ(store->LastAuditSeq(), 1);
  EXPECT_TRUE(store->VerifyAudit().ok);
}

// A load reads on a second connection only when the pool has one free: TryAcquire gives one then, and none at once
// when all are out (it never waits for a lease to come back, which two loads holding one each would do for ever).
TEST_F(PostgresStoreTest, ThePoolGivesASecondConnectionOnlyWhenOneIsFree) {
  postgres::Pool pool(PgUrl(), 2);
  auto first = pool.Acquire();
  auto second = pool.TryAcquire();
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(pool.TryAcquire().has_value());
  second.reset();  // given back: idle, and given again
  EXPECT_TRUE(pool.TryAcquire().has_value());
}

}  // namespace
}  // namespace ansvar::store::testing
