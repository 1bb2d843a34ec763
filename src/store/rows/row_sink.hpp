#pragma once
// Where the rows of entities go: each backend adapts it to its way of writing (SQLite: prepared INSERTs;
// PostgreSQL: INSERTs for a few entities, COPY for a whole register). Internal to store/.
#include <cstdint>
#include <string_view>

#include "store/rows/tables.hpp"

namespace ansvar::store::rows {

// Receives rows: Begin(table), one call per column in TableDef::columns' order, End().
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void Begin(Table t) = 0;
  virtual void Text(std::string_view v) = 0;
  virtual void Null() = 0;
  virtual void Int(int64_t v) = 0;
  virtual void Bool(bool v) = 0;
  virtual void End() = 0;
};

}  // namespace ansvar::store::rows
