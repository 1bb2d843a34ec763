#include "store/rows/dangling.hpp"

#include <array>

#include "store/change_checks.hpp"
#include "store/rows/tables.hpp"

namespace ansvar::store::rows {

using internal::Name;
using internal::Quote;

std::string QuoteIdentifier(std::string_view name) {
  std::string q = "\"";
  for (const char c : name) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

std::optional<Dangling> FindDangling(RowSource& source, const ForeignKey& fk, std::string_view column,
                                     std::string_view value) {
  const TableDef* owner = FindTable(fk.table);
  if (!owner) return std::nullopt;
  // SELECT owner, from… FROM table AS c WHERE [c.column = $1 AND] c.from… IS NOT NULL
  //   AND NOT EXISTS (SELECT 1 FROM parent AS p WHERE p.to = c.from …) LIMIT 1
  std::string sql = "SELECT c." + QuoteIdentifier(owner->id_column);
  for (const auto& f : fk.from) sql += ", c." + QuoteIdentifier(f);
  sql += " FROM " + QuoteIdentifier(fk.table) + " AS c WHERE ";
  if (!column.empty()) sql += "c." + QuoteIdentifier(column) + " = " + std::string(source.Placeholder()) + "1 AND ";
  for (const auto& f : fk.from) sql += "c." + QuoteIdentifier(f) + " IS NOT NULL AND ";
  sql += "NOT EXISTS (SELECT 1 FROM " + QuoteIdentifier(fk.parent) + " AS p WHERE ";
  for (size_t i = 0; i < fk.from.size(); ++i)
    sql += (i ? " AND p." : "p.") + QuoteIdentifier(fk.to[i]) + " = c." + QuoteIdentifier(fk.from[i]);
  sql += ") LIMIT 1";
  const std::array<std::string_view, 1> params{value};
  std::optional<Dangling> found;
  source.Select(sql, column.empty() ? std::span<const std::string_view>() : std::span(params), [&](const RowCursor& r) {
    Dangling d{&fk, EntityKey{owner->kind, std::string(r.Text(0))}, {}};
    for (size_t i = 0; i < fk.from.size(); ++i) d.values.emplace_back(r.Text(static_cast<int>(i + 1)));
    found = std::move(d);
  });
  return found;
}

ConflictError ExplainDangling(RowSource& source, const std::vector<ForeignKey>& fks, const std::vector<Change>* batch,
                              const std::function<std::optional<Dangling>()>& anywhere) {
  std::optional<Dangling> d;
  for (size_t i = 0; batch && i < batch->size() && !d; ++i) {
    const Change& c = (*batch)[i];
    const bool removes = !c.after || c.expected_version;  // a delete, or an update that rewrote the entity
    for (const ForeignKey& fk : fks) {
      const TableDef* owner = FindTable(fk.table);
      const TableDef* parent_owner = FindTable(fk.parent);
      if (removes && parent_owner && parent_owner->kind == c.key.kind) {
        for (size_t k = 0; k < fk.to.size() && !d; ++k)
          if (fk.to[k] == parent_owner->id_column) d = FindDangling(source, fk, fk.from[k], c.key.id);
      }
      if (!d && c.after && owner && owner->kind == c.key.kind) d = FindDangling(source, fk, owner->id_column, c.key.id);
      if (d) break;
    }
  }
  if (!d) d = anywhere();
  if (!d) {
    const EntityKey key = batch && !batch->empty() ? batch->front().key : EntityKey{};
    return ConflictError(ConflictReason::kDangling, key, "a reference does not resolve");
  }

  const ForeignKey& fk = *d->fk;
  const TableDef* parent_owner = FindTable(fk.parent);
  std::string parent_id, sub_key, columns;  // for a unit or a document, sub_key is its id within its parent
  for (size_t i = 0; i < fk.from.size(); ++i) {
    if (parent_owner && fk.to[i] == parent_owner->id_column)
      parent_id = d->values[i];
    else
      sub_key = d->values[i];
    columns += (i ? ", " : "") + fk.from[i];
  }
  const EntityKey target{parent_owner ? parent_owner->kind : Kind::kSystem, parent_id};
  std::string what = Name(target);
  if (fk.parent == "units")
    what = "unit " + Quote(sub_key) + " of " + what;
  else if (fk.parent == "system_documents")
    what = "document " + Quote(sub_key) + " of " + what;
  const std::string via = fk.table + "." + columns + " of " + Name(d->referrer);

  if (batch) {
    for (auto it = batch->rbegin(); it != batch->rend(); ++it) {
      if (it->key != target) continue;
      if (!it->after)
        return ConflictError(ConflictReason::kReferenced, target,
                             Name(target) + " cannot be deleted: " + via + " still refers to it");
      if (what != Name(target))
        return ConflictError(
            ConflictReason::kReferenced, target,
            Name(target) + " cannot drop " + what.substr(0, what.find(" of ")) + ": " + via + " still refers to it");
      break;
    }
  }
  return ConflictError(
      ConflictReason::kDangling, d->referrer,
      Name(d->referrer) + " refers to " + what + " (" + fk.table + "." + columns + "), which does not exist");
}

}  // namespace ansvar::store::rows
