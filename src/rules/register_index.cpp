#include "rules/register_index.hpp"

#include <algorithm>
#include <thread>

namespace ansvar::rules {
namespace {

template <class T>
const T* FindIn(const model::IdMap<const T*>& map, std::string_view id) {
  const auto* found = map.Find(id);
  return found == nullptr ? nullptr : *found;
}

// The first item of each id, as std::unordered_map::emplace keeps it.
template <class T>
model::IdMap<const T*> ById(const std::vector<T>& items) {
  model::IdMap<const T*> map;
  map.Reserve(items.size());
  for (const auto& item : items) map.Insert(item.id.str(), &item);
  return map;
}

bool CommitteeIdLess(const model::Committee* a, const model::Committee* b) { return a->id < b->id; }

}  // namespace

RegisterIndex::RegisterIndex(const model::Register& reg)
    : reg_(reg),
      orgs_(ById(reg.organizations)),
      committees_(ById(reg.committees)),
      admins_(ById(reg.administrations)),
      systems_(ById(reg.systems)) {
  // Per-system lists, by counting then filling (one allocation each).
  const size_t n = reg.systems.size();
  auto fill = [this, n](auto& multi, const auto& source, auto&& systems_of) {
    multi.offsets.assign(n + 1, 0);
    for (const auto& item : source)
      for (const auto& sid : systems_of(item))
        if (const auto* s = FindSystem(sid.str())) ++multi.offsets[IndexOf(*s) + 1];
    for (size_t i = 0; i < n; ++i) multi.offsets[i + 1] += multi.offsets[i];
    multi.items.resize(multi.offsets[n]);
    std::vector<uint32_t> cursor(multi.offsets.begin(), multi.offsets.end() - 1);
    for (const auto& item : source)
      for (const auto& sid : systems_of(item))
        if (const auto* s = FindSystem(sid.str())) multi.items[cursor[IndexOf(*s)]++] = &item;
  };

  // On a second thread for a large register: the lookups by id that the rest of this constructor does not use, and
  // the activities of each system (which need only the systems by id).
  auto rest = [this, &reg, &fill] {
    people_ = ById(reg.people);
    poas_ = ById(reg.powers_of_attorney);
    activities_by_id_ = ById(reg.processing_activities);
    fill(
        activities_, reg.processing_activities,
        [](const model::ProcessingActivity& a) -> const auto& { return a.systems; });
  };
  std::jthread other;
  if (reg.people.size() + reg.processing_activities.size() >= 20000 && std::thread::hardware_concurrency() > 1)
    other = std::jthread(rest);
  else
    rest();

  for (const auto& c : reg.committees) {
    auto& first = committee_of_kind_[c.organization.str()];
    auto& slot = first[static_cast<size_t>(c.kind)];
    if (slot == nullptr) slot = &c;
  }
  for (const auto& a : reg.administrations) {
    admins_by_org_[a.organization.str()].push_back(&a);
    const model::Committee* employing = nullptr;
    if (a.employing_committee)
      employing = FindCommittee(a.employing_committee->str());
    else if (!a.committees.empty())
      employing = FindCommittee(a.committees.front().str());
    employing_.emplace(&a, employing);
  }
  for (const auto& d : reg.delegations) delegations_[d.committee.str()].push_back(&d);
  fill(
      agreements_, reg.agreements, [](const model::Agreement& a) -> const auto& { return a.systems; });
  fill(processor_records_, reg.processor_records,
       [](const model::ProcessorRecord& r) { return std::array<model::SystemId, 1>{r.system}; });
  fill(
      cooperations_, reg.cooperations, [](const model::Cooperation& c) -> const auto& { return c.systems; });
  fill(dpa_decisions_, reg.dpa_decisions,
       [](const model::DpaDecision& d) { return std::array<model::SystemId, 1>{d.system}; });
  if (other.joinable()) other.join();  // the controllers need the activities of each system
  BuildControllers();
}

void RegisterIndex::BuildControllers() {
  const size_t n = reg_.systems.size();
  controllers_.offsets.assign(n + 1, 0);
  controllers_.items.reserve(n * 2);
  std::vector<const model::Committee*> scratch;
  for (size_t i = 0; i < n; ++i) {
    scratch.clear();
    for (const auto* activity : ActivitiesOf(i))
      if (activity->controller)
        if (const auto* c = FindCommittee(activity->controller->str())) scratch.push_back(c);
    if (scratch.empty()) {
      for (const auto& admin_id : reg_.systems[i].used_by)
        if (const auto* admin = FindAdministration(admin_id.str()))
          for (const auto& cid : admin->committees)
            if (const auto* c = FindCommittee(cid.str())) scratch.push_back(c);
    }
    std::sort(scratch.begin(), scratch.end(), CommitteeIdLess);
    scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
    controllers_.items.insert(controllers_.items.end(), scratch.begin(), scratch.end());
    controllers_.offsets[i + 1] = static_cast<uint32_t>(controllers_.items.size());
  }
}

const model::Organization* RegisterIndex::FindOrganization(std::string_view id) const { return FindIn(orgs_, id); }
const model::Committee* RegisterIndex::FindCommittee(std::string_view id) const { return FindIn(committees_, id); }
const model::Administration* RegisterIndex::FindAdministration(std::string_view id) const {
  return FindIn(admins_, id);
}
const model::Person* RegisterIndex::FindPerson(std::string_view id) const { return FindIn(people_, id); }
const model::System* RegisterIndex::FindSystem(std::string_view id) const { return FindIn(systems_, id); }
const model::PowerOfAttorney* RegisterIndex::FindPowerOfAttorney(std::string_view id) const {
  return FindIn(poas_, id);
}
const model::ProcessingActivity* RegisterIndex::FindActivity(std::string_view id) const {
  return FindIn(activities_by_id_, id);
}

const model::Committee* RegisterIndex::EmployingCommittee(const model::Administration& admin) const {
  const auto it = employing_.find(&admin);
  return it == employing_.end() ? nullptr : it->second;
}

const model::Administration* RegisterIndex::AdministrationOf(const model::Person& person) const {
  return person.administration ? FindAdministration(person.administration->str()) : nullptr;
}

const model::Committee* RegisterIndex::CommitteeOfPerson(const model::Person& person) const {
  const auto* admin = AdministrationOf(person);
  return admin ? EmployingCommittee(*admin) : nullptr;
}

const model::Unit* RegisterIndex::UnitOf(const model::Person& person) const {
  const auto* admin = AdministrationOf(person);
  if (!admin || !person.unit) return nullptr;
  for (const auto& u : admin->units)
    if (u.id == *person.unit) return &u;
  return nullptr;
}

const model::Committee* RegisterIndex::CommitteeOfKind(std::string_view organization, model::CommitteeKind kind) const {
  const auto it = committee_of_kind_.find(organization);
  return it == committee_of_kind_.end() ? nullptr : it->second[static_cast<size_t>(kind)];
}

bool RegisterIndex::IsKsOrServiceAdministration(const model::Administration& admin) const {
  for (const auto& cid : admin.committees)
    if (const auto* c = FindCommittee(cid.str()))
      if (c->kind == model::CommitteeKind::kExecutiveBoard || c->kind == model::CommitteeKind::kServiceCommittee)
        return true;
  return false;
}

std::span<const model::Administration* const> RegisterIndex::AdministrationsOf(std::string_view organization) const {
  const auto it = admins_by_org_.find(organization);
  if (it == admins_by_org_.end()) return {};
  return it->second;
}

const model::Organization* RegisterIndex::OrganizationOf(const model::System& system) const {
  const model::Administration* admin = nullptr;
  if (system.owner_administration) admin = FindAdministration(system.owner_administration->str());
  if (!admin && !system.used_by.empty()) admin = FindAdministration(system.used_by.front().str());
  return admin ? FindOrganization(admin->organization.str()) : nullptr;
}

std::vector<const model::Organization*> RegisterIndex::UserOrganizations(const model::System& system) const {
  std::vector<const model::Organization*> out;
  for (const auto& admin_id : system.used_by)
    if (const auto* admin = FindAdministration(admin_id.str()))
      if (const auto* org = FindOrganization(admin->organization.str()))
        if (std::find(out.begin(), out.end(), org) == out.end()) out.push_back(org);
  return out;
}

std::span<const model::Committee* const> RegisterIndex::Controllers(size_t i) const { return controllers_.At(i); }
std::span<const model::ProcessingActivity* const> RegisterIndex::ActivitiesOf(size_t i) const {
  return activities_.At(i);
}
std::span<const model::ProcessorRecord* const> RegisterIndex::ProcessorRecordsOf(size_t i) const {
  return processor_records_.At(i);
}
std::span<const model::Agreement* const> RegisterIndex::AgreementsOf(size_t i) const { return agreements_.At(i); }

std::span<const model::Delegation* const> RegisterIndex::DelegationsOf(std::string_view committee) const {
  const auto it = delegations_.find(committee);
  if (it == delegations_.end()) return {};
  return it->second;
}

std::vector<const model::Person*> RegisterIndex::Holders(const model::System& system, model::RoleKind role) const {
  std::vector<const model::Person*> out;
  for (const auto& r : system.roles)
    if (r.role == role && r.person)
      if (const auto* p = FindPerson(r.person->str())) out.push_back(p);
  return out;
}

bool RegisterIndex::HasRole(const model::System& system, model::RoleKind role) const {
  return std::any_of(system.roles.begin(), system.roles.end(), [&](const auto& r) { return r.role == role; });
}

}  // namespace ansvar::rules
