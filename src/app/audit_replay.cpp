#include "app/audit_replay.hpp"

#include <algorithm>
#include <type_traits>
#include <utility>
#include <vector>

#include "app/entity_kinds.hpp"
#include "io/entity_json.hpp"

namespace ansvar::app::internal {

void ForEachAuditEntry(store::Store& store, model::Timestamp to, const std::function<void(store::AuditEntry&)>& fn) {
  store::AuditFilter filter;
  filter.to = to;
  filter.newest_first = false;
  filter.limit = kAuditPage;
  for (;;) {
    auto page = store.ReadAudit(filter);
    for (auto& e : page) fn(e);
    if (page.size() < kAuditPage) return;
    filter.after_seq = page.back().seq;
  }
}

void AuditReplay::Apply(const store::AuditEntry& e) {
  auto& l = latest_[store::EntityKey{e.kind, e.entity_id}];
  if (!l.entity) l.first_seq = e.seq;  // created, or created again after a delete
  l.entity.reset();
  if (e.after_json.empty()) return;
  WithKind(e.kind, [&]<class T>(std::type_identity<T>) {
    auto read = io::ReadEntity<T>(e.after_json);
    if (read.value) l.entity.emplace(std::in_place_type<T>, std::move(*read.value));
  });
}

model::Register AuditReplay::Build(model::Timestamp as_of, const std::string& rulebook_overrides) const {
  std::vector<const Latest*> ordered;
  ordered.reserve(latest_.size());
  for (const auto& [key, l] : latest_)
    if (l.entity) ordered.push_back(&l);
  std::sort(ordered.begin(), ordered.end(),
            [](const Latest* a, const Latest* b) { return a->first_seq < b->first_seq; });
  model::Register reg;
  reg.as_of = as_of;
  reg.as_of_is_date = as_of.seconds() % 86400 == 0;
  reg.rulebook_overrides = rulebook_overrides;
  for (const Latest* l : ordered)
    std::visit([&]<class T>(const T& entity) { Items<T>(reg).push_back(entity); }, *l->entity);
  return reg;
}

}  // namespace ansvar::app::internal
