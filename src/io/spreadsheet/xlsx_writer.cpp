// Writing .xlsx with libxlsxwriter and .csv by hand. libxlsxwriter 1.1 writes only to a file: the workbook goes to
// a private temporary file, is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

#include "io/spreadsheet/writer.hpp"
#include "model/time.hpp"

namespace ansvar::io::sheets {
namespace {

// Excel's rules for a sheet name: at most 31 characters (counted here in UTF-8 code points), none of []:*?/\.
std::string SheetName(std::string name, std::set<std::string>& used) {
  for (auto& c : name)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
  auto cut = [](std::string s, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
      if (++chars > max_chars) return s.substr(0, i);
    }
    return s;
  };
  name = cut(name, 31);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "Blad";
  std::string candidate = name;
  for (int n = 2; used.contains(candidate); ++n) candidate = cut(name, 27) + " (" + std::to_string(n) + ")";
  used.insert(candidate);
  return candidate;
}

size_t DisplayWidth(std::string_view s) {
  size_t chars = 0, widest = 0;
  for (const char c : s) {
    if (c == '\n')
      widest = std::max(widest, chars), chars = 0;
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++chars;
  }
  return std::max(widest, chars);
}

void Check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
}

}  // namespace

Cell TextCell(std::string text) {
  Cell c;
  c.kind = text.empty() ? CellKind::kEmpty : CellKind::kText;
  c.text = std::move(text);
  return c;
}

Cell NumberCell(double value) {
  Cell c;
  c.kind = CellKind::kNumber;
  c.number = value;
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  c.text.assign(buf, r.ptr);
  return c;
}

Cell DateCell(int32_t unix_days) {
  Cell c;
  c.kind = CellKind::kDate;
  c.number = UnixDaysToSerial(unix_days);
  c.text = model::FormatDate(model::Date::FromDays(unix_days));
  return c;
}

std::string WriteXlsx(const std::vector<Table>& tables) {
  char path[] = "/tmp/ansvar-xlsx-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
  close(fd);
  struct Remove {
    const char* p;
    ~Remove() { std::remove(p); }
  } remove{path};

  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as they are written: a national register fits
  lxw_workbook* wb = workbook_new_opt(path, &options);
  if (wb == nullptr) throw std::runtime_error("xlsx: cannot start a workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_text_wrap(bold);
  format_set_align(bold, LXW_ALIGN_VERTICAL_TOP);
  format_set_bottom(bold, LXW_BORDER_THIN);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  format_set_align(date, LXW_ALIGN_VERTICAL_TOP);

  std::set<std::string> used;
  lxw_error failure = LXW_NO_ERROR;
  for (const auto& t : tables) {
    const std::string name = SheetName(t.name, used);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (ws == nullptr) {
      failure = LXW_ERROR_MEMORY_MALLOC_FAILED;
      break;
    }
    // Column widths first (constant memory mode writes row by row): given, or the widest text up to 60.
    for (size_t c = 0; c < t.headings.size(); ++c) {
      double width = c < t.widths.size() ? t.widths[c] : 0;
      if (width <= 0) {
        size_t w = std::min<size_t>(DisplayWidth(t.headings[c]), 30);
        for (size_t r = 0; r < t.rows.size() && r < 500; ++r)
          if (c < t.rows[r].size()) w = std::max(w, DisplayWidth(t.rows[r][c].text));
        width = static_cast<double>(std::clamp<size_t>(w + 2, 8, 60));
      }
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
    }
    lxw_row_t row = 0;
    for (size_t i = 0; i < t.preamble.size(); ++i, ++row)
      worksheet_write_string(ws, row, 0, t.preamble[i].c_str(), i == 0 ? title : nullptr);
    if (!t.preamble.empty()) ++row;
    const lxw_row_t header_row = row;
    for (size_t c = 0; c < t.headings.size(); ++c)
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), t.headings[c].c_str(), bold);
    ++row;
    for (const auto& cells : t.rows) {
      for (size_t c = 0; c < cells.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const Cell& cell = cells[c];
        lxw_error e = LXW_NO_ERROR;
        switch (cell.kind) {
          case CellKind::kEmpty:
            break;
          case CellKind::kNumber:
            e = worksheet_write_number(ws, row, col, cell.number, wrap);
            break;
          case CellKind::kDate:
            e = worksheet_write_number(ws, row, col, cell.number, date);
            break;
          case CellKind::kBool:
            e = worksheet_write_boolean(ws, row, col, cell.number != 0, wrap);
            break;
          case CellKind::kText:
          case CellKind::kError:
            e = worksheet_write_string(ws, row, col, cell.text.c_str(), wrap);
            break;
        }
        if (e != LXW_NO_ERROR && failure == LXW_NO_ERROR) failure = e;
      }
      ++row;
    }
    worksheet_freeze_panes(ws, header_row + 1, 0);
    if (!t.headings.empty())
      worksheet_autofilter(ws, header_row, 0, std::max(header_row, row - 1),
                           static_cast<lxw_col_t>(t.headings.size() - 1));
  }
  const lxw_error closed = workbook_close(wb);
  Check(failure, "writing a cell");
  Check(closed, "closing the workbook");
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string WriteCsv(const Table& table, const CsvDialect& d) {
  std::string out;
  if (d.byte_order_mark) out += "\xEF\xBB\xBF";
  auto field = [&](std::string_view text, bool is_text) {
    const bool formula_like =
        is_text && !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos;
    const bool quote = formula_like ||
                       text.find_first_of(std::string{d.delimiter, '"', '\n', '\r'}) != std::string_view::npos ||
                       (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) {
      out += text;
      return;
    }
    out += '"';
    if (formula_like) out += '\'';
    for (const char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  };
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += d.delimiter;
      field(cells[i], true);
    }
    out += "\r\n";
  };
  if (d.preamble) {
    for (const auto& p : table.preamble) line({p});
    if (!table.preamble.empty()) out += "\r\n";
  }
  line(table.headings);
  for (const auto& cells : table.rows) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += d.delimiter;
      field(cells[i].text, cells[i].kind == CellKind::kText);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace ansvar::io::sheets
