#pragma once
// The one place that chooses a storage backend: a PostgreSQL URL (postgresql://… or postgres://…) or a SQLite file.
#include <memory>
#include <string>

#include "store/store.hpp"

namespace ansvar::cli {

std::unique_ptr<store::Store> OpenStore(const std::string& db);

}  // namespace ansvar::cli
