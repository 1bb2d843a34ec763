#pragma once
// The service bench's PostgreSQL side (ansvar_service_bench --db-url): the baseline of a write on the same server,
// and the server's CPU, which a client-side clock does not see (COPY parsing, index builds and WAL are spent in
// the server's processes, not in the bench's).
#include <cstddef>
#include <map>
#include <string>

namespace ansvar::bench {

// One client's commits: `n` transactions, each one INSERT of one row of `bytes` of text into a table of its own
// (created and dropped here): what the server gives one client over this connection. Seconds of wall time.
double PgCommits(const std::string& url, size_t n, size_t bytes);

// The server's processes, found from a session of it: the postmaster and its children (backends, checkpointer,
// WAL writer, autovacuum), which must run on this machine (a server on 127.0.0.1).
class PgServerCpu {
 public:
  explicit PgServerCpu(const std::string& url);
  // User + system CPU seconds of each of the server's processes alive now, by process id.
  using Reading = std::map<int, double>;
  [[nodiscard]] Reading Read() const;
  // The CPU the server's processes spent since `before`: per process, so that one that ended meanwhile takes its
  // seconds out of neither reading (those it spent in between are lost: a lower bound).
  [[nodiscard]] double Since(const Reading& before) const;
  [[nodiscard]] bool Known() const { return postmaster_ > 0; }

 private:
  int postmaster_ = 0;
};

}  // namespace ansvar::bench
