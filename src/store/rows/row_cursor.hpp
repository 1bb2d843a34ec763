#pragma once
// Where rows come from: each backend adapts its result rows (RowCursor) and runs SELECTs (RowSource), so that
// the rows → register half of the mapping (read_register.cpp) and the explanation of a dangling reference
// (dangling.cpp) are written once. Internal to store/.
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

namespace ansvar::store::rows {

// The current row of a result; columns are 0-based.
class RowCursor {
 public:
  virtual ~RowCursor() = default;
  [[nodiscard]] virtual bool IsNull(int col) const = 0;
  [[nodiscard]] virtual std::string_view Text(int col) const = 0;  // valid until the next row
  [[nodiscard]] virtual int64_t Int(int col) const = 0;            // StoreError when not an integer
  [[nodiscard]] virtual bool Bool(int col) const = 0;              // StoreError when not a boolean
};

class RowSource {
 public:
  // `name`: "sqlite", "postgres", the start of every message about what was read; `placeholder`: the dialect's
  // parameter prefix, "?" (SQLite's ?1) or "$" (PostgreSQL's $1). Both static strings.
  RowSource(std::string_view name, std::string_view placeholder) : name_(name), placeholder_(placeholder) {}
  virtual ~RowSource() = default;
  RowSource(const RowSource&) = delete;
  RowSource& operator=(const RowSource&) = delete;

  [[nodiscard]] std::string_view Name() const { return name_; }
  [[nodiscard]] std::string_view Placeholder() const { return placeholder_; }
  // Runs `sql`, a SELECT with `params` bound to its placeholders 1, 2, …, and calls `row` for each row in order.
  virtual void Select(std::string_view sql, std::span<const std::string_view> params,
                      const std::function<void(const RowCursor&)>& row) = 0;

 private:
  std::string_view name_;
  std::string_view placeholder_;
};

}  // namespace ansvar::store::rows
