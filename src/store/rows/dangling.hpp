#pragma once
// Why a write leaves a reference dangling, explained the same way by every backend: when the batch deleted (or
// rewrote) what the reference points to, the conflict is that change's ("person "p1" cannot be deleted:
// system_roles.person_id of system "raindance" still refers to it"); otherwise it is the referencing entity's
// ("system "x" refers to person "p9" (system_roles.person_id), which does not exist"). The backends read their
// foreign keys from their own catalogs into ForeignKey. Internal to store/.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/rows/row_cursor.hpp"
#include "store/store.hpp"

namespace ansvar::store::rows {

// A foreign key of a register table.
struct ForeignKey {
  std::string name;    // the constraint's name (PostgreSQL; "" in SQLite)
  int64_t number = 0;  // the key's number within its table (SQLite's pragma_foreign_key_list id)
  std::string table;
  std::string parent;
  std::vector<std::string> from;  // columns of `table`
  std::vector<std::string> to;    // the columns of `parent` they refer to
  std::string definition;         // "FOREIGN KEY (…) REFERENCES …" (PostgreSQL, to add it again)
};

// A row whose foreign key refers to no row: the entity it belongs to, and the values of its key's columns.
struct Dangling {
  const ForeignKey* fk = nullptr;
  EntityKey referrer;
  std::vector<std::string> values;  // one per fk->from
};

// An identifier quoted for SQL (both dialects: double quotes, an inner one doubled).
std::string QuoteIdentifier(std::string_view name);

// A row of fk.table that `fk` finds dangling; with `column`, only among rows where column = value (by index).
std::optional<Dangling> FindDangling(RowSource& source, const ForeignKey& fk, std::string_view column = {},
                                     std::string_view value = {});

// The conflict that explains the first dangling reference of the open transaction. The rows a batch can have left
// dangling are looked at first (by index): rows that referred to what it deleted or rewrote, and the rows it wrote
// itself. When they explain nothing (or for a whole-register replace, `batch` nullptr), `anywhere` finds one.
ConflictError ExplainDangling(RowSource& source, const std::vector<ForeignKey>& fks, const std::vector<Change>* batch,
                              const std::function<std::optional<Dangling>()>& anywhere);

}  // namespace ansvar::store::rows
