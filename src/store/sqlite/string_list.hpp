#pragma once
// The string-list codec now lives in store/ (shared with PostgreSQL); these names keep SQLite's code unchanged.
#include "store/string_list.hpp"

namespace ansvar::store::sqlite {

using store::DecodeStringList;
using store::EncodeStringList;

}  // namespace ansvar::store::sqlite
