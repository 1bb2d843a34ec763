#pragma once
// Reading spreadsheets: .xlsx (Office Open XML, via libzip and pugixml) and .csv (UTF-8, UTF-16 with a byte
// order mark, or Windows-1252; comma, semicolon or tab). Any bytes give a workbook or problems, never a crash.
#include <optional>
#include <string>
#include <string_view>

#include "io/spreadsheet/sheet.hpp"

namespace ansvar::io::sheets {

// Shared strings, inline strings, rich text, booleans, errors, cached formula results, dates (serials with a date
// number format, the 1904 system, ISO dates), and merged cells (the range's value copied into each cell).
ReadResult ReadXlsx(std::string_view bytes, const Limits& limits = {});

struct CsvOptions {
  std::optional<char> delimiter;  // default: the most frequent of ';', ',', '\t' in the first line
  std::string sheet_name = "CSV";
};
// RFC 4180 quoting (a quoted field may hold delimiters, doubled quotes and line breaks); CRLF, LF or CR.
ReadResult ReadCsv(std::string_view bytes, const Limits& limits = {}, const CsvOptions& options = {});

enum class FileFormat { kXlsx, kCsv, kXls, kUnknown };
// By content first (a zip is .xlsx, an OLE2 compound file is the old .xls), else by the name's extension.
FileFormat Sniff(std::string_view bytes, std::string_view name = {});
// Reads either; an old .xls or an encrypted workbook is refused with a message that says what to do.
ReadResult ReadSpreadsheet(std::string_view bytes, std::string_view name = {}, const Limits& limits = {},
                           const CsvOptions& csv = {});

}  // namespace ansvar::io::sheets
