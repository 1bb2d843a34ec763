#pragma once
// The service's in-memory read model and its derived views. Internal to app/.
#include <array>
#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/entity_kinds.hpp"
#include "app/register_service.hpp"
#include "model/validate.hpp"
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
  std::vector<rules::Finding> findings;
  // Finding indices by the administrations and committees they concern.
  std::unordered_map<std::string, std::vector<uint32_t>> by_administration;
  std::unordered_map<std::string, std::vector<uint32_t>> by_committee;
};

}  // namespace ansvar::app
