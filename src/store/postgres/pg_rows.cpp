#include "store/postgres/pg_rows.hpp"

#include <charconv>

namespace ansvar::store::postgres {
namespace {

// A COPY buffer is sent when it reaches this size.
constexpr size_t kCopyFlushBytes = 32u << 20;
// A CopyStream's piece: large enough that a send is rare beside the formatting, small enough that the server
// starts parsing early and that the buffer stays in the cache's reach.
constexpr size_t kStreamPieceBytes = 2u << 20;

}  // namespace

bool PgCursor::Bool(int col) const {
  const std::string_view t = r_.Text(row_, col);
  if (t == "t") return true;
  if (t == "f") return false;
  throw StoreError("postgres: expected a boolean, got \"" + std::string(t) + "\"");
}

void ForEachRow(Conn& conn, const std::string& sql, const std::function<void(const Result&, int)>& row, int batch) {
  conn.Exec("DECLARE ansvar_rows NO SCROLL CURSOR FOR " + sql);
  const std::string fetch = "FETCH " + std::to_string(batch) + " FROM ansvar_rows";
  conn.Send(fetch);
  while (true) {
    const Result r = conn.Receive(fetch);
    const int n = r.Rows();
    // A full batch may have a next one: asked for now, read by the server while this one is handled. (Should `row`
    // throw, the next command of the connection reads and drops the answer: libpq does so before sending it.)
    const bool more = n == batch;
    if (more) conn.Send(fetch);
    for (int i = 0; i < n; ++i) row(r, i);
    if (!more) break;
  }
  conn.Exec("CLOSE ansvar_rows");
}

CopyStream::~CopyStream() {
  if (started_ && !finished_) c_.CopyAbort();
}

void CopyStream::RowDone() {
  if (buf_.data().size() >= kStreamPieceBytes) Send();
}

void CopyStream::Send() {
  if (!started_) {
    c_.CopyStart(sql_);
    started_ = true;
  }
  c_.CopyPut(buf_.data());
  buf_.Clear();
}

void CopyStream::Finish() {
  if (buf_.rows() > 0) Send();
  finished_ = true;  // ended here, whether or not the server accepts it: not abandoned
  if (started_) c_.CopyEnd(sql_);
}

void PgRowSource::Select(std::string_view sql, std::span<const std::string_view> params,
                         const std::function<void(const rows::RowCursor&)>& row) {
  if (params.empty()) {  // a whole table: through a cursor
    ForEachRow(c_, std::string(sql), [&](const Result& r, int i) { row(PgCursor(r, i)); });
    return;
  }
  Params p;
  for (const auto v : params) p.Add(v);
  const Result r = c_.Run(std::string(sql), p);
  for (int i = 0; i < r.Rows(); ++i) row(PgCursor(r, i));
}

void InsertSink::Begin(rows::Table t) {
  t_ = t;
  p_ = Params();
}

void InsertSink::End() {
  static const std::array<std::string, rows::kTableCount> sql = [] {
    std::array<std::string, rows::kTableCount> out;
    for (size_t i = 0; i < rows::kTableCount; ++i) out[i] = rows::InsertSql(rows::Tables()[i], "$");
    return out;
  }();
  c_.Run(sql[static_cast<size_t>(t_)], p_);
}

void CopySink::Begin(rows::Table t) {
  cur_ = &buffers_[static_cast<size_t>(t)];
  table_ = t;
}

void CopySink::End() {
  cur_->EndRow();
  if (cur_->data().size() >= kCopyFlushBytes) Flush(table_);
}

void CopySink::FlushAll() {
  for (size_t i = 0; i < rows::kTableCount; ++i) Flush(static_cast<rows::Table>(i));
}

void CopySink::Flush(rows::Table t) {
  CopyBuffer& b = buffers_[static_cast<size_t>(t)];
  if (b.rows() == 0) return;
  const rows::TableDef& d = rows::Def(t);
  c_.CopyIn("COPY " + std::string(d.name) + " (" + std::string(d.columns) + ") FROM STDIN", b.data());
  b.Clear();
}

}  // namespace ansvar::store::postgres
