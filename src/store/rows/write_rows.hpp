#pragma once
// The register → rows half of the mapping: an entity becomes its own row and its child rows, in the columns of
// tables.cpp. Knows nothing of versions' meaning, transactions or the audit trail. Internal to store/.
#include <cstdint>
#include <optional>
#include <string>

#include "store/rows/row_sink.hpp"

namespace ansvar::store::rows {

// The rows of an entity, stored at `position` (its index in the register's collection) with `version`.
void WriteRows(RowSink& sink, const Entity& e, int64_t position, int64_t version);
template <class T>
void WriteRows(RowSink& sink, const T& x, int64_t position, int64_t version);

// register_meta's as_of column (the other two are the register's as_of_is_date and rulebook_overrides).
std::optional<std::string> MetaAsOf(const model::Register& reg);

}  // namespace ansvar::store::rows
