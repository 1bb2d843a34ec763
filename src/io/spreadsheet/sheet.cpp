#include "io/spreadsheet/sheet.hpp"

#include <algorithm>
#include <cmath>

namespace ansvar::io::sheets {

namespace {
const Cell kEmptyCell{};

bool ColumnBefore(const std::pair<size_t, Cell>& cell, size_t column) { return cell.first < column; }
}  // namespace

Row::Row(std::initializer_list<Cell> dense) {
  size_t column = 0;
  for (const auto& c : dense) Set(++column, c);
}

const Cell* Row::Find(size_t column) const {
  const auto it = std::lower_bound(cells_.begin(), cells_.end(), column, ColumnBefore);
  return it != cells_.end() && it->first == column ? &it->second : nullptr;
}

const Cell& Row::operator[](size_t index) const {
  const Cell* c = Find(index + 1);
  return c ? *c : kEmptyCell;
}

bool Row::Set(size_t column, Cell cell) {
  // Cells mostly arrive in column order: appending is the common case.
  if (cells_.empty() || cells_.back().first < column) {
    if (cell.kind == CellKind::kEmpty) return false;
    cells_.emplace_back(column, std::move(cell));
    return true;
  }
  const auto it = std::lower_bound(cells_.begin(), cells_.end(), column, ColumnBefore);
  if (it != cells_.end() && it->first == column) {
    if (cell.kind == CellKind::kEmpty)
      cells_.erase(it);
    else
      it->second = std::move(cell);
    return false;
  }
  if (cell.kind == CellKind::kEmpty) return false;
  cells_.insert(it, {column, std::move(cell)});
  return true;
}

const Cell* Sheet::At(size_t row, size_t column) const {
  if (row == 0 || column == 0 || row > rows.size()) return nullptr;
  return rows[row - 1].Find(column);
}

std::string ColumnName(size_t column) {
  std::string out;
  while (column > 0) {
    const size_t rem = (column - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    column = (column - 1) / 26;
  }
  return out;
}

std::string Where(const std::string& sheet, size_t row, size_t column) {
  std::string out = sheet;
  if (row == 0 && column == 0) return out;
  out += '!';
  if (column > 0) out += ColumnName(column);
  if (row > 0) out += std::to_string(row);
  return out;
}

std::string Where(const ReadProblem& p) { return Where(p.sheet, p.row, p.column); }

namespace {
// Serial 1 is 1900-01-01; serial 60 is Excel's fictitious 1900-02-29; from serial 61 (1900-03-01) on, serial 25569
// is 1970-01-01.
constexpr int32_t kSerialOfEpoch = 25569;
constexpr double kMaxSerial = 2958465;  // 9999-12-31
}  // namespace

std::optional<int32_t> SerialToUnixDays(double serial) {
  if (!std::isfinite(serial) || serial < 1 || serial >= kMaxSerial + 1) return std::nullopt;
  auto whole = static_cast<int32_t>(std::floor(serial));
  if (whole == 60) whole = 61;  // 1900-02-29 does not exist: read it as 1 March
  if (whole < 60) ++whole;      // before the fictitious day, serials are one day behind
  return whole - kSerialOfEpoch;
}

double UnixDaysToSerial(int32_t days) {
  int32_t serial = days + kSerialOfEpoch;
  if (serial <= 60) --serial;
  return serial;
}

}  // namespace ansvar::io::sheets
