#pragma once
// Lookups over one register, built once per evaluation: entities by id, the committee of a person, the
// controller committees of each system (register-format.md "Definitions the rules rely on").
// Holds pointers into the register, which must outlive it.
#include <array>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/id_map.hpp"
#include "model/register.hpp"

namespace ansvar::rules {

class RegisterIndex {
 public:
  explicit RegisterIndex(const model::Register& reg);

  [[nodiscard]] const model::Register& reg() const { return reg_; }

  [[nodiscard]] const model::Organization* FindOrganization(std::string_view id) const;
  [[nodiscard]] const model::Committee* FindCommittee(std::string_view id) const;
  [[nodiscard]] const model::Administration* FindAdministration(std::string_view id) const;
  [[nodiscard]] const model::Person* FindPerson(std::string_view id) const;
  [[nodiscard]] const model::System* FindSystem(std::string_view id) const;
  [[nodiscard]] const model::PowerOfAttorney* FindPowerOfAttorney(std::string_view id) const;
  [[nodiscard]] const model::ProcessingActivity* FindActivity(std::string_view id) const;

  // The administration's employing committee: `employing_committee`, else its first committee.
  [[nodiscard]] const model::Committee* EmployingCommittee(const model::Administration& admin) const;
  // "Committee of a person": the employing committee of the person's administration.
  [[nodiscard]] const model::Committee* CommitteeOfPerson(const model::Person& person) const;
  [[nodiscard]] const model::Unit* UnitOf(const model::Person& person) const;
  [[nodiscard]] const model::Administration* AdministrationOf(const model::Person& person) const;

  // The organization's first committee of that kind, or nullptr.
  [[nodiscard]] const model::Committee* CommitteeOfKind(std::string_view organization, model::CommitteeKind kind) const;
  // True when the administration works for the executive board or the service committee.
  [[nodiscard]] bool IsKsOrServiceAdministration(const model::Administration& admin) const;
  [[nodiscard]] std::span<const model::Administration* const> AdministrationsOf(std::string_view organization) const;

  // The system's organization: that of its owner administration, else of its first user.
  [[nodiscard]] const model::Organization* OrganizationOf(const model::System& system) const;
  // Distinct organizations of the administrations in `used_by`, in order of first use.
  [[nodiscard]] std::vector<const model::Organization*> UserOrganizations(const model::System& system) const;

  [[nodiscard]] size_t IndexOf(const model::System& system) const {
    return static_cast<size_t>(&system - reg_.systems.data());
  }
  // Controller committees of a system, sorted by id: the controllers of the processing activities that list it,
  // where none do, every committee served by an administration in `used_by`.
  [[nodiscard]] std::span<const model::Committee* const> Controllers(size_t system_index) const;
  [[nodiscard]] std::span<const model::ProcessingActivity* const> ActivitiesOf(size_t system_index) const;
  [[nodiscard]] std::span<const model::ProcessorRecord* const> ProcessorRecordsOf(size_t system_index) const;
  [[nodiscard]] std::span<const model::Agreement* const> AgreementsOf(size_t system_index) const;
  [[nodiscard]] std::span<const model::Delegation* const> DelegationsOf(std::string_view committee) const;
  // The cooperations that list the system, in register order; CooperationOf gives the first (or nullptr).
  [[nodiscard]] std::span<const model::Cooperation* const> CooperationsOf(size_t system_index) const {
    return cooperations_.At(system_index);
  }
  [[nodiscard]] const model::Cooperation* CooperationOf(const model::System& system) const {
    const auto list = CooperationsOf(IndexOf(system));
    return list.empty() ? nullptr : list.front();
  }
  [[nodiscard]] std::span<const model::DpaDecision* const> DpaDecisionsOf(size_t system_index) const {
    return dpa_decisions_.At(system_index);
  }

  // Persons holding the role on the system, in the order they are listed.
  [[nodiscard]] std::vector<const model::Person*> Holders(const model::System& system, model::RoleKind role) const;
  [[nodiscard]] bool HasRole(const model::System& system, model::RoleKind role) const;

 private:
  // A list per key, stored flat: items_[offsets_[k] .. offsets_[k+1]).
  template <class T>
  struct Multi {
    std::vector<uint32_t> offsets;
    std::vector<T> items;
    [[nodiscard]] std::span<const T> At(size_t k) const {
      return {items.data() + offsets[k], items.data() + offsets[k + 1]};
    }
  };

  void BuildControllers();

  const model::Register& reg_;
  model::IdMap<const model::Organization*> orgs_;
  model::IdMap<const model::Committee*> committees_;
  model::IdMap<const model::Administration*> admins_;
  model::IdMap<const model::Person*> people_;
  model::IdMap<const model::System*> systems_;
  model::IdMap<const model::PowerOfAttorney*> poas_;
  model::IdMap<const model::ProcessingActivity*> activities_by_id_;
  std::unordered_map<std::string_view, std::vector<const model::Administration*>> admins_by_org_;
  std::unordered_map<std::string_view, std::vector<const model::Delegation*>> delegations_;
  std::unordered_map<const model::Administration*, const model::Committee*> employing_;
  // Per organization, its first committee of each kind (CommitteeOfKind).
  std::unordered_map<std::string_view, std::array<const model::Committee*, model::kEnumCount<model::CommitteeKind>>>
      committee_of_kind_;
  Multi<const model::Committee*> controllers_;
  Multi<const model::ProcessingActivity*> activities_;
  Multi<const model::ProcessorRecord*> processor_records_;
  Multi<const model::Agreement*> agreements_;
  Multi<const model::Cooperation*> cooperations_;
  Multi<const model::DpaDecision*> dpa_decisions_;
};

}  // namespace ansvar::rules
