#pragma once
// What both backends say and check the same way before they write: how a message names an entity
// ("processing activity \"pa1\""), the time of a write, and the caller's bugs a change can carry (no id, an entity
// other than the one it names). Internal to store/.
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace ansvar::store::internal {

inline std::string Label(Kind kind) {
  std::string s(ToString(kind));
  for (char& c : s)
    if (c == '_') c = ' ';
  return s;
}
inline std::string Quote(std::string_view s) {  // built by appending: GCC 12 warns falsely (-Wrestrict) on "\"" + s + "\""
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

}  // namespace ansvar::store::internal
