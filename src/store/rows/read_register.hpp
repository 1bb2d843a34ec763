#pragma once
// The rows → register half of the mapping: the whole register read table by table (in the caller's open read
// transaction), child rows stitched to their parents by id and position. Internal to store/.
#include <cstdint>

#include "store/rows/row_cursor.hpp"
#include "store/store.hpp"

namespace ansvar::store::rows {

void LoadRegister(RowSource& source, model::Register& reg, EntityVersions& versions);

// The same on two sources at once: the systems with their roles and documents from `systems` on the calling thread,
// the rest of the register and the systems' other child rows from `rest` on another. Both must read the same snapshot
// (each in its own read transaction, begun while no write could commit) and each is used by one thread only.
void LoadRegister(RowSource& systems, RowSource& rest, model::Register& reg, EntityVersions& versions);

}  // namespace ansvar::store::rows
