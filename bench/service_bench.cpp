// ansvar_service_bench: the service's figures on SQLite or PostgreSQL, in process (app::RegisterService, as `ansvar
// serve` runs it, without HTTP): import of a whole register, start on the database, listing every system with its
// roles, reading one, one client creating systems one by one, the findings evaluated at start and the first
// findings after a write. Each beside a baseline measured in the same run on the same disk or server.
//   ansvar_service_bench [--register FILE] [--municipalities 4] [--creates 1000] [--lists 20] [--db FILE]
//                        [--db-url postgresql://…] [--start-runs N] [--reuse-db]
// Without --register it generates a register of that many municipalities (synthetic_register.hpp, no regions).
// With --db-url the service runs on that PostgreSQL database (empty, or holding a register with --reuse-db), and
// the server's CPU is printed beside the bench's own (pg_bench_support.hpp).
#include <sqlite3.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/register_service.hpp"
#include "bench_support.hpp"
#include "http/answers.hpp"
#include "io/entity_json.hpp"
#include "io/register_reader.hpp"
#include "io/register_writer.hpp"
#include "pg_bench_support.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "synthetic_register.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace ansvar;

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

template <class Fn>
double Time(Fn&& fn) {
  const auto t0 = Clock::now();
  fn();
  return Seconds(t0, Clock::now());
}

double ThreadCpu() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double ProcessCpu() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

[[noreturn]] void Fail(const std::string& what) {
  std::cerr << "ansvar_service_bench: " << what << "\n";
  std::exit(1);
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) Fail(std::string(what) + ": " + sqlite3_errmsg(db));
}

// The baseline of a write: `n` transactions, each one row of `bytes` of text, in a fresh database with the
// service's settings (WAL, synchronous NORMAL): what SQLite itself gives one client on this disk.
double SqliteCommits(const std::string& path, size_t n, size_t bytes) {
  RemoveDb(path);
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db), db, "open");
  Check(sqlite3_exec(
            db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t(id TEXT PRIMARY KEY, json TEXT)",
            nullptr, nullptr, nullptr),
        db, "schema");
  sqlite3_stmt* insert = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?)", -1, &insert, nullptr), db, "prepare");
  const std::string text(bytes, 'x');
  const double s = Time([&] {
    for (size_t i = 0; i < n; ++i) {
      Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
      const std::string id = "row-" + std::to_string(i);
      sqlite3_bind_text(insert, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
      Check(sqlite3_step(insert), db, "insert");
      sqlite3_reset(insert);
      Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    }
  });
  sqlite3_finalize(insert);
  sqlite3_close(db);
  RemoveDb(path);
  return s;
}

struct Row {
  std::string what;
  double seconds;
  std::string rate;
  std::string baseline;
  double ratio;
  std::string target;
  std::string met;
};

std::string Rate(double amount, double seconds, const char* unit) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.0f %s", seconds > 0 ? amount / seconds : 0.0, unit);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string register_path, db_path, db_url;
  int municipalities = 4;
  size_t creates = 1000;
  int lists = 20;
  int start_runs = 1;
  bool reuse_db = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Fail(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--register")
      register_path = value();
    else if (arg == "--municipalities")
      municipalities = std::stoi(value());
    else if (arg == "--creates")
      creates = std::stoul(value());
    else if (arg == "--lists")
      lists = std::max(1, std::stoi(value()));
    else if (arg == "--db")
      db_path = value();
    else if (arg == "--db-url")
      db_url = value();
    else if (arg == "--start-runs")
      start_runs = std::max(1, std::stoi(value()));
    else if (arg == "--reuse-db")
      reuse_db = true;
    else {
      std::cerr << "usage: ansvar_service_bench [--register FILE] [--municipalities N] [--creates N] [--lists N] [--db "
                   "FILE] [--db-url URL] [--start-runs N] [--reuse-db]\n";
      return 2;
    }
  }
  const std::string out_dir = std::filesystem::path(bench::DefaultRegisterPath()).parent_path().string();
  std::filesystem::create_directories(out_dir);
  if (db_path.empty()) db_path = out_dir + "/service.db";

  model::Register reg;
  if (!register_path.empty()) {
    auto read = io::ReadRegisterFile(register_path);
    if (!read.reg) Fail(register_path + " is not a usable register:\n" + io::FormatProblems(read.problems));
    reg = std::move(*read.reg);
  } else {
    bench::SyntheticOptions options;
    options.municipalities = municipalities;
    options.regions = 0;
    options.scale = municipalities * 504.0 / 150000.0;  // about 500 systems a municipality, as the national register
    reg = bench::GenerateRegister(options);
  }
  const std::string register_json = io::WriteRegister(reg, false);
  const auto as_of = reg.as_of.value_or(model::Timestamp::StartOf(model::Date::FromYmd(2025, 6, 15)));
  const auto clock = [as_of] { return as_of; };
  const store::Actor actor{"bench", "Benchmark"};

  const bool postgres = !db_url.empty();
  if (postgres && !store::IsPostgresUrl(db_url)) Fail("--db-url takes a postgresql:// URL");
  const auto open_store = [&]() -> std::unique_ptr<store::Store> {
    return postgres ? store::OpenPostgresStore(db_url) : store::OpenSqliteStore(db_path);
  };
  std::optional<bench::PgServerCpu> server;
  if (postgres) server.emplace(db_url);
  const auto server_reading = [&] { return server ? server->Read() : bench::PgServerCpu::Reading(); };
  const auto server_cpu_since = [&](const bench::PgServerCpu::Reading& r) { return server ? server->Since(r) : 0.0; };

  // --reuse-db: a database left by an earlier run with --reuse-db (kept then) is started on as it is, no import.
  // A PostgreSQL database is reused when it holds a register; without --reuse-db it must be empty.
  std::optional<app::RegisterService> service;
  bool reuse = false;
  if (postgres) {
    service.emplace(open_store(), rules::Rulebook::Default(), clock);
    const bool holds = service->Count(app::Kind::kSystem) > 0;
    if (holds && !reuse_db) Fail("the database at --db-url holds a register: give an empty one, or --reuse-db");
    reuse = reuse_db && holds;
  } else {
    reuse = reuse_db && std::filesystem::exists(db_path);
    if (!reuse) RemoveDb(db_path);
  }
  std::string summary = "(reused)";
  double import_s = 0, import_cpu_s = 0, import_server_cpu_s = 0;
  if (!reuse) {
    if (!service) service.emplace(open_store(), rules::Rulebook::Default(), clock);
    const auto server0 = server_reading();
    const double cpu0 = ProcessCpu();
    import_s = Time([&] {
      auto r = service->ImportRegister(register_json, actor);
      if (!r.ok()) Fail("import: " + r.error().detail);
      summary = http::ToJson(r.value());
    });
    import_cpu_s = ProcessCpu() - cpu0;
    import_server_cpu_s = server_cpu_since(server0);  // before the service ends its sessions (their CPU goes with them)
  }
  service.reset();
  // The start, --start-runs times: the fastest wall and CPU time (CPU of all threads; the server's beside), and the
  // CPU of the starting thread: what no other thread takes off the start, the wall time it would take on free cores
  // if the other threads' share ended no later (on this shared machine the wall time mostly measures the others' load).
  double start_s = 0, start_cpu_s = 0, start_thread_cpu_s = 0, start_server_cpu_s = 0;
  for (int run = 0; run < start_runs; ++run) {
    service.reset();
    const auto server0 = server_reading();
    const double cpu0 = ProcessCpu(), thread0 = ThreadCpu();
    const double wall = Time([&] { service.emplace(open_store(), rules::Rulebook::Default(), clock); });
    const double cpu = ProcessCpu() - cpu0, thread = ThreadCpu() - thread0, server_s = server_cpu_since(server0);
    start_s = run == 0 ? wall : std::min(start_s, wall);
    start_cpu_s = run == 0 ? cpu : std::min(start_cpu_s, cpu);
    start_thread_cpu_s = run == 0 ? thread : std::min(start_thread_cpu_s, thread);
    start_server_cpu_s = run == 0 ? server_s : std::min(start_server_cpu_s, server_s);
  }
  // A reused database also holds the systems earlier runs created.
  if (reuse ? service->Count(app::Kind::kSystem) < reg.systems.size()
            : service->Count(app::Kind::kSystem) != reg.systems.size())
    Fail("the database does not hold the register");
  // The findings evaluated at start, as `ansvar serve` does on a thread of its own while it already answers.
  const double prepare_cpu0 = ProcessCpu();
  const double prepare_s = Time([&] { service->PrepareFindings(); });
  const double prepare_cpu_s = ProcessCpu() - prepare_cpu0;

  // Every system with its roles, as GET /api/v1/systems?limit=5000 lists them.
  app::ListQuery all;
  all.limit = app::kMaxPageSize;
  size_t list_bytes = 0;
  const double list_first_s =
      Time([&] { list_bytes = http::ToJson(service->List(app::Kind::kSystem, all).value()).size(); });
  std::vector<double> list_times;
  for (int i = 0; i < lists; ++i)
    list_times.push_back(Time([&] {
      if (http::ToJson(service->List(app::Kind::kSystem, all).value()).size() != list_bytes) Fail("the list changed");
    }));
  const double list_s = Median(list_times);
  // Its baseline: serialising the same systems once (what every list cost before the JSON was kept).
  const size_t listed = std::min(reg.systems.size(), app::kMaxPageSize);
  const double serialise_s = Time([&] {
    size_t bytes = 0;
    for (size_t i = 0; i < listed; ++i) bytes += io::WriteEntity(reg.systems[i]).size();
    if (bytes == 0) Fail("nothing serialised");
  });

  // One system read by id, many times.
  const std::string some_id = reg.systems[reg.systems.size() / 2].id.str();
  const size_t gets = 10000;
  const double get_s = Time([&] {
    for (size_t i = 0; i < gets; ++i)
      if (!service->Get(app::Kind::kSystem, some_id).ok()) Fail("get");
  });

  // One client creating systems one by one: copies of the register's systems under new ids.
  // Ids new to a reused database too.
  const std::string run_prefix =
      "bench-new-" + std::to_string(Clock::now().time_since_epoch().count() % 1000000000) + "-";
  std::vector<std::string> bodies;
  size_t body_bytes = 0;
  for (size_t i = 0; i < creates; ++i) {
    auto s = reg.systems[i % reg.systems.size()];
    s.id = model::SystemId(run_prefix + std::to_string(i));
    s.name += " (ny)";
    bodies.push_back(io::WriteEntity(s));
    body_bytes += bodies.back().size();
  }
  const double create_cpu0 = ProcessCpu();
  const double create_s = Time([&] {
    for (const auto& body : bodies) {
      auto r = service->Create(app::Kind::kSystem, body, actor);
      if (!r.ok()) Fail("create: " + r.error().detail);
    }
  });
  const double create_cpu = ProcessCpu() - create_cpu0;
  // The findings after a write (GET /api/v1/findings?limit=100).
  app::FindingsQuery fq;
  fq.limit = 100;
  const double findings_cpu0 = ProcessCpu();
  const double findings_s = Time([&] {
    if (!service->Findings(fq).ok()) Fail("findings");
  });
  const double findings_cpu_s = ProcessCpu() - findings_cpu0;
  const double findings_again_s = Time([&] {
    if (!service->Findings(fq).ok()) Fail("findings");
  });
  service.reset();
  if (!reuse_db && !postgres) RemoveDb(db_path);
  const double commits_cpu0 = ProcessCpu();
  const size_t row_bytes = creates ? body_bytes / creates : 0;
  const double commits_s = postgres ? bench::PgCommits(db_url, creates, row_bytes)
                                    : SqliteCommits(db_path + ".baseline", creates, row_bytes);
  const double commits_cpu = ProcessCpu() - commits_cpu0;

  const double mb = static_cast<double>(register_json.size()) / 1e6;
  std::printf("systems=%zu\nregister_mb=%.1f\nimport_summary=%s\n", reg.systems.size(), mb, summary.c_str());
  std::printf("backend=%s\nimport_cpu_s=%.3f\nstart_cpu_s=%.3f\nstart_thread_cpu_s=%.3f\n",
              postgres ? "postgres" : "sqlite", import_cpu_s, start_cpu_s, start_thread_cpu_s);
  if (postgres)
    std::printf("import_server_cpu_s=%.3f\nstart_server_cpu_s=%.3f\n", import_server_cpu_s, start_server_cpu_s);
  std::printf("import_s=%.3f\nstart_s=%.3f\nlist_first_ms=%.2f\nlist_ms=%.2f\nlist_kb=%.0f\nserialise_ms=%.2f\n",
              import_s, start_s, list_first_s * 1e3, list_s * 1e3, static_cast<double>(list_bytes) / 1e3,
              serialise_s * 1e3);
  std::printf("get_us=%.1f\ncreates=%zu\ncreates_per_s=%.0f\nbaseline_%s_commits_per_s=%.0f\n", get_s / gets * 1e6,
              creates, static_cast<double>(creates) / create_s, postgres ? "postgres" : "sqlite",
              static_cast<double>(creates) / commits_s);
  std::printf("create_cpu_us=%.0f\nbaseline_commit_cpu_us=%.0f\n", create_cpu / static_cast<double>(creates) * 1e6,
              commits_cpu / static_cast<double>(creates) * 1e6);
  std::printf("findings_after_write_ms=%.1f\nfindings_after_write_cpu_ms=%.1f\nfindings_cached_ms=%.2f\n",
              findings_s * 1e3, findings_cpu_s * 1e3, findings_again_s * 1e3);
  std::printf("findings_at_start_ms=%.1f\nfindings_at_start_cpu_ms=%.1f\n", prepare_s * 1e3, prepare_cpu_s * 1e3);

  const auto yes = [](bool b) { return std::string(b ? "yes" : "no"); };
  const double per_commit = commits_s / static_cast<double>(std::max<size_t>(creates, 1));
  const char* commit_row = postgres ? "baseline: PostgreSQL commit of 1 row" : "baseline: SQLite commit of one row";
  std::vector<Row> rows = {
      {commit_row, per_commit, Rate(1, per_commit, "commits/s"), "", 0, "", ""},
      {"baseline: serialise the systems", serialise_s, Rate(static_cast<double>(listed), serialise_s, "systems/s"), "",
       0, "", ""},
      {"import (whole register)", import_s, Rate(mb, import_s, "MB/s"), "commit of one row", import_s / per_commit,
       postgres ? "< 15 s" : "< 10 s", reuse ? "" : yes(import_s < (postgres ? 15 : 10))},
      {"  import, CPU of all threads", import_cpu_s, Rate(mb, import_cpu_s, "MB/s"), "", 0, "", ""},
      {"start on the database", start_s, Rate(mb, start_s, "MB/s"), "commit of one row", start_s / per_commit, "< 2 s",
       yes(start_s < 2)},
      {"  start, CPU of all threads", start_cpu_s, Rate(mb, start_cpu_s, "MB/s"), "", 0, "", ""},
      {"  start, CPU of the starting thread", start_thread_cpu_s, Rate(mb, start_thread_cpu_s, "MB/s"), "", 0, "", ""},
      {"findings at start (background)", prepare_s, "", "commit of one row", prepare_s / per_commit, "< 1 s",
       yes(prepare_s < 1)},
      {"  findings at start, CPU", prepare_cpu_s, "", "", 0, "", ""},
      {"list every system (first)", list_first_s, Rate(static_cast<double>(listed), list_first_s, "systems/s"),
       "serialise", list_first_s / serialise_s, "", ""},
      {"list every system (median)", list_s, Rate(static_cast<double>(listed), list_s, "systems/s"), "serialise",
       list_s / serialise_s, "< 20 ms", yes(list_s < 0.020)},
      {"get one system", get_s / gets, Rate(gets, get_s, "gets/s"), "commit of one row", get_s / gets / per_commit, "",
       ""},
      {"create one system", create_s / static_cast<double>(creates),
       Rate(static_cast<double>(creates), create_s, "creates/s"), "commit of one row",
       create_s / static_cast<double>(creates) / per_commit, ">= 1000/s",
       yes(static_cast<double>(creates) / create_s >= 1000)},
      {"findings after a write", findings_s, "", "commit of one row", findings_s / per_commit, "< 1 s",
       yes(findings_s < 1)},
      {"  findings after a write, CPU", findings_cpu_s, "", "", 0, "", ""},
  };
  if (postgres) {  // the server's CPU, beside the bench's (the server does the COPY's parsing, indexes, WAL)
    rows.insert(rows.begin() + 4, {"  import, CPU of the server", import_server_cpu_s,
                                   Rate(mb, import_server_cpu_s, "MB/s"), "", 0, "", ""});
    rows.insert(rows.begin() + 7, {"  start, CPU of the server", start_server_cpu_s,
                                   Rate(mb, start_server_cpu_s, "MB/s"), "", 0, "", ""});
  }
  std::printf("\n%-36s %10s %16s %-20s %11s %-10s %s\n", "phase", "wall_s", "rate", "baseline", "x_baseline", "target",
              "met");
  for (const auto& r : rows) {
    char ratio[32] = "";
    if (r.ratio > 0) std::snprintf(ratio, sizeof ratio, "%.2f", r.ratio);
    std::printf("%-36s %10.5f %16s %-20s %11s %-10s %s\n", r.what.c_str(), r.seconds, r.rate.c_str(),
                r.baseline.c_str(), ratio, r.target.c_str(), r.met.c_str());
  }
  return 0;
}
