#include "app/service_facts.hpp"

#include "app/entity_kinds.hpp"
#include "io/entity_json.hpp"

namespace ansvar::app {

template <class T>
const T* ServiceFacts::Find(std::string_view id, Held<T>& held) const {
  if (const auto it = held.find(id); it != held.end()) return it->second.get();
  std::unique_ptr<T> value;  // an id that is not there is remembered too
  const auto got = service_.Get(KindOfType<T>(), std::string(id));
  if (got.ok())
    if (auto read = io::ReadEntity<T>(got.value().json); read.value)
      value = std::make_unique<T>(std::move(*read.value));
  return held.emplace(std::string(id), std::move(value)).first->second.get();
}

const model::Administration* ServiceFacts::FindAdministration(std::string_view id) const {
  return Find(id, administrations_);
}

const model::System* ServiceFacts::FindSystem(std::string_view id) const { return Find(id, systems_); }

}  // namespace ansvar::app
