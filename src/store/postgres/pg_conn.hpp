#pragma once
// A thin RAII layer over libpq: a connection with its prepared statements, results, COPY FROM STDIN, and a small
// pool. Every libpq failure becomes a PgError, a StoreError that keeps PostgreSQL's SQLSTATE and diagnostic fields
// and says whether the connection was lost (so the store can reconnect and retry what cannot have committed).
// Internal to store/postgres/.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.hpp"

struct pg_conn;
struct pg_result;

namespace ansvar::store::postgres {

class PgError : public StoreError {
 public:
  PgError(const std::string& message, std::string sqlstate, std::string detail, std::string table,
          std::string constraint, bool connection_lost)
      : StoreError(message),
        sqlstate_(std::move(sqlstate)),
        detail_(std::move(detail)),
        table_(std::move(table)),
        constraint_(std::move(constraint)),
        connection_lost_(connection_lost) {}
  [[nodiscard]] const std::string& sqlstate() const { return sqlstate_; }
  [[nodiscard]] const std::string& detail() const { return detail_; }  // the primary message and its DETAIL
  [[nodiscard]] const std::string& table() const { return table_; }
  [[nodiscard]] const std::string& constraint() const { return constraint_; }
  [[nodiscard]] bool connection_lost() const { return connection_lost_; }
  [[nodiscard]] bool IsConstraint() const { return sqlstate_.starts_with("23"); }  // integrity_constraint_violation
  [[nodiscard]] bool IsForeignKey() const { return sqlstate_ == "23503"; }
  // Bad data rather than a failing backend: a constraint (class 23) or a value PostgreSQL refuses (class 22).
  [[nodiscard]] bool IsData() const { return IsConstraint() || sqlstate_.starts_with("22"); }
  // For an error of COPY FROM STDIN: the first field of the row it stopped at (the owning entity's id).
  [[nodiscard]] const std::string& copy_row_key() const { return copy_row_key_; }
  void set_copy_row_key(std::string key) { copy_row_key_ = std::move(key); }
  // The server rolled the transaction back and a new attempt may succeed: the connection went (the server
  // restarted), a deadlock was broken, or a serialisation failed.
  [[nodiscard]] bool Retryable() const {
    return connection_lost_ || sqlstate_ == "40001" || sqlstate_ == "40P01" || sqlstate_.starts_with("08") ||
           sqlstate_ == "57P01" || sqlstate_ == "57P02" || sqlstate_ == "57P03";
  }

 private:
  std::string sqlstate_, detail_, table_, constraint_, copy_row_key_;
  bool connection_lost_;
};

// Text parameters for a statement ($1, $2, …); NULL where a value is absent.
class Params {
 public:
  Params& Add(std::string_view v);
  Params& Add(const std::string& v) { return Add(std::string_view(v)); }
  Params& Add(const char* v) = delete;
  Params& Add(int64_t v);
  Params& Add(int v) { return Add(static_cast<int64_t>(v)); }
  Params& Add(bool v) { return Add(std::string_view(v ? "t" : "f")); }
  Params& AddNull();
  template <class T>
  Params& Add(const std::optional<T>& v) {
    return v ? Add(*v) : AddNull();
  }
  [[nodiscard]] int size() const { return static_cast<int>(values_.size()); }
  [[nodiscard]] std::vector<const char*> Pointers() const;

 private:
  std::vector<std::optional<std::string>> values_;
};

// A result; text format. Rows and columns from 0.
class Result {
 public:
  explicit Result(pg_result* r = nullptr) : r_(r) {}
  ~Result();
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&& o) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  [[nodiscard]] int Rows() const;
  [[nodiscard]] bool IsNull(int row, int col) const;
  [[nodiscard]] std::string_view Text(int row, int col) const;
  [[nodiscard]] int64_t Int(int row, int col) const;  // throws StoreError when the text is not an integer

 private:
  pg_result* r_;
};

class Conn {
 public:
  // Connects; throws PgError (connection_lost) when the server cannot be reached.
  explicit Conn(const std::string& url);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // One or more statements without parameters.
  Result Exec(std::string_view sql);
  // One statement with parameters, prepared on this connection on first use and reused after.
  Result Run(const std::string& sql, const Params& params);
  Result Run(const std::string& sql) { return Run(sql, Params()); }
  // COPY … FROM STDIN with `data` in COPY's text format.
  void CopyIn(const std::string& copy_sql, std::string_view data);
  // The same in pieces (CopyStream): CopyStart, CopyPut as each piece is made (the server parses one while the
  // next is formatted), CopyEnd. `sent`, when given, is all that was sent: an error's row is looked up in it.
  void CopyStart(const std::string& copy_sql);
  void CopyPut(std::string_view data);
  void CopyEnd(const std::string& copy_sql, std::string_view sent = {});
  // Ends a COPY that is abandoned (an exception on the way): the server rolls it back with the transaction.
  void CopyAbort();
  // A query sent without waiting for its result (Send), and its result awaited later (Receive): what the server
  // does in between overlaps with what the client does.
  void Send(const std::string& sql);
  Result Receive(std::string_view context);

  [[nodiscard]] bool Broken() const;
  // The last statement failed in a way that leaves the session unusable for the pool (it is discarded).
  void MarkBroken() { broken_ = true; }

 private:
  [[noreturn]] void Fail(pg_result* r, std::string_view context);
  Result Check(pg_result* r, std::string_view context, int expected);

  pg_conn* conn_ = nullptr;
  bool broken_ = false;
  bool copy_sent_ = true;                                  // every CopyPut of the open COPY reached libpq
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

// A few connections shared by the store's callers. A connection goes back to the pool when its lease ends, unless
// it broke (then the next lease connects anew: how the store reconnects after the server restarted).
class Pool {
 public:
  Pool(std::string url, size_t max_connections);

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Conn> conn) : pool_(&pool), conn_(std::move(conn)) {}
    ~Lease();
    Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(std::move(o.conn_)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    Conn* operator->() const { return conn_.get(); }
    Conn& operator*() const { return *conn_; }

   private:
    Pool* pool_;
    std::unique_ptr<Conn> conn_;
  };

  Lease Acquire();
  // A connection if one is idle or may be opened now, else none (never waits for another lease to come back).
  std::optional<Lease> TryAcquire();
  // After a lost connection: the idle ones went with the same server, so they are closed too.
  void DropIdle();

 private:
  Lease Take(std::unique_lock<std::mutex>& lock);
  void Release(std::unique_ptr<Conn> conn);

  std::string url_;
  size_t max_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;
  size_t open_ = 0;
};

// Appends a value to a COPY text-format row: tab between fields, "\N" for NULL, backslash escapes.
class CopyBuffer {
 public:
  void Text(std::string_view v);
  void Null();
  void Int(int64_t v);
  void Bool(bool v) { Raw(v ? "t" : "f"); }
  void EndRow();
  [[nodiscard]] const std::string& data() const { return data_; }
  [[nodiscard]] size_t rows() const { return rows_; }
  void Clear() {
    data_.clear();
    rows_ = 0;
    first_ = true;
  }

 private:
  void Raw(std::string_view v);
  std::string data_;
  size_t rows_ = 0;
  bool first_ = true;
};

// Quotes an identifier for SQL ("a""b").
std::string QuoteIdent(std::string_view name);

}  // namespace ansvar::store::postgres
