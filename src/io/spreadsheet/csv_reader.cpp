// Reading .csv as Swedish offices write it: Excel's "CSV (semikolonavgränsad)" in Windows-1252, "CSV UTF-8" with a
// byte order mark, "Unicode-text" (UTF-16 with tabs), or plain UTF-8 with commas. RFC 4180 quoting.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include "io/spreadsheet/reader.hpp"
#include "model/utf8.hpp"

namespace ansvar::io::sheets {
namespace {

// Windows-1252 0x80–0x9F; the five bytes it leaves undefined are read as Windows reads them (the C1 controls).
constexpr std::array<uint16_t, 32> kCp1252High = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                                  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// The length of the valid UTF-8 sequence at s[i], or 0 (overlong forms, surrogates and values past U+10FFFF are
// invalid).
size_t Utf8Length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, cp = c & 0x07;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return n;
}

enum class Encoding { kUtf8, kCp1252, kMixed };

Encoding Detect(std::string_view s) {
  size_t multibyte = 0, invalid = 0;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = Utf8Length(s, i);
    if (n == 0)
      ++invalid, ++i;
    else
      ++multibyte, i += n;
  }
  if (invalid == 0) return Encoding::kUtf8;
  return multibyte == 0 ? Encoding::kCp1252 : Encoding::kMixed;
}

std::string FromCp1252(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80)
      out += ch;
    else if (c < 0xA0)
      model::AppendUtf8(out, kCp1252High[c - 0x80]);
    else
      model::AppendUtf8(out, c);
  }
  return out;
}

// UTF-16 (after its byte order mark) to UTF-8; false on an odd length or a lone surrogate.
bool FromUtf16(std::string_view s, bool little_endian, std::string& out) {
  if (s.size() % 2 != 0) return false;
  out.reserve(s.size());
  auto unit = [&](size_t i) -> uint32_t {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  for (size_t i = 0; i < s.size(); i += 2) {
    uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= s.size()) return false;
      const uint32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return false;
      u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return false;
    }
    model::AppendUtf8(out, u);
  }
  return true;
}

// The commonest of ';', ',' and tab outside quotes in the first 20 lines (a title line above the headings has none);
// semicolons win a tie, as Swedish Excel writes them.
char DetectDelimiter(std::string_view s) {
  size_t semicolons = 0, commas = 0, tabs = 0, lines = 0;
  bool quoted = false;
  for (const char c : s) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' && ++lines == 20) break;
    semicolons += c == ';', commas += c == ',', tabs += c == '\t';
  }
  if (semicolons >= commas && semicolons >= tabs && semicolons > 0) return ';';
  if (commas >= tabs && commas > 0) return ',';
  return tabs > 0 ? '\t' : ',';
}

std::string TooMany(const char* what_sv, const char* what_en, size_t limit) {
  return std::string("filen har fler än ") + std::to_string(limit) + " " + what_sv + " / the file has more than " +
         std::to_string(limit) + " " + what_en;
}

}  // namespace

ReadResult ReadCsv(std::string_view bytes, const Limits& lim, const CsvOptions& options) {
  ReadResult result;
  const std::string& sheet_name = options.sheet_name;
  auto fail = [&](size_t row, size_t column, std::string message) {
    result.problems.push_back({sheet_name, row, column, std::move(message)});
    return result;
  };
  if (bytes.size() > lim.max_input_bytes)
    return fail(0, 0,
                "filen är större än " + std::to_string(lim.max_input_bytes >> 20) + " MB / the file is larger than " +
                    std::to_string(lim.max_input_bytes >> 20) + " MB");

  // Byte order marks: UTF-8 is read as such; UTF-16 is turned into UTF-8 first.
  std::string converted;
  Encoding encoding = Encoding::kUtf8;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    encoding = Detect(bytes) == Encoding::kUtf8 ? Encoding::kUtf8 : Encoding::kMixed;
  } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    if (!FromUtf16(bytes.substr(2), bytes[0] == '\xFF', converted))
      return fail(0, 0, "filen är märkt som UTF-16 men är trasig / the file is marked UTF-16 but is broken");
    bytes = converted;
  } else {
    encoding = Detect(bytes);
  }
  const char delimiter = options.delimiter.value_or(DetectDelimiter(bytes));

  Sheet sheet;
  sheet.name = sheet_name;
  Row row;
  size_t columns = 0;  // the fields of the row so far (the row keeps only the filled ones)
  std::string field;
  size_t line = 1;  // the row being read, 1-based
  size_t cells = 0;
  bool quoted = false, was_quoted = false;
  size_t quote_row = 0, quote_column = 0;

  auto end_field = [&]() -> bool {
    const size_t column = ++columns;
    if (column > lim.max_columns) {
      fail(line, column, TooMany("kolumner", "columns", lim.max_columns));
      return false;
    }
    Cell cell;
    if (field.find('\0') != std::string::npos) {
      fail(line, column,
           "cellen innehåller nolltecken: filen är inte text (en binärfil?) / the cell holds NUL bytes: not a text "
           "file");
      return false;
    }
    if (encoding == Encoding::kCp1252) {
      cell.text = FromCp1252(field);
    } else {
      if (encoding == Encoding::kMixed && Detect(field) != Encoding::kUtf8) {
        fail(line, column,
             "cellen har ogiltig teckenkodning (filen blandar UTF-8 och Windows-1252); spara filen som "
             "\"CSV UTF-8\" / the cell has an invalid encoding (the file mixes UTF-8 and Windows-1252)");
        return false;
      }
      cell.text = std::move(field);
    }
    field.clear();
    if (cell.text.size() > lim.max_cell_bytes) {
      fail(line, column,
           "cellen har mer än " + std::to_string(lim.max_cell_bytes) + " tecken / the cell holds more than " +
               std::to_string(lim.max_cell_bytes) + " characters");
      return false;
    }
    if (!cell.text.empty()) {
      cell.kind = CellKind::kText;
      if (++cells > lim.max_cells) {
        fail(line, column, TooMany("ifyllda celler", "cells", lim.max_cells));
        return false;
      }
    }
    row.Set(column, std::move(cell));
    was_quoted = false;
    return true;
  };
  auto end_row = [&]() -> bool {
    if (!end_field()) return false;
    if (line > lim.max_rows) {
      fail(line, 0, TooMany("rader", "rows", lim.max_rows));
      return false;
    }
    sheet.rows.push_back(std::move(row));
    row = Row();
    columns = 0;
    ++line;
    return true;
  };

  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
        if (field.size() > lim.max_cell_bytes) {
          fail(quote_row, quote_column,
               "cellen har mer än " + std::to_string(lim.max_cell_bytes) +
                   " tecken (ett citattecken som aldrig avslutas?) / the cell holds more than " +
                   std::to_string(lim.max_cell_bytes) + " characters (an unterminated quote?)");
          return result;
        }
      }
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
      quote_row = line, quote_column = columns + 1;
    } else if (c == delimiter) {
      if (!end_field()) return result;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      if (!end_row()) return result;
    } else {
      field += c;  // a quote inside an unquoted field is an ordinary character, as Excel reads it
      if (field.size() > lim.max_cell_bytes) {
        fail(line, columns + 1,
             "cellen har mer än " + std::to_string(lim.max_cell_bytes) + " tecken / the cell holds more than " +
                 std::to_string(lim.max_cell_bytes) + " characters");
        return result;
      }
    }
  }
  if (quoted) return fail(quote_row, quote_column, "ett citattecken avslutas aldrig / a quote is never closed");
  if (!field.empty() || columns > 0 || was_quoted) {
    if (!end_row()) return result;
  }
  while (!sheet.rows.empty() && sheet.rows.back().empty()) sheet.rows.pop_back();
  Workbook book;
  book.sheets.push_back(std::move(sheet));
  result.book = std::move(book);
  return result;
}

FileFormat Sniff(std::string_view bytes, std::string_view name) {
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) return FileFormat::kXlsx;
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return FileFormat::kXls;
  auto ends = [&](std::string_view ext) {
    if (name.size() < ext.size()) return false;
    for (size_t i = 0; i < ext.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(name[name.size() - ext.size() + i])) != ext[i]) return false;
    return true;
  };
  if (ends(".xlsx") || ends(".xlsm")) return FileFormat::kXlsx;
  if (ends(".csv") || ends(".txt") || ends(".tsv")) return FileFormat::kCsv;
  if (ends(".xls")) return FileFormat::kXls;
  return bytes.empty() ? FileFormat::kUnknown : FileFormat::kCsv;
}

ReadResult ReadSpreadsheet(std::string_view bytes, std::string_view name, const Limits& limits, const CsvOptions& csv) {
  switch (Sniff(bytes, name)) {
    case FileFormat::kXlsx:
      return ReadXlsx(bytes, limits);
    case FileFormat::kCsv:
      return ReadCsv(bytes, limits, csv);
    case FileFormat::kXls: {
      ReadResult r;
      r.problems.push_back(
          {"", 0, 0,
           "filen är i Excels gamla format (.xls) eller lösenordsskyddad; spara den som .xlsx (Excel-arbetsbok) "
           "utan lösenord / the file is an old .xls or a password-protected workbook: save it as .xlsx without a "
           "password"});
      return r;
    }
    case FileFormat::kUnknown:
      break;
  }
  ReadResult r;
  r.problems.push_back({"", 0, 0, "filen är tom / the file is empty"});
  return r;
}

}  // namespace ansvar::io::sheets
