#include "io/spreadsheet/sheet.hpp"

#include <cmath>

namespace ansvar::io::sheets {

const Cell* Sheet::At(size_t row, size_t column) const {
  if (row == 0 || column == 0 || row > rows.size()) return nullptr;
  const auto& r = rows[row - 1];
  return column > r.size() ? nullptr : &r[column - 1];
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
