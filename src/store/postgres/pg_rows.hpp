#pragma once
// PostgreSQL's side of the one row mapping (store/rows/): result rows read through a cursor as a RowSource, and
// rows written as INSERTs (a few entities, in Apply) or as COPY data (a whole register). Internal to
// store/postgres/.
#include <array>
#include <functional>
#include <string>

#include "store/postgres/pg_conn.hpp"
#include "store/rows/row_cursor.hpp"
#include "store/rows/row_sink.hpp"

namespace ansvar::store::postgres {

// Runs `sql` (a SELECT) through a cursor in the open transaction, `batch` rows at a time: a national register's
// tables do not need to fit in one result. The next batch is asked for before this one is handed to `row`, so
// that the server reads it meanwhile.
void ForEachRow(Conn& conn, const std::string& sql, const std::function<void(const Result&, int)>& row,
                int batch = 50000);

// A row of a text-format result.
class PgCursor final : public rows::RowCursor {
 public:
  PgCursor(const Result& r, int row) : r_(r), row_(row) {}
  [[nodiscard]] bool IsNull(int col) const override { return r_.IsNull(row_, col); }
  [[nodiscard]] std::string_view Text(int col) const override { return r_.Text(row_, col); }
  [[nodiscard]] int64_t Int(int col) const override { return r_.Int(row_, col); }
  [[nodiscard]] bool Bool(int col) const override;

 private:
  const Result& r_;
  int row_;
};

// SELECTs on a connection, in its open transaction.
class PgRowSource final : public rows::RowSource {
 public:
  explicit PgRowSource(Conn& c) : RowSource("postgres", "$"), c_(c) {}
  void Select(std::string_view sql, std::span<const std::string_view> params,
              const std::function<void(const rows::RowCursor&)>& row) override;

 private:
  Conn& c_;
};

// One COPY … FROM STDIN whose rows are sent a piece at a time as they are made: the server parses one piece while
// the next is formatted, and the rows are never all in memory (a national import's audit trail: 601,000 rows,
// some 600 MB of COPY text, which as one buffer cost a copy at each doubling and 2 GB of fresh pages).
class CopyStream {
 public:
  CopyStream(Conn& c, std::string copy_sql) : c_(c), sql_(std::move(copy_sql)) {}
  ~CopyStream();
  CopyStream(const CopyStream&) = delete;
  CopyStream& operator=(const CopyStream&) = delete;
  CopyBuffer& rows() { return buf_; }
  // After each row (ended in rows()): sends the piece once it is large enough.
  void RowDone();
  // Sends the rest and ends the COPY; none is started for no rows. Unless it ran, the COPY is abandoned.
  void Finish();

 private:
  void Send();
  Conn& c_;
  std::string sql_;
  CopyBuffer buf_;
  bool started_ = false;
  bool finished_ = false;
};

// Rows as INSERTs, one prepared statement per table.
class InsertSink final : public rows::RowSink {
 public:
  explicit InsertSink(Conn& c) : c_(c) {}
  void Begin(rows::Table t) override;
  void Text(std::string_view v) override { p_.Add(v); }
  void Null() override { p_.AddNull(); }
  void Int(int64_t v) override { p_.Add(v); }
  void Bool(bool v) override { p_.Add(v); }
  void End() override;

 private:
  Conn& c_;
  rows::Table t_ = rows::Table::kOrganizations;
  Params p_;
};

// Rows as COPY data, one buffer per table, sent when large and at the end (FlushAll).
class CopySink final : public rows::RowSink {
 public:
  explicit CopySink(Conn& c) : c_(c) {}
  void Begin(rows::Table t) override;
  void Text(std::string_view v) override { cur_->Text(v); }
  void Null() override { cur_->Null(); }
  void Int(int64_t v) override { cur_->Int(v); }
  void Bool(bool v) override { cur_->Bool(v); }
  void End() override;
  void FlushAll();

 private:
  void Flush(rows::Table t);
  Conn& c_;
  std::array<CopyBuffer, rows::kTableCount> buffers_;
  CopyBuffer* cur_ = nullptr;
  rows::Table table_ = rows::Table::kOrganizations;
};

}  // namespace ansvar::store::postgres
