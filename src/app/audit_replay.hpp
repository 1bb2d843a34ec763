#pragma once
// The register as it stood, replayed from the audit trail (issue 17: "as of" and the trend are expensive, and must
// neither hold the store's lock while they run nor keep the whole trail in memory):
//  - ForEachAuditEntry walks the trail oldest first, a page at a time, so that the store is asked for a bounded
//    number of entries at once and is free between pages;
//  - AuditReplay keeps the last image of each entity (parsed once), and builds the register of any moment of the
//    walk, so that the trend of 104 weeks is one walk of the trail instead of 105.
// Internal to app/.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "model/register.hpp"
#include "store/store.hpp"

namespace ansvar::app::internal {

inline constexpr size_t kAuditPage = 5000;

// Calls `fn` with each audit entry up to `to` (inclusive), oldest first, kAuditPage entries read at a time.
// Throws store::StoreError.
void ForEachAuditEntry(store::Store& store, model::Timestamp to, const std::function<void(store::AuditEntry&)>& fn);

class AuditReplay {
 public:
  void Apply(const store::AuditEntry& e);
  // The register of the images applied so far, entities in the order they were first created.
  [[nodiscard]] model::Register Build(model::Timestamp as_of, const std::string& rulebook_overrides) const;

 private:
  struct Latest {
    int64_t first_seq = 0;
    std::optional<store::Entity> entity;  // nullopt: deleted (or an image that could not be read)
  };
  std::map<store::EntityKey, Latest> latest_;
};

}  // namespace ansvar::app::internal
