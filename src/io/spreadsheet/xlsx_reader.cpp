// Reading .xlsx: the zip container with libzip (every part read with a cap, so a zip bomb stops at the limit),
// the XML parts with pugixml (no DTDs, no entity expansion). ECMA-376 Part 1: §18.2 workbook, §18.3 worksheet
// (sheetData, mergeCells), §18.4 shared strings, §18.8.30-31 number formats.
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>

#include "io/spreadsheet/reader.hpp"
#include "model/time.hpp"

namespace ansvar::io::sheets {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// Matches an element or attribute name without its namespace prefix ("x:row" is "row").
bool Is(const char* name, std::string_view local) {
  std::string_view n(name);
  const auto colon = n.find(':');
  if (colon != std::string_view::npos) n = n.substr(colon + 1);
  return n == local;
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (auto c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && Is(c.name(), local)) return c;
  return {};
}

pugi::xml_attribute Attr(pugi::xml_node node, std::string_view local) {
  for (auto a = node.first_attribute(); a; a = a.next_attribute())
    if (Is(a.name(), local)) return a;
  return {};
}

// The text of a string item (<si>, <is>): its <t>, or the <t> of each rich-text run <r>; phonetic runs are skipped.
// OOXML escapes characters XML cannot hold as _xHHHH_ (ECMA-376 §22.9.2.19).
void AppendUnescaped(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned code = 0;
      const auto r = std::from_chars(s.data() + i + 2, s.data() + i + 6, code, 16);
      if (r.ec == std::errc() && r.ptr == s.data() + i + 6) {
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0xD800 || code > 0xDFFF) {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
}

std::string ItemText(pugi::xml_node item) {
  std::string out;
  for (auto c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (Is(c.name(), "t")) {
      AppendUnescaped(out, c.text().get());
    } else if (Is(c.name(), "r")) {
      if (auto t = Child(c, "t")) AppendUnescaped(out, t.text().get());
    }
  }
  return out;
}

// A custom number format shows a date when, outside quoted text, [..] sections and escapes, it has d, m, y, h or s.
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false;
  int bracket = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (c == '"')
      quoted = true;
    else if (c == '[')
      ++bracket;
    else if (c == ']')
      bracket = std::max(0, bracket - 1);
    else if (c == '\\' || c == '_' || c == '*')
      ++i;  // the next character is literal (or padding)
    else if (bracket == 0 && std::string_view("dmyhsDMYHS").find(c) != std::string_view::npos)
      return true;
    else if (c == ';')
      break;  // the first section decides
  }
  return false;
}

bool IsBuiltinDateFormat(unsigned id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// "AB12" → (12, 28); false when it is not a cell reference within the limits.
bool ParseRef(std::string_view ref, size_t& row, size_t& column, const Limits& lim) {
  size_t i = 0;
  column = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    const char c = static_cast<char>(ref[i] & ~0x20);
    column = column * 26 + static_cast<size_t>(c - 'A' + 1);
    if (column > 16384) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  row = 0;
  const auto r = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  (void)lim;
  return r.ec == std::errc() && r.ptr == ref.data() + ref.size() && row >= 1 && row <= 1048576;
}

std::string NumberText(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Resolves a relationship target against the folder of the part that names it ("xl/" + "worksheets/sheet1.xml").
std::string Resolve(const std::string& base_dir, std::string target) {
  std::string path = target.starts_with('/') ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = std::min(path.find('/', start), path.size());
    const std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

class XlsxReader {
 public:
  XlsxReader(std::string_view bytes, const Limits& limits) : bytes_(bytes), lim_(limits) {}

  ReadResult Read() {
    ReadResult result;
    if (bytes_.size() > lim_.max_input_bytes) {
      Fail("", 0, 0,
           "filen är större än " + std::to_string(lim_.max_input_bytes >> 20) + " MB / the file is larger than " +
               std::to_string(lim_.max_input_bytes >> 20) + " MB");
      result.problems = std::move(problems_);
      return result;
    }
    if (!Open()) {
      result.problems = std::move(problems_);
      return result;
    }
    Workbook book;
    ReadBook(book);
    if (problems_.empty()) result.book = std::move(book);
    result.problems = std::move(problems_);
    return result;
  }

 private:
  void Fail(const std::string& sheet, size_t row, size_t column, std::string message) {
    if (problems_.size() < 200) problems_.push_back({sheet, row, column, std::move(message)});
  }

  bool Open() {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
    if (source == nullptr) {
      zip_error_fini(&error);
      Fail("", 0, 0, "filen kunde inte läsas / the file could not be read");
      return false;
    }
    zip_t* z = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (z == nullptr) {
      zip_source_free(source);
      Fail("", 0, 0,
           std::string("filen är inte en giltig .xlsx (trasigt zip-arkiv: ") + zip_error_strerror(&error) +
               ") / the file is not a valid .xlsx (broken zip archive)");
      zip_error_fini(&error);
      return false;
    }
    zip_error_fini(&error);
    zip_.reset(z);
    const auto entries = zip_get_num_entries(z, 0);
    if (entries < 0 || static_cast<size_t>(entries) > lim_.max_zip_entries) {
      Fail("", 0, 0, "arkivet har för många delar / the archive has too many parts");
      return false;
    }
    return true;
  }

  // A part of the package, decompressed with a cap; nullopt when it is missing (or broken: then a problem too).
  std::optional<std::string> Part(const std::string& name, bool required) {
    const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
      if (required) Fail("", 0, 0, "delen " + name + " saknas i .xlsx-filen / the part " + name + " is missing");
      return std::nullopt;
    }
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
      Fail("", 0, 0,
           "delen " + name + " kan inte packas upp (krypterad eller okänd komprimering) / the part " + name +
               " cannot be decompressed (encrypted or unknown compression)");
      return std::nullopt;
    }
    std::string out;
    char buf[65536];
    const size_t cap =
        std::min(lim_.max_part_bytes, lim_.max_uncompressed_bytes - std::min(used_, lim_.max_uncompressed_bytes));
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buf, sizeof buf);
      if (n < 0) {
        Fail("", 0, 0,
             "delen " + name + " är trasig (" + zip_file_strerror(file.get()) + ") / the part " + name + " is corrupt");
        return std::nullopt;
      }
      if (n == 0) break;
      if (out.size() + static_cast<size_t>(n) > cap) {
        Fail("", 0, 0,
             "filen packas upp till mer än " + std::to_string(lim_.max_uncompressed_bytes >> 20) +
                 " MB (zip-bomb?) / the file decompresses to more than " +
                 std::to_string(lim_.max_uncompressed_bytes >> 20) + " MB (zip bomb?)");
        return std::nullopt;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    used_ += out.size();
    return out;
  }

  bool Parse(const std::string& name, std::string& text, pugi::xml_document& doc) {
    const auto r = doc.load_buffer_inplace(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
    if (!r) {
      Fail("", 0, 0,
           "delen " + name + " är inte giltig XML (" + r.description() + ", position " + std::to_string(r.offset) +
               ") / the part " + name + " is not valid XML");
      return false;
    }
    return true;
  }

  // The targets of a part's relationships by id, and the first target of a type ending in `type_suffix`.
  std::map<std::string, std::string> Relationships(const std::string& rels_name, const std::string& base_dir,
                                                   std::map<std::string, std::string>* by_type = nullptr) {
    std::map<std::string, std::string> out;
    auto text = Part(rels_name, false);
    if (!text) return out;
    pugi::xml_document doc;
    if (!Parse(rels_name, *text, doc)) return out;
    for (auto r = Child(doc, "Relationships").first_child(); r; r = r.next_sibling()) {
      if (!Is(r.name(), "Relationship")) continue;
      if (std::string_view(Attr(r, "TargetMode").as_string()) == "External") continue;
      const std::string target = Resolve(base_dir, Attr(r, "Target").as_string());
      out[Attr(r, "Id").as_string()] = target;
      if (by_type) {
        std::string type = Attr(r, "Type").as_string();
        const auto slash = type.rfind('/');
        if (slash != std::string::npos) type = type.substr(slash + 1);
        by_type->emplace(type, target);
      }
    }
    return out;
  }

  void ReadBook(Workbook& book) {
    // The package's main part, from _rels/.rels; xl/workbook.xml when the package does not say.
    std::map<std::string, std::string> root_types;
    Relationships("_rels/.rels", "", &root_types);
    std::string workbook_name =
        root_types.contains("officeDocument") ? root_types["officeDocument"] : "xl/workbook.xml";
    const auto slash = workbook_name.rfind('/');
    const std::string base_dir = slash == std::string::npos ? "" : workbook_name.substr(0, slash + 1);
    std::string rels_name =
        base_dir + "_rels/" + workbook_name.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";

    auto workbook_text = Part(workbook_name, true);
    if (!workbook_text) return;
    pugi::xml_document workbook;
    if (!Parse(workbook_name, *workbook_text, workbook)) return;
    std::map<std::string, std::string> types;
    const auto rels = Relationships(rels_name, base_dir, &types);

    const auto wb = Child(workbook, "workbook");
    date1904_ = Attr(Child(wb, "workbookPr"), "date1904").as_bool();
    if (types.contains("sharedStrings")) ReadSharedStrings(types["sharedStrings"]);
    if (types.contains("styles")) ReadStyles(types["styles"]);
    if (!problems_.empty()) return;

    std::set<std::string> names;
    for (auto s = Child(Child(wb, "sheets"), "sheet"); s; s = s.next_sibling()) {
      if (s.type() != pugi::node_element || !Is(s.name(), "sheet")) continue;
      if (book.sheets.size() >= lim_.max_sheets) {
        Fail("", 0, 0,
             "arbetsboken har fler än " + std::to_string(lim_.max_sheets) + " blad / the workbook has more than " +
                 std::to_string(lim_.max_sheets) + " sheets");
        return;
      }
      Sheet sheet;
      sheet.name = Attr(s, "name").as_string();
      if (sheet.name.empty() || !names.insert(sheet.name).second)
        sheet.name = "Blad" + std::to_string(book.sheets.size() + 1);
      const auto it = rels.find(Attr(s, "id").as_string());
      if (it != rels.end()) ReadSheet(it->second, sheet);
      book.sheets.push_back(std::move(sheet));
      if (!problems_.empty()) return;
    }
    if (book.sheets.empty()) Fail("", 0, 0, "arbetsboken har inga blad / the workbook has no sheets");
  }

  void ReadSharedStrings(const std::string& name) {
    auto text = Part(name, false);
    if (!text) return;
    pugi::xml_document doc;
    if (!Parse(name, *text, doc)) return;
    for (auto si = Child(doc, "sst").first_child(); si; si = si.next_sibling()) {
      if (si.type() != pugi::node_element || !Is(si.name(), "si")) continue;
      strings_.push_back(ItemText(si));
      if (strings_.back().size() > lim_.max_cell_bytes) strings_.back().resize(lim_.max_cell_bytes + 1);
    }
  }

  void ReadStyles(const std::string& name) {
    auto text = Part(name, false);
    if (!text) return;
    pugi::xml_document doc;
    if (!Parse(name, *text, doc)) return;
    const auto sheet = Child(doc, "styleSheet");
    std::set<unsigned> custom_dates;
    for (auto f = Child(Child(sheet, "numFmts"), "numFmt"); f; f = f.next_sibling())
      if (f.type() == pugi::node_element && IsDateFormatCode(Attr(f, "formatCode").as_string()))
        custom_dates.insert(Attr(f, "numFmtId").as_uint());
    for (auto xf = Child(Child(sheet, "cellXfs"), "xf"); xf; xf = xf.next_sibling()) {
      if (xf.type() != pugi::node_element) continue;
      const unsigned id = Attr(xf, "numFmtId").as_uint();
      date_styles_.push_back(IsBuiltinDateFormat(id) || custom_dates.contains(id));
      if (date_styles_.size() > 100000) break;
    }
  }

  void ReadSheet(const std::string& part, Sheet& sheet) {
    auto text = Part(part, false);
    if (!text) return;  // a chart sheet or a part the package lacks: an empty sheet
    pugi::xml_document doc;
    if (!Parse(part, *text, doc)) return;
    const auto ws = doc.first_child();
    size_t row_number = 0;
    for (auto row = Child(Child(ws, "sheetData"), "row"); row; row = row.next_sibling()) {
      if (row.type() != pugi::node_element || !Is(row.name(), "row")) continue;
      const auto r_attr = Attr(row, "r");
      const size_t r = r_attr ? r_attr.as_ullong() : row_number + 1;
      if (r == 0 || r <= row_number) {
        Fail(sheet.name, row_number + 1, 0,
             "raderna står i fel ordning eller har ogiltigt nummer / rows out of order or badly numbered");
        return;
      }
      if (r > lim_.max_rows) {
        Fail(sheet.name, r, 0,
             "bladet har fler än " + std::to_string(lim_.max_rows) + " rader / the sheet has more than " +
                 std::to_string(lim_.max_rows) + " rows");
        return;
      }
      row_number = r;
      size_t column = 0;
      for (auto c = row.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || !Is(c.name(), "c")) continue;
        size_t cr = row_number, cc = column + 1;
        if (const auto ref = Attr(c, "r")) {
          if (!ParseRef(ref.as_string(), cr, cc, lim_) || cr != row_number || cc <= column) {
            Fail(sheet.name, row_number, column + 1,
                 std::string("ogiltig cellreferens \"") + ref.as_string() + "\" / invalid cell reference");
            return;
          }
        }
        column = cc;
        if (column > lim_.max_columns) {
          Fail(sheet.name, row_number, column,
               "bladet har fler än " + std::to_string(lim_.max_columns) + " kolumner / the sheet has more than " +
                   std::to_string(lim_.max_columns) + " columns");
          return;
        }
        Cell cell = ReadCell(c, sheet.name, row_number, column);
        if (!problems_.empty()) return;
        if (cell.kind == CellKind::kEmpty) continue;
        if (++cells_ > lim_.max_cells) {
          Fail(sheet.name, row_number, column,
               "arbetsboken har fler än " + std::to_string(lim_.max_cells) +
                   " ifyllda celler / the workbook has more than " + std::to_string(lim_.max_cells) + " cells");
          return;
        }
        if (sheet.rows.size() < row_number) sheet.rows.resize(row_number);  // rows are sparse: an empty one is small
        sheet.rows[row_number - 1].Set(column, std::move(cell));
      }
    }
    for (auto m = Child(Child(ws, "mergeCells"), "mergeCell"); m; m = m.next_sibling()) {
      if (m.type() != pugi::node_element) continue;
      const std::string_view ref = Attr(m, "ref").as_string();
      const auto colon = ref.find(':');
      MergedRange range;
      if (colon == std::string_view::npos ||
          !ParseRef(ref.substr(0, colon), range.first_row, range.first_column, lim_) ||
          !ParseRef(ref.substr(colon + 1), range.last_row, range.last_column, lim_) ||
          range.last_row < range.first_row || range.last_column < range.first_column) {
        Fail(sheet.name, 0, 0, "ogiltigt sammanfogat område \"" + std::string(ref) + "\" / invalid merged range");
        return;
      }
      if (sheet.merged.size() >= lim_.max_merged_ranges) {
        Fail(sheet.name, range.first_row, range.first_column,
             "bladet har fler än " + std::to_string(lim_.max_merged_ranges) +
                 " sammanfogade områden / the sheet has "
                 "more than " +
                 std::to_string(lim_.max_merged_ranges) + " merged ranges");
        return;
      }
      sheet.merged.push_back(range);
    }
    FillMerged(sheet);
  }

  Cell ReadCell(pugi::xml_node c, const std::string& sheet, size_t row, size_t column) {
    Cell cell;
    const std::string_view type = Attr(c, "t").as_string();
    const auto v = Child(c, "v");
    const char* value = v.text().get();
    auto number = [&](double& out) {
      std::string_view s(value);
      while (!s.empty() && (s.front() == ' ' || s.front() == '+')) s.remove_prefix(1);
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
      return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
    };
    if (type == "s") {
      if (!v) return cell;
      double index = -1;
      if (!number(index) || index < 0 || index >= static_cast<double>(strings_.size())) {
        Fail(sheet, row, column,
             "cellen pekar på en delad text som saknas / the cell refers to a missing shared string");
        return cell;
      }
      cell.text = strings_[static_cast<size_t>(index)];
      cell.kind = cell.text.empty() ? CellKind::kEmpty : CellKind::kText;
    } else if (type == "inlineStr") {
      cell.text = ItemText(Child(c, "is"));
      cell.kind = cell.text.empty() ? CellKind::kEmpty : CellKind::kText;
    } else if (type == "str") {
      cell.text = value;
      cell.kind = cell.text.empty() ? CellKind::kEmpty : CellKind::kText;
    } else if (type == "b") {
      if (!v) return cell;
      cell.kind = CellKind::kBool;
      cell.number = std::string_view(value) == "1" || std::string_view(value) == "true" ? 1 : 0;
      cell.text = cell.number != 0 ? "TRUE" : "FALSE";
    } else if (type == "e") {
      cell.kind = CellKind::kError;
      cell.text = value;
    } else if (type == "d") {
      if (!v) return cell;
      const std::string_view s(value);
      const auto date = model::ParseDate(s.substr(0, std::min<size_t>(s.size(), 10)));
      if (!date) {
        Fail(sheet, row, column, "ogiltigt datum \"" + std::string(s.substr(0, 40)) + "\" / invalid date");
        return cell;
      }
      cell.kind = CellKind::kDate;
      cell.number = UnixDaysToSerial(date->days());
      cell.text = model::FormatDate(*date);
    } else if (type.empty() || type == "n") {
      if (!v || *value == '\0') return cell;
      if (!number(cell.number)) {
        Fail(sheet, row, column,
             "ogiltigt tal \"" + std::string(std::string_view(value).substr(0, 40)) + "\" / invalid number");
        return cell;
      }
      const size_t style = Attr(c, "s").as_uint();
      if (date1904_) cell.number += 1462;
      if (style < date_styles_.size() && date_styles_[style]) {
        if (const auto days = SerialToUnixDays(cell.number)) {
          cell.kind = CellKind::kDate;
          cell.text = model::FormatDate(model::Date::FromDays(*days));
          return cell;
        }
      }
      if (date1904_) cell.number -= 1462;
      cell.kind = CellKind::kNumber;
      cell.text = NumberText(cell.number);
    } else {
      Fail(sheet, row, column, "okänd celltyp \"" + std::string(type.substr(0, 20)) + "\" / unknown cell type");
      return cell;
    }
    if (cell.text.size() > lim_.max_cell_bytes) {
      Fail(sheet, row, column,
           "cellen har mer än " + std::to_string(lim_.max_cell_bytes) + " tecken / the cell holds more than " +
               std::to_string(lim_.max_cell_bytes) + " characters");
    }
    return cell;
  }

  // Each cell of a merged range shows the range's value: a heading merged over two rows, or an administration
  // merged down the rows of its systems, reads in every row. Ranges are clipped to the data.
  // The area of every range is counted before anything is filled (issue 17: overlapping or huge ranges multiply).
  void FillMerged(Sheet& sheet) {
    size_t width = 0;
    for (const auto& r : sheet.rows) width = std::max(width, r.size());
    for (const auto& m : sheet.merged) {
      const Cell* top_left = sheet.At(m.first_row, m.first_column);
      if (top_left == nullptr) continue;
      const size_t last_row = std::min(m.last_row, sheet.rows.size());
      const size_t last_column = std::min(m.last_column, width);
      if (last_row < m.first_row || last_column < m.first_column) continue;
      merged_cells_ += (last_row - m.first_row + 1) * (last_column - m.first_column + 1);
      if (merged_cells_ > lim_.max_merged_cells) {
        Fail(sheet.name, m.first_row, m.first_column,
             "sammanfogade områden täcker fler än " + std::to_string(lim_.max_merged_cells) +
                 " celler / merged ranges cover more than " + std::to_string(lim_.max_merged_cells) + " cells");
        return;
      }
    }
    for (const auto& m : sheet.merged) {
      const Cell* top_left = sheet.At(m.first_row, m.first_column);
      if (top_left == nullptr) continue;
      const Cell value = *top_left;
      const size_t last_row = std::min(m.last_row, sheet.rows.size());
      const size_t last_column = std::min(m.last_column, width);
      for (size_t r = m.first_row; r <= last_row; ++r) {
        auto& cells = sheet.rows[r - 1];
        for (size_t c = m.first_column; c <= last_column; ++c) {
          if ((r == m.first_row && c == m.first_column) || cells.Find(c) != nullptr) continue;
          if (++cells_ > lim_.max_cells) {
            Fail(sheet.name, r, c, "för många ifyllda celler / too many cells");
            return;
          }
          cells.Set(c, value);
        }
      }
    }
  }

  std::string_view bytes_;
  const Limits& lim_;
  std::unique_ptr<zip_t, ZipCloser> zip_;
  std::vector<ReadProblem> problems_;
  std::vector<std::string> strings_;
  std::vector<bool> date_styles_;
  bool date1904_ = false;
  size_t used_ = 0;
  size_t cells_ = 0;
  size_t merged_cells_ = 0;
};

}  // namespace

ReadResult ReadXlsx(std::string_view bytes, const Limits& limits) { return XlsxReader(bytes, limits).Read(); }

}  // namespace ansvar::io::sheets
