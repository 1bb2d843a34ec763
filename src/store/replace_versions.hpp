#pragma once
// The versions of a whole-register replace, decided the same way by every backend. Versions carry over: an entity
// the replace leaves as it was keeps its version, one the audit names as changed gets the next, a new one gets 1,
// so an ETag read before the replace still detects a change made by it. The action of each audit entry follows
// from what was stored before and what is stored after (whether the caller set `after` does not matter: an import
// may leave it empty and give only the JSON images). Internal to store/.
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/store.hpp"

namespace ansvar::store::internal {

class ReplaceVersions {
 public:
  explicit ReplaceVersions(const std::vector<Change>& audit) {
    for (const Change& c : audit) changed_.insert(c.key);
  }

  // What was stored before the replace.
  void Stored(Kind kind, std::string id, int64_t version) { before_[Index(kind)].emplace(std::move(id), version); }

  // The version of an entity the replace writes; `id` must outlive this object (it views the caller's register).
  int64_t Written(Kind kind, std::string_view id) {
    const auto& old = before_[Index(kind)];
    const auto it = old.find(std::string(id));
    int64_t version = 1;
    if (it != old.end()) version = changed_.contains(EntityKey{kind, std::string(id)}) ? it->second + 1 : it->second;
    after_[Index(kind)].emplace(id, version);
    return version;
  }

  // The audit entry's action and the entity's version after the replace (0 when it is gone).
  [[nodiscard]] std::pair<std::string_view, int64_t> Outcome(const Change& c) const {
    const bool existed = before_[Index(c.key.kind)].contains(c.key.id);
    const auto& now = after_[Index(c.key.kind)];
    const auto it = now.find(c.key.id);
    const bool exists = it != now.end();
    std::string_view action = existed ? (exists ? "update" : "delete") : "create";
    if (!existed && !exists) action = c.after_json.empty() ? "delete" : "create";  // neither: as the images say
    return {action, exists ? it->second : 0};
  }

 private:
  static size_t Index(Kind kind) { return static_cast<size_t>(kind); }
  std::set<EntityKey> changed_;
  std::array<std::unordered_map<std::string, int64_t>, kKindCount> before_;
  std::array<std::unordered_map<std::string_view, int64_t>, kKindCount> after_;
};

}  // namespace ansvar::store::internal
