#pragma once
// Writing spreadsheets: .xlsx with libxlsxwriter (bold frozen headings, a filter, dates as dates) and .csv as
// Swedish Excel opens it (UTF-8 with a byte order mark, semicolons, CRLF).
#include <string>
#include <vector>

#include "io/spreadsheet/sheet.hpp"

namespace ansvar::io::sheets {

// One sheet of an export: lines of text above the table (title, who the record concerns), then the headings
// and the rows. Cells of kind kDate carry the serial in `number` and the ISO date in `text`.
struct Table {
  std::string name;                   // the sheet's name (cut to Excel's 31 characters, made unique)
  std::vector<std::string> preamble;  // lines above the table, the first one as a title
  std::vector<std::string> headings;
  std::vector<double> widths;  // in characters, per column; missing ones are guessed from the content
  std::vector<std::vector<Cell>> rows;
};

Cell TextCell(std::string text);
Cell NumberCell(double value);
Cell DateCell(int32_t unix_days);

// The workbook's bytes; throws std::runtime_error when libxlsxwriter fails (the disk for its temporary file).
std::string WriteXlsx(const std::vector<Table>& tables);

struct CsvDialect {
  char delimiter = ';';
  bool byte_order_mark = true;
  bool preamble = false;  // write the preamble lines above the headings
};
// A text cell that a spreadsheet would take for a formula (=, +, -, @ first) is written with a leading
// apostrophe, as Excel itself marks text (OWASP "CSV injection"); the reader removes it again.
std::string WriteCsv(const Table& table, const CsvDialect& dialect = {});

}  // namespace ansvar::io::sheets
