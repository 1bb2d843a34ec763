#include "store/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <climits>

#include "store/sqlite/wal_writes.hpp"

namespace ansvar::store::sqlite {

bool SqliteError::IsForeignKey() const { return code_ == SQLITE_CONSTRAINT_FOREIGNKEY; }
bool SqliteError::IsConstraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

// ---- Db ----

Db::Db(const std::string& path, Mode mode) {
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, WalBatchingVfs());
  if (rc != SQLITE_OK) {
    std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "sqlite: cannot open \"" + path + "\": " + detail, detail);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() {
  cache_.clear();  // statements are finalised before the connection closes
  sqlite3_close(db_);
}

namespace {
std::string Context(std::string_view sql) {
  const size_t end = std::min<size_t>(sql.find('\n'), 120);
  return std::string(sql.substr(0, end)) + (end < sql.size() ? " …" : "");
}
}  // namespace

void Db::Fail(int code, std::string_view context) const {
  const int ext = sqlite3_extended_errcode(db_);
  std::string detail = sqlite3_errmsg(db_);
  throw SqliteError(ext ? ext : code, "sqlite: " + detail + " (in: " + Context(context) + ")", detail);
}

void Db::Exec(std::string_view sql) {
  const std::string text(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string detail = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    const int ext = sqlite3_extended_errcode(db_);
    throw SqliteError(ext ? ext : rc, "sqlite: " + detail + " (in: " + Context(sql) + ")", detail);
  }
}

Stmt& Db::Cached(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) it = cache_.emplace(std::string(sql), std::make_unique<Stmt>(*this, sql)).first;
  return *it->second;
}

Query Db::Prepare(std::string_view sql) { return Query(Cached(sql)); }

std::optional<std::string> Db::QueryText(std::string_view sql) {
  Stmt s(*this, sql);
  if (!s.Step()) return std::nullopt;
  return s.OptStr(0);
}

std::optional<int64_t> Db::QueryInt(std::string_view sql) {
  Stmt s(*this, sql);
  if (!s.Step()) return std::nullopt;
  return s.OptInt(0);
}

bool Db::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// ---- Stmt ----

Stmt::Stmt(Db& db, std::string_view sql) : db_(db), sql_(sql) {
  if (sql.size() > INT_MAX) throw StoreError("sqlite: statement too long");
  const int rc = sqlite3_prepare_v3(db_.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt_, nullptr);
  if (rc != SQLITE_OK) db_.Fail(rc, sql_);
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::Bind(int i, int64_t v) {
  const int rc = sqlite3_bind_int64(stmt_, i, v);
  if (rc != SQLITE_OK) db_.Fail(rc, sql_);
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view v) {
  const int rc = sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.Fail(rc, sql_);
  return *this;
}

Stmt& Stmt::BindStatic(int i, std::string_view v) {
  const int rc = sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.Fail(rc, sql_);
  static_bound_ = true;
  return *this;
}

Stmt& Stmt::BindBlobStatic(int i, std::string_view v) {
  const int rc = sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_STATIC);
  if (rc != SQLITE_OK) db_.Fail(rc, sql_);
  static_bound_ = true;
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  const int rc = sqlite3_bind_null(stmt_, i);
  if (rc != SQLITE_OK) db_.Fail(rc, sql_);
  return *this;
}

bool Stmt::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // The error is read before the reset, which leaves the statement holding no lock.
  const int ext = sqlite3_extended_errcode(db_.handle());
  std::string detail = sqlite3_errmsg(db_.handle());
  sqlite3_reset(stmt_);
  throw SqliteError(ext ? ext : rc, "sqlite: " + detail + " (in: " + Context(sql_) + ")", detail);
}

void Stmt::Run() {
  try {
    while (Step()) {
    }
  } catch (...) {
    if (static_bound_) Reset();
    throw;
  }
  sqlite3_reset(stmt_);  // keeps copied bindings: a bulk insert rebinds every parameter of the next row anyway
  if (static_bound_) {   // but not those that point into the caller's memory
    sqlite3_clear_bindings(stmt_);
    static_bound_ = false;
  }
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  static_bound_ = false;
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

bool Stmt::IsBlob(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_BLOB; }

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string_view Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  const int n = sqlite3_column_bytes(stmt_, col);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): SQLite returns UTF-8 as unsigned char
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(n)};
}

std::optional<std::string> Stmt::OptStr(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Str(col);
}

std::optional<int64_t> Stmt::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

// ---- Query ----

Query::~Query() { s_->Reset(); }

// ---- Transaction ----

Transaction::Transaction(Db& db, std::string_view begin) : db_(db) { db_.Exec(begin); }

Transaction::~Transaction() { Rollback(); }

void Transaction::Commit() {
  db_.Exec("COMMIT");
  open_ = false;
}

void Transaction::Rollback() noexcept {
  if (!open_) return;
  open_ = false;
  // A failed statement may already have rolled the transaction back (SQLITE_FULL, SQLITE_IOERR, …).
  if (db_.InTransaction()) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace ansvar::store::sqlite
