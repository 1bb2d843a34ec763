#pragma once
// The service's in-memory read model and its derived views. Internal to app/.
#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/entity_kinds.hpp"
#include "app/register_service.hpp"
#include "io/entity_json.hpp"
#include "model/validate.hpp"
#include "rules/check.hpp"
#include "rules/finding.hpp"
#include "rules/register_index.hpp"

namespace ansvar::app {

struct RegisterService::State : public model::Lookup {
  model::Register reg;
  std::array<std::unordered_map<std::string, int64_t>, store::kKindCount> versions;
  std::array<std::unordered_map<std::string, size_t>, store::kKindCount> positions;
  int64_t last_seq = 0;
  int64_t replace_count = 0;  // the store's, as of last_seq (Store::CatchUp)
  // This copy lacks a change it cannot catch up with: a write here found other instances' entries before its own.
  // The next Refresh() or write loads everything again.
  bool stale = false;
  // The store may be ahead (a write here met a conflict, or its outcome is unknown): the next write catches up first.
  bool behind = false;

  // The JSON of each entity as the API serves it (io::WriteEntity), position for position with its collection
  // ("" while not yet made): a list of 2,000 systems with their roles is then a concatenation, not 2,000
  // serialisations. An entity's JSON is made when a read first needs it (under json_mu, while readers hold the
  // shared lock; once made it does not change until a write) and kept up to date by the writes (under the exclusive
  // lock); a change the writes cannot follow drops the kind's JSON.
  struct JsonCache {
    std::vector<std::string> items;
    bool sized = false;  // items has one entry per entity of the kind
  };
  mutable std::array<JsonCache, store::kKindCount> json;
  mutable std::mutex json_mu;

  // Makes the JSON of the entities at positions `wanted` of the kind (with the shared lock held); the entries then stay
  // as they are until the next write.
  const std::vector<std::string>& Json(Kind kind, const std::vector<size_t>& wanted) const {
    auto& cache = json[static_cast<size_t>(kind)];
    std::lock_guard lock(json_mu);
    WithKind(kind, [&]<class T>(std::type_identity<T>) {
      const auto& items = Items<T>(reg);
      if (!cache.sized) {
        cache.items.assign(items.size(), std::string());
        cache.sized = true;
      }
      for (const size_t pos : wanted)
        if (cache.items[pos].empty()) cache.items[pos] = io::WriteEntity(items[pos]);
    });
    return cache.items;
  }
  // The JSON of one entity when it is made, else nullptr (with the shared lock held).
  const std::string* CachedJson(Kind kind, size_t pos) const {
    const auto& cache = json[static_cast<size_t>(kind)];
    std::lock_guard lock(json_mu);
    return cache.sized && pos < cache.items.size() && !cache.items[pos].empty() ? &cache.items[pos] : nullptr;
  }
  // After a write (with the exclusive lock held): the entity at `pos` is now `text` (pos == size: appended).
  void JsonSet(Kind kind, size_t pos, std::string text) {
    auto& cache = json[static_cast<size_t>(kind)];
    if (!cache.sized) return;
    if (pos < cache.items.size())
      cache.items[pos] = std::move(text);
    else if (pos == cache.items.size())
      cache.items.push_back(std::move(text));
    else
      JsonDrop(kind);
  }
  // After the entity at `pos` was removed (exclusive lock).
  void JsonErase(Kind kind, size_t pos) {
    auto& cache = json[static_cast<size_t>(kind)];
    if (!cache.sized) return;
    if (pos < cache.items.size())
      cache.items.erase(cache.items.begin() + static_cast<std::ptrdiff_t>(pos));
    else
      JsonDrop(kind);
  }
  void JsonDrop(Kind kind) {
    auto& cache = json[static_cast<size_t>(kind)];
    cache.items.clear();
    cache.sized = false;
  }

  void Reindex(Kind kind) {
    auto& pos = positions[static_cast<size_t>(kind)];
    pos.clear();
    WithKind(kind, [&]<class T>(std::type_identity<T>) {
      const auto& items = Items<T>(reg);
      pos.reserve(items.size());
      for (size_t i = 0; i < items.size(); ++i) pos.emplace(items[i].id.str(), i);
    });
  }
  void ReindexAll() {
    for (size_t k = 0; k < store::kKindCount; ++k) Reindex(static_cast<Kind>(k));
  }
  template <class T>
  const T* Find(const std::string& id) const {
    const auto& pos = positions[static_cast<size_t>(KindOfType<T>())];
    const auto it = pos.find(id);
    return it == pos.end() ? nullptr : &Items<T>(reg)[it->second];
  }
  int64_t Version(Kind kind, const std::string& id) const {
    const auto& v = versions[static_cast<size_t>(kind)];
    const auto it = v.find(id);
    return it == v.end() ? 0 : it->second;
  }

  [[nodiscard]] bool Has(model::Collection c, std::string_view id) const override {
    const auto k = static_cast<size_t>(c);
    return k < positions.size() && positions[k].contains(std::string(id));
  }
  [[nodiscard]] const model::Administration* FindAdministration(std::string_view id) const override {
    return Find<model::Administration>(std::string(id));
  }
};

// The evaluation of one version of the register at one instant, with the findings grouped for filtering.
struct RegisterService::Derived {
  Derived(const model::Register& reg, rules::Rulebook rb, model::Timestamp at)
      : index(reg), rulebook(std::move(rb)), as_of(at), built(std::chrono::steady_clock::now()) {}
  rules::RegisterIndex index;
  rules::Rulebook rulebook;
  model::Timestamp as_of;
  std::chrono::steady_clock::time_point built;
  rules::Evaluation evaluation;  // the findings (rules::Check's, and R-MSG-STALE's) with their origins
  // Finding indices by the administrations and committees they concern.
  std::unordered_map<std::string, std::vector<uint32_t>> by_administration;
  std::unordered_map<std::string, std::vector<uint32_t>> by_committee;
};

}  // namespace ansvar::app
