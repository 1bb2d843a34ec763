#pragma once
// Spreadsheets as the import and export formats see them: workbooks of sheets of rows of cells, read from
// .xlsx and .csv and written to .xlsx and .csv. Plain data; no JSON, no HTTP. Every fault in the input names
// its sheet, row and column and never crashes the reader; the limits below cap what a hostile file can cost.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ansvar::io::sheets {

enum class CellKind { kEmpty, kText, kNumber, kDate, kBool, kError };

struct Cell {
  CellKind kind = CellKind::kEmpty;
  std::string text;   // what the cell shows: the text, a number written shortest ("2", "0.5"), "TRUE"/"FALSE"
  double number = 0;  // kNumber, kDate (an Excel serial in the 1900 system), kBool (0 or 1)
  friend bool operator==(const Cell&, const Cell&) = default;
};

// A rectangle of merged cells, 1-based and inclusive (A1:C2 is {1, 1, 2, 3}).
struct MergedRange {
  size_t first_row = 0, first_column = 0, last_row = 0, last_column = 0;
  friend bool operator==(const MergedRange&, const MergedRange&) = default;
};

// A row, kept sparse: only its filled cells, by column (issue 17: one filled cell at column 1,000 costs one cell, not
// a thousand). Read as if dense: size() is the last filled column, row[c] the cell of column c+1 (an empty cell
// where nothing is), and iteration visits every column from the first to the last filled one.
class Row {
 public:
  Row() = default;
  Row(std::initializer_list<Cell> dense);  // column i+1 is the i-th cell (empty ones are not kept)

  [[nodiscard]] size_t size() const { return cells_.empty() ? 0 : cells_.back().first; }
  [[nodiscard]] bool empty() const { return cells_.empty(); }
  [[nodiscard]] const Cell& operator[](size_t index) const;  // 0-based column
  [[nodiscard]] const Cell* Find(size_t column) const;       // 1-based; nullptr when empty
  // Sets the cell of `column` (1-based); an empty cell removes it. Returns whether a cell was added.
  bool Set(size_t column, Cell cell);
  [[nodiscard]] size_t filled() const { return cells_.size(); }
  // The filled cells, (column 1-based, cell), by column.
  [[nodiscard]] const std::vector<std::pair<size_t, Cell>>& cells() const { return cells_; }

  class Iterator {
   public:
    Iterator(const Row* row, size_t index) : row_(row), index_(index) {}
    const Cell& operator*() const { return (*row_)[index_]; }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return index_ != other.index_; }

   private:
    const Row* row_;
    size_t index_;
  };
  [[nodiscard]] Iterator begin() const { return {this, 0}; }
  [[nodiscard]] Iterator end() const { return {this, size()}; }
  friend bool operator==(const Row&, const Row&) = default;

 private:
  std::vector<std::pair<size_t, Cell>> cells_;
};

struct Sheet {
  std::string name;
  std::vector<Row> rows;            // rows[r][c] is row r+1, column c+1; rows may be shorter than others
  std::vector<MergedRange> merged;  // the value of a merged range is copied into each of its cells

  [[nodiscard]] const Cell* At(size_t row, size_t column) const;  // 1-based; nullptr outside the data
};

struct Workbook {
  std::vector<Sheet> sheets;
};

// What one file may cost. The defaults take a municipality's whole register with room to spare and refuse bombs.
struct Limits {
  size_t max_input_bytes = 64u << 20;          // the file as uploaded
  size_t max_uncompressed_bytes = 256u << 20;  // all parts of an .xlsx, decompressed (a zip bomb stops here)
  size_t max_part_bytes = 128u << 20;          // one part of an .xlsx, decompressed
  size_t max_zip_entries = 10000;
  size_t max_sheets = 64;
  size_t max_rows = 200000;           // per sheet
  size_t max_columns = 1000;          // per sheet
  size_t max_cells = 5000000;         // non-empty cells, all sheets
  size_t max_cell_bytes = 32767;      // Excel's own limit on a cell's text
  size_t max_merged_ranges = 10000;   // per sheet
  size_t max_merged_cells = 1000000;  // cells merged ranges cover, all sheets (each is filled with a copy)
};

// A fault in the input. row and column are 1-based; 0 when the fault is not in one row or column.
struct ReadProblem {
  std::string sheet;
  size_t row = 0;
  size_t column = 0;
  std::string message;  // Swedish, then " / " and English
  friend bool operator==(const ReadProblem&, const ReadProblem&) = default;
};

struct ReadResult {
  std::optional<Workbook> book;  // set when there are no problems
  std::vector<ReadProblem> problems;
};

// "A", "Z", "AA", … for 1, 26, 27, …
std::string ColumnName(size_t column);
// "Blad1!C7", "Blad1!C", "Blad1!7" or "Blad1": where a problem is, as a spreadsheet user writes it.
std::string Where(const std::string& sheet, size_t row, size_t column);
std::string Where(const ReadProblem& p);

// An Excel serial date (1900 system, with its fictitious 29 February 1900) as days since 1970-01-01;
// nullopt outside 1900-01-01 … 9999-12-31.
std::optional<int32_t> SerialToUnixDays(double serial);
double UnixDaysToSerial(int32_t days);

}  // namespace ansvar::io::sheets
