#pragma once
// From a runtime Kind to the model type it names, and from a type to its place in the register.
#include <type_traits>
#include <vector>

#include "model/register.hpp"
#include "store/store.hpp"

namespace ansvar::app {

template <class T>
std::vector<T>& Items(model::Register& r) {
  if constexpr (std::is_same_v<T, model::Organization>)
    return r.organizations;
  else if constexpr (std::is_same_v<T, model::Committee>)
    return r.committees;
  else if constexpr (std::is_same_v<T, model::Administration>)
    return r.administrations;
  else if constexpr (std::is_same_v<T, model::Person>)
    return r.people;
  else if constexpr (std::is_same_v<T, model::System>)
    return r.systems;
  else if constexpr (std::is_same_v<T, model::Delegation>)
    return r.delegations;
  else if constexpr (std::is_same_v<T, model::PowerOfAttorney>)
    return r.powers_of_attorney;
  else if constexpr (std::is_same_v<T, model::ProcessingActivity>)
    return r.processing_activities;
  else if constexpr (std::is_same_v<T, model::ProcessorRecord>)
    return r.processor_records;
  else if constexpr (std::is_same_v<T, model::Incident>)
    return r.incidents;
  else if constexpr (std::is_same_v<T, model::DataSubjectRequest>)
    return r.data_subject_requests;
  else if constexpr (std::is_same_v<T, model::Cooperation>)
    return r.cooperations;
  else if constexpr (std::is_same_v<T, model::DpaDecision>)
    return r.dpa_decisions;
  else
    return r.agreements;
}

template <class T>
const std::vector<T>& Items(const model::Register& r) {
  return Items<T>(const_cast<model::Register&>(r));
}

template <class T>
constexpr store::Kind KindOfType() {
  return static_cast<store::Kind>(store::Entity(std::in_place_type<T>).index());
}

// Calls fn(std::type_identity<T>{}) with the model type of `kind`.
template <class Fn>
decltype(auto) WithKind(store::Kind kind, Fn&& fn) {
  using K = store::Kind;
  switch (kind) {
    case K::kOrganization:
      return fn(std::type_identity<model::Organization>{});
    case K::kCommittee:
      return fn(std::type_identity<model::Committee>{});
    case K::kAdministration:
      return fn(std::type_identity<model::Administration>{});
    case K::kPerson:
      return fn(std::type_identity<model::Person>{});
    case K::kSystem:
      return fn(std::type_identity<model::System>{});
    case K::kDelegation:
      return fn(std::type_identity<model::Delegation>{});
    case K::kPowerOfAttorney:
      return fn(std::type_identity<model::PowerOfAttorney>{});
    case K::kProcessingActivity:
      return fn(std::type_identity<model::ProcessingActivity>{});
    case K::kProcessorRecord:
      return fn(std::type_identity<model::ProcessorRecord>{});
    case K::kIncident:
      return fn(std::type_identity<model::Incident>{});
    case K::kDataSubjectRequest:
      return fn(std::type_identity<model::DataSubjectRequest>{});
    case K::kCooperation:
      return fn(std::type_identity<model::Cooperation>{});
    case K::kDpaDecision:
      return fn(std::type_identity<model::DpaDecision>{});
    case K::kAgreement:
      break;
  }
  return fn(std::type_identity<model::Agreement>{});
}

// Calls fn(items) for each collection of the register, in the order of the exchange format.
template <class Fn>
void ForEachCollection(const model::Register& r, Fn&& fn) {
  fn(r.organizations), fn(r.committees), fn(r.administrations), fn(r.people), fn(r.systems), fn(r.delegations);
  fn(r.powers_of_attorney), fn(r.processing_activities), fn(r.processor_records), fn(r.incidents);
  fn(r.data_subject_requests), fn(r.agreements), fn(r.cooperations), fn(r.dpa_decisions);
}

}  // namespace ansvar::app
