#include "store/postgres/pg_conn.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace ansvar::store::postgres {
namespace {

std::string Field(const PGresult* r, int code) {
  const char* v = r ? PQresultErrorField(r, code) : nullptr;
  return v ? v : "";
}

// A NUL byte cannot be stored in a PostgreSQL text value (and would cut a text parameter short).
void RefuseNul(std::string_view v) {
  if (v.find('\0') != std::string_view::npos)
    throw PgError("postgres: a text value holds a NUL character, which PostgreSQL cannot store", "22021",
                  "a text value holds a NUL character", "", "", false);
}

}  // namespace

// ---- Params ----

Params& Params::Add(std::string_view v) {
  RefuseNul(v);
  values_.emplace_back(std::string(v));
  return *this;
}
Params& Params::Add(int64_t v) {
  values_.emplace_back(std::to_string(v));
  return *this;
}
Params& Params::AddNull() {
  values_.emplace_back(std::nullopt);
  return *this;
}
std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

// ---- Result ----

Result::~Result() {
  if (r_) PQclear(r_);
}
Result& Result::operator=(Result&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}
int Result::Rows() const { return r_ ? PQntuples(r_) : 0; }
bool Result::IsNull(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
std::string_view Result::Text(int row, int col) const {
  return {PQgetvalue(r_, row, col), static_cast<size_t>(PQgetlength(r_, row, col))};
}
int64_t Result::Int(int row, int col) const {
  const std::string_view t = Text(row, col);
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size())
    throw StoreError("postgres: expected an integer, got \"" + std::string(t) + "\"");
  return v;
}

// ---- Conn ----

Conn::Conn(const std::string& url) {
  // Defaults first: what the URL says overrides them (expand_dbname).
  const char* keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname", nullptr};
  const char* values[] = {"10", "ansvar", "UTF8", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("postgres: cannot connect: " + msg, "08001", msg, "", "", true);
  }
}

Conn::~Conn() {
  if (conn_) PQfinish(conn_);
}

bool Conn::Broken() const { return broken_ || conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

void Conn::Fail(PGresult* r, std::string_view context) {
  const std::string sqlstate = Field(r, PG_DIAG_SQLSTATE);
  std::string primary = Field(r, PG_DIAG_MESSAGE_PRIMARY);
  if (primary.empty()) {
    primary = PQerrorMessage(conn_);
    while (!primary.empty() && (primary.back() == '\n' || primary.back() == ' ')) primary.pop_back();
  }
  std::string detail = primary;
  if (const std::string d = Field(r, PG_DIAG_MESSAGE_DETAIL); !d.empty()) detail += " (" + d + ")";
  const bool lost = PQstatus(conn_) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate == "57P01" ||
                    sqlstate == "57P02" || sqlstate == "57P03";
  if (lost) broken_ = true;
  std::string table = Field(r, PG_DIAG_TABLE_NAME), constraint = Field(r, PG_DIAG_CONSTRAINT_NAME);
  if (r) PQclear(r);
  std::string message = "postgres: " + detail;
  if (!context.empty()) message += " [" + std::string(context.substr(0, 120)) + "]";
  throw PgError(message, sqlstate, detail, std::move(table), std::move(constraint), lost);
}

Result Conn::Check(PGresult* r, std::string_view context, int expected) {
  const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (r && (status == expected || status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) return Result(r);
  Fail(r, context);
}

Result Conn::Exec(std::string_view sql) {
  const std::string s(sql);
  PGresult* r = PQexec(conn_, s.c_str());
  // PQexec returns the last result of several statements; an error stops at the failing one.
  return Check(r, sql, PGRES_COMMAND_OK);
}

Result Conn::Run(const std::string& sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    Check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), sql, PGRES_COMMAND_OK);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  const auto pointers = params.Pointers();
  PGresult* r = PQexecPrepared(conn_, it->second.c_str(), params.size(), pointers.data(), nullptr, nullptr, 0);
  return Check(r, sql, PGRES_COMMAND_OK);
}

void Conn::CopyIn(const std::string& copy_sql, std::string_view data) {
  CopyStart(copy_sql);
  CopyPut(data);
  CopyEnd(copy_sql, data);
}

void Conn::CopyStart(const std::string& copy_sql) {
  PGresult* r = PQexec(conn_, copy_sql.c_str());
  if (!r || PQresultStatus(r) != PGRES_COPY_IN) Fail(r, copy_sql);
  PQclear(r);
  copy_sent_ = true;
}

void Conn::CopyPut(std::string_view data) {
  constexpr size_t kChunk = 1 << 20;
  for (size_t i = 0; i < data.size() && copy_sent_; i += kChunk) {
    const size_t n = std::min(kChunk, data.size() - i);
    copy_sent_ = PQputCopyData(conn_, data.data() + i, static_cast<int>(n)) == 1;
  }
}

void Conn::CopyAbort() {
  if (PQputCopyEnd(conn_, "abandoned by the client") == 1)
    while (PGresult* res = PQgetResult(conn_)) PQclear(res);
  else
    broken_ = true;
}

void Conn::CopyEnd(const std::string& copy_sql, std::string_view data) {
  if (PQputCopyEnd(conn_, copy_sent_ ? nullptr : "client failed to send") != 1) Fail(nullptr, copy_sql);
  Result last;
  while (PGresult* res = PQgetResult(conn_)) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
      // Drain what follows, then report the COPY's error with the row it stopped at ("COPY units, line 5").
      while (PGresult* more = PQgetResult(conn_)) PQclear(more);
      const std::string context = Field(res, PG_DIAG_CONTEXT);
      try {
        Fail(res, copy_sql);
      } catch (PgError& e) {
        if (const auto at = context.find(", line "); at != std::string::npos) {
          const long line = std::strtol(context.c_str() + at + 7, nullptr, 10);
          size_t begin = 0;
          for (long n = 1; n < line && begin != std::string_view::npos; ++n) {
            begin = data.find('\n', begin);
            if (begin != std::string_view::npos) ++begin;
          }
          if (line >= 1 && begin != std::string_view::npos && begin < data.size()) {
            const size_t end = data.find_first_of("\t\n", begin);
            e.set_copy_row_key(std::string(data.substr(begin, end == std::string_view::npos ? end : end - begin)));
          }
        }
        throw;
      }
    }
    last = Result(res);
  }
  if (PQstatus(conn_) != CONNECTION_OK) Fail(nullptr, copy_sql);
}

void Conn::Send(const std::string& sql) {
  if (PQsendQuery(conn_, sql.c_str()) != 1) Fail(nullptr, sql);
}

Result Conn::Receive(std::string_view context) {
  PGresult* first = PQgetResult(conn_);
  // The rest (none for one statement) is read so that the connection is ready for the next command.
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
  return Check(first, context, PGRES_TUPLES_OK);
}

// ---- Pool ----

Pool::Pool(std::string url, size_t max_connections)
    : url_(std::move(url)), max_(std::max<size_t>(1, max_connections)) {}

Pool::Lease::~Lease() {
  if (pool_ && conn_) pool_->Release(std::move(conn_));
}

Pool::Lease Pool::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
  return Take(lock);
}

std::optional<Pool::Lease> Pool::TryAcquire() {
  std::unique_lock lock(mu_);
  if (idle_.empty() && open_ >= max_) return std::nullopt;
  return Take(lock);
}

// An idle connection, else a new one (with `lock` held and one of them possible; the connecting is done unlocked).
Pool::Lease Pool::Take(std::unique_lock<std::mutex>& lock) {
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<Conn>(url_));
  } catch (...) {
    lock.lock();
    --open_;
    cv_.notify_one();
    throw;
  }
}

void Pool::Release(std::unique_ptr<Conn> conn) {
  std::lock_guard lock(mu_);
  if (conn->Broken()) {
    --open_;
    conn.reset();
  } else {
    idle_.push_back(std::move(conn));
  }
  cv_.notify_one();
}

void Pool::DropIdle() {
  std::lock_guard lock(mu_);
  open_ -= idle_.size();
  idle_.clear();
  cv_.notify_all();
}

// ---- COPY text format ----

void CopyBuffer::Raw(std::string_view v) {
  if (!first_) data_ += '\t';
  first_ = false;
  data_ += v;
}

void CopyBuffer::Text(std::string_view v) {
  RefuseNul(v);
  if (!first_) data_ += '\t';
  first_ = false;
  // Runs without a character to escape are appended whole (a national import's audit images are 520 MB of JSON,
  // which rarely holds one).
  size_t run = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c != '\\' && c != '\t' && c != '\n' && c != '\r') continue;
    data_.append(v.data() + run, i - run);
    data_ += '\\';
    data_ += c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
    run = i + 1;
  }
  data_.append(v.data() + run, v.size() - run);
}

void CopyBuffer::Null() { Raw("\\N"); }
void CopyBuffer::Int(int64_t v) { Raw(std::to_string(v)); }
void CopyBuffer::EndRow() {
  data_ += '\n';
  first_ = true;
  ++rows_;
}

std::string QuoteIdent(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace ansvar::store::postgres
