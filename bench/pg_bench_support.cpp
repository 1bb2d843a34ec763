#include "pg_bench_support.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>
#include <vector>

namespace ansvar::bench {
namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::cerr << "ansvar_service_bench: " << what << "\n";
  std::exit(1);
}

PGconn* Connect(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) Fail("postgres: cannot connect: " + std::string(PQerrorMessage(c)));
  return c;
}

void Exec(PGconn* c, const char* sql) {
  PGresult* r = PQexec(c, sql);
  const auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    Fail(std::string("postgres: ") + sql + ": " + PQerrorMessage(c));
  PQclear(r);
}

// Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses): [0] is the state,
// [1] the parent, [11] and [12] the user and system time in clock ticks.
bool StatFields(int pid, std::vector<std::string>& fields) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(line.substr(close + 1));
  fields.clear();
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields.size() > 12;
}

}  // namespace

double PgCommits(const std::string& url, size_t n, size_t bytes) {
  PGconn* c = Connect(url);
  Exec(c,
       "DROP TABLE IF EXISTS ansvar_bench_commits; CREATE TABLE ansvar_bench_commits (id TEXT PRIMARY KEY, json TEXT)");
  const std::string text(bytes, 'x');
  PGresult* prep = PQprepare(c, "insert", "INSERT INTO ansvar_bench_commits VALUES ($1, $2)", 2, nullptr);
  if (PQresultStatus(prep) != PGRES_COMMAND_OK) Fail("postgres: prepare: " + std::string(PQerrorMessage(c)));
  PQclear(prep);
  const auto t0 = std::chrono::steady_clock::now();
  for (size_t i = 0; i < n; ++i) {
    // BEGIN, INSERT, COMMIT as three round trips, as the store writes (it reads inside its transactions too).
    Exec(c, "BEGIN");
    const std::string id = "row-" + std::to_string(i);
    const char* values[] = {id.c_str(), text.c_str()};
    PGresult* r = PQexecPrepared(c, "insert", 2, values, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Fail("postgres: insert: " + std::string(PQerrorMessage(c)));
    PQclear(r);
    Exec(c, "COMMIT");
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Exec(c, "DROP TABLE ansvar_bench_commits");
  PQfinish(c);
  return s;
}

PgServerCpu::PgServerCpu(const std::string& url) {
  PGconn* c = Connect(url);
  PGresult* r = PQexec(c, "SELECT pg_backend_pid()");
  const int backend = PQresultStatus(r) == PGRES_TUPLES_OK ? std::atoi(PQgetvalue(r, 0, 0)) : 0;
  PQclear(r);
  std::vector<std::string> fields;
  if (backend > 0 && StatFields(backend, fields)) postmaster_ = std::atoi(fields[1].c_str());
  PQfinish(c);
}

PgServerCpu::Reading PgServerCpu::Read() const {
  Reading out;
  if (postmaster_ <= 0) return out;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  std::vector<std::string> fields;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const int pid = std::atoi(name.c_str());
    if (!StatFields(pid, fields)) continue;
    if (pid != postmaster_ && std::atoi(fields[1].c_str()) != postmaster_) continue;
    out[pid] = (std::strtod(fields[11].c_str(), nullptr) + std::strtod(fields[12].c_str(), nullptr)) / tick;
  }
  return out;
}

double PgServerCpu::Since(const Reading& before) const {
  double total = 0;
  for (const auto& [pid, seconds] : Read()) {
    const auto it = before.find(pid);
    total += seconds - (it == before.end() ? 0.0 : std::min(it->second, seconds));
  }
  return total;
}

}  // namespace ansvar::bench
