#pragma once
// A thin RAII layer over the SQLite C API: a connection, prepared statements (cached by their SQL text), and a
// transaction guard. Every SQLite error becomes a SqliteError, a StoreError that remembers SQLite's extended code,
// so the store can tell a foreign-key failure from an I/O error. Internal to store/sqlite/.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "store/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ansvar::store::sqlite {

class SqliteError : public StoreError {
 public:
  SqliteError(int code, const std::string& message, std::string detail)
      : StoreError(message), code_(code), detail_(std::move(detail)) {}
  [[nodiscard]] int code() const { return code_; }                     // extended result code
  [[nodiscard]] const std::string& detail() const { return detail_; }  // SQLite's own message
  [[nodiscard]] bool IsForeignKey() const;
  [[nodiscard]] bool IsConstraint() const;

 private:
  int code_;
  std::string detail_;
};

class Db;
class Query;

// A prepared statement. Bind with 1-based indexes; Step() returns true while there is a row.
class Stmt {
 public:
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, bool v) { return Bind(i, static_cast<int64_t>(v ? 1 : 0)); }
  Stmt& Bind(int i, std::string_view v);  // copied (SQLITE_TRANSIENT)
  // Not copied (SQLITE_STATIC): `v` must stay valid until the statement has run; Run() and Reset() then clear the
  // bindings, so that no binding outlives what it points to.
  Stmt& BindStatic(int i, std::string_view v);
  Stmt& BindBlobStatic(int i, std::string_view v);  // as BindStatic, the bytes stored as a BLOB
  Stmt& Bind(int i, const char* v) = delete;
  Stmt& BindNull(int i);
  template <class T>
  Stmt& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  bool Step();
  void Run();  // steps a statement that returns no rows
  void Reset();

  [[nodiscard]] bool IsNull(int col) const;
  [[nodiscard]] bool IsBlob(int col) const;  // before Text(col), which converts the value
  [[nodiscard]] int64_t Int(int col) const;
  [[nodiscard]] bool Bool(int col) const { return Int(col) != 0; }
  [[nodiscard]] std::string_view Text(int col) const;  // valid until the next step
  [[nodiscard]] std::string Str(int col) const { return std::string(Text(col)); }
  [[nodiscard]] std::optional<std::string> OptStr(int col) const;
  [[nodiscard]] std::optional<int64_t> OptInt(int col) const;
  [[nodiscard]] const std::string& sql() const { return sql_; }

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
  bool static_bound_ = false;  // a BindStatic since the last run: clear the bindings after it
};

// A connection, not copyable (it owns the handle and its statements).
class Db {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  explicit Db(const std::string& path, Mode mode = Mode::kReadWrite);
  ~Db();

  void Exec(std::string_view sql);  // one or more statements, no results
  // A cached prepared statement for `sql` (prepared on first use, reused after).
  Query Prepare(std::string_view sql);
  // The cached statement itself, for a caller that keeps it (and leaves it reset after each use).
  Stmt& Cached(std::string_view sql);
  // The first column of the first row of a statement run once, uncached.
  std::optional<std::string> QueryText(std::string_view sql);
  std::optional<int64_t> QueryInt(std::string_view sql);

  [[nodiscard]] bool InTransaction() const;
  [[nodiscard]] sqlite3* handle() const { return db_; }
  [[noreturn]] void Fail(int code, std::string_view context) const;

 private:
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Stmt>> cache_;
};

// A use of a cached statement: reset (and its bindings cleared) when the use ends.
class Query {
 public:
  explicit Query(Stmt& s) : s_(&s) {}
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Stmt* operator->() const { return s_; }
  Stmt& operator*() const { return *s_; }

 private:
  Stmt* s_;
};

// BEGIN IMMEDIATE (or the given BEGIN) now; ROLLBACK unless Commit() ran.
class Transaction {
 public:
  explicit Transaction(Db& db, std::string_view begin = "BEGIN IMMEDIATE");
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();  // on failure the transaction stays open (SQLite keeps it after a deferred FK failure)
  void Rollback() noexcept;

 private:
  Db& db_;
  bool open_ = true;
};

}  // namespace ansvar::store::sqlite
