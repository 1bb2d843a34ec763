#pragma once
// The versions of a whole-register replace, decided the same way by every backend. Versions carry over: an entity
// the replace leaves as it was keeps its version, one the audit names as changed gets the next, a new one gets 1,
// so an ETag read before the replace still detects a change made by it. The action of each audit entry follows
// from what was stored before and what is stored after (whether the caller set `after` does not matter: an import
// may leave it empty and give only the JSON images). Internal to store/.
#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/id_map.hpp"
#include "store/store.hpp"

namespace ansvar::store::internal {

class ReplaceVersions {
 public:
  // `audit` must outlive this object: the changed ids are views of its keys.
  explicit ReplaceVersions(const std::vector<Change>& audit) {
    for (const Change& c : audit) changed_[Index(c.key.kind)].Insert(c.key.id, 1);
  }

  // What was stored before the replace.
  void Stored(Kind kind, std::string id, int64_t version) {
    const std::string& kept = stored_ids_.emplace_back(std::move(id));
    before_[Index(kind)].Insert(kept, version);
  }

  // The version of an entity the replace writes; `id` must outlive this object (it views the caller's register).
  int64_t Written(Kind kind, std::string_view id) {
    int64_t version = 1;
    if (const int64_t* old = before_[Index(kind)].Find(id))
      version = changed_[Index(kind)].Contains(id) ? *old + 1 : *old;
    after_[Index(kind)].Insert(id, version);
    return version;
  }

  // The audit entry's action and the entity's version after the replace (0 when it is gone).
  [[nodiscard]] std::pair<std::string_view, int64_t> Outcome(const Change& c) const {
    const bool existed = before_[Index(c.key.kind)].Contains(c.key.id);
    const int64_t* now = after_[Index(c.key.kind)].Find(c.key.id);
    const bool exists = now != nullptr;
    std::string_view action = existed ? (exists ? "update" : "delete") : "create";
    if (!existed && !exists) action = c.after_json.empty() ? "delete" : "create";  // neither: as the images say
    return {action, exists ? *now : 0};
  }

 private:
  static size_t Index(Kind kind) { return static_cast<size_t>(kind); }
  // Open-addressing maps over views (model/id_map.hpp), per kind: a national import names 600,000 entities, each
  // looked up three times; a std::set of keys compared them string by string, a std::unordered_map allocated a node
  // each. The first version of an id is kept, as emplace did.
  std::array<model::IdMap<char>, kKindCount> changed_;  // views of the audit's ids
  std::deque<std::string> stored_ids_;  // the ids read back, which before_ views (a deque: they stay put)
  std::array<model::IdMap<int64_t>, kKindCount> before_;
  std::array<model::IdMap<int64_t>, kKindCount> after_;  // views of the written register's ids
};

}  // namespace ansvar::store::internal
