// Any bytes given to the spreadsheet readers give a workbook or problems naming where, never a crash, and never
// a workbook beyond the limits. The same bytes are read as .xlsx (a zip of XML parts) and as .csv.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "io/spreadsheet/reader.hpp"

namespace {

void Check(const ansvar::io::sheets::ReadResult& r, const ansvar::io::sheets::Limits& limits) {
  if (r.book.has_value() == !r.problems.empty()) std::abort();  // one or the other
  if (!r.book) return;
  size_t cells = 0;
  for (const auto& sheet : r.book->sheets) {
    if (sheet.rows.size() > limits.max_rows) std::abort();
    for (const auto& row : sheet.rows) {
      if (row.size() > limits.max_columns) std::abort();
      for (const auto& c : row) {
        if (c.text.size() > limits.max_cell_bytes) std::abort();
        cells += c.kind != ansvar::io::sheets::CellKind::kEmpty;
      }
    }
  }
  if (cells > limits.max_cells) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ansvar::io::sheets::Limits limits;  // small enough that a fuzzer cannot exhaust memory within them
  limits.max_uncompressed_bytes = 8u << 20;
  limits.max_part_bytes = 4u << 20;
  limits.max_rows = 5000;
  limits.max_columns = 200;
  limits.max_cells = 100000;
  Check(ansvar::io::sheets::ReadXlsx(bytes, limits), limits);
  Check(ansvar::io::sheets::ReadCsv(bytes, limits), limits);
  return 0;
}
