#include "store/postgres/pg_rows.hpp"

#include <charconv>

namespace ansvar::store::postgres {
namespace {

// A COPY buffer is sent when it reaches this size.
constexpr size_t kCopyFlushBytes = 32u << 20;

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
  while (true) {
    const Result r = conn.Exec(fetch);
    const int n = r.Rows();
    for (int i = 0; i < n; ++i) row(r, i);
    if (n < batch) break;
  }
  conn.Exec("CLOSE ansvar_rows");
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
