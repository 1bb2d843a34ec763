#pragma once
// What both backends say and check the same way before they write: how a message names an entity
// ("processing activity \"pa1\""), the time of a write, and the caller's bugs a change can carry (no id, an entity
// other than the one it names). Internal to store/.
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/rows/tables.hpp"
#include "store/store.hpp"

namespace ansvar::store::internal {

inline std::string Label(Kind kind) {
  std::string s(ToString(kind));
  for (char& c : s)
    if (c == '_') c = ' ';
  return s;
}
inline std::string Quote(
    std::string_view s) {  // built by appending: GCC 12 warns falsely (-Wrestrict) on "\"" + s + "\""
  std::string q;
  q.reserve(s.size() + 2);
  q += '"';
  q += s;
  q += '"';
  return q;
}
inline std::string Name(const EntityKey& k) { return Label(k.kind) + " " + Quote(k.id); }

inline std::string Now() {
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return model::FormatTimestamp(model::Timestamp::FromSeconds(secs.count()));
}

// A change must name the entity it carries; an id is required (the app layer assigns delegations' and processor
// records' ids before storing). These are bugs of the caller, not conflicts.
inline void CheckChange(const Change& c, size_t i) {
  const std::string where = "change " + std::to_string(i) + " (" + Name(c.key) + ")";
  if (c.key.id.empty()) throw std::invalid_argument(where + ": the entity has no id");
  if (c.after) {
    if (KindOf(*c.after) != c.key.kind || IdOf(*c.after) != c.key.id)
      throw std::invalid_argument(where + ": the entity is " + Label(KindOf(*c.after)) + " " + Quote(IdOf(*c.after)));
  }
}

template <class T>
void CheckIds(const std::vector<T>& items, Kind kind) {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].id.empty())
      throw std::invalid_argument(Label(kind) + " at index " + std::to_string(i) +
                                  " has no id: the store keeps every entity by id");
}

// Where and at which version an entity is stored.
struct StoredAt {
  int64_t version = 0;
  int64_t position = 0;
};

// What a change of Apply() does, decided the same way by every backend from what is stored: a create (the id must
// be free; version 1, written at the end of its kind), an update (the expected version must match; the rows are
// deleted and written again in the entity's place with the next version), or a delete. Throws ConflictError.
struct ChangePlan {
  std::string_view action;          // "create" | "update" | "delete"
  int64_t version = 0;              // the new version (0 for a delete)
  bool remove = false;              // delete the stored rows first
  bool write = false;               // write the entity's rows
  std::optional<int64_t> position;  // where to write them; nullopt: one past the last of its kind
};
inline ChangePlan PlanChange(const Change& c, const std::optional<StoredAt>& stored) {
  if (c.after && !c.expected_version) {
    if (stored) throw ConflictError(ConflictReason::kExists, c.key, Name(c.key) + " already exists");
    return ChangePlan{"create", 1, false, true, std::nullopt};
  }
  if (!stored) throw ConflictError(ConflictReason::kMissing, c.key, Name(c.key) + " does not exist");
  if (c.expected_version && *c.expected_version != stored->version)
    throw ConflictError(ConflictReason::kStale, c.key,
                        Name(c.key) + " was changed by someone else (version " + std::to_string(stored->version) +
                            ", expected " + std::to_string(*c.expected_version) + ")");
  // An update rewrites the row and its child rows in the entity's place; references to it from other rows dangle
  // for a moment and resolve again before the backend checks them (at COMMIT, or by its deferred constraints).
  if (c.after) return ChangePlan{"update", stored->version + 1, true, true, stored->position};
  return ChangePlan{"delete", 0, true, false, std::nullopt};
}

// Runs a write of change `c`; an error of the backend that `is_data` says the data caused (a constraint it breaks
// at once, a value the database cannot hold) is a conflict of that change.
template <class BackendError, class Write, class IsData>
void WriteChange(const Change& c, Write&& write, IsData&& is_data) {
  try {
    write();
  } catch (const BackendError& e) {
    if (!is_data(e)) throw;
    throw ConflictError(ConflictReason::kUnstorable, c.key, Name(c.key) + " cannot be stored: " + e.detail());
  }
}

// Every entity of a register given to ReplaceRegister has an id, and every change of its audit names its entity.
inline void CheckReplace(const model::Register& reg, const std::vector<Change>& audit) {
  rows::ForEachCollection(reg, [](const auto& items) {
    CheckIds(items, rows::KindOfType<typename std::decay_t<decltype(items)>::value_type>());
  });
  for (size_t i = 0; i < audit.size(); ++i) CheckChange(audit[i], i);
}

}  // namespace ansvar::store::internal
