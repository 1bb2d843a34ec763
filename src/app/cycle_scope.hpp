#pragma once
// Whom a due item concerns, for the filters of GET /api/v1/due and the calendar feeds per administration and
// organization. Internal to app/.
#include <exception>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rules/due.hpp"
#include "rules/register_index.hpp"

namespace ansvar::app {

class DueScope {
 public:
  explicit DueScope(const rules::RegisterIndex& index) : index_(index) {
    for (const auto& a : index.reg().administrations)
      for (const auto& c : a.committees) admins_of_committee_[c.str()].insert(a.id.str());
    for (const auto& i : index.reg().incidents) incidents_.emplace(i.id.str(), &i);
    for (const auto& r : index.reg().data_subject_requests) requests_.emplace(r.id.str(), &r);
  }

  // The administrations an item concerns: its person's; the owner and users of its system; those that work for
  // its committee, its incident's or request's controllers; every administration of its organization.
  [[nodiscard]] std::set<std::string> Administrations(const rules::DueItem& it) const {
    std::set<std::string> out;
    if (it.person)
      if (const auto* p = index_.FindPerson(*it.person); p && p->administration) out.insert(p->administration->str());
    auto committee = [&](const std::string& c) {
      if (auto f = admins_of_committee_.find(c); f != admins_of_committee_.end())
        out.insert(f->second.begin(), f->second.end());
    };
    auto system = [&](const std::string& id) {
      if (const auto* s = index_.FindSystem(id)) {
        if (s->owner_administration) out.insert(s->owner_administration->str());
        for (const auto& a : s->used_by) out.insert(a.str());
      }
    };
    if (it.committee) committee(*it.committee);
    switch (it.subject.type) {
      case rules::SubjectType::kSystem:
        system(it.subject.id);
        break;
      case rules::SubjectType::kIncident:
        if (auto f = incidents_.find(it.subject.id); f != incidents_.end()) {
          if (f->second->system) system(f->second->system->str());
          for (const auto& c : f->second->controllers) committee(c.str());
        }
        break;
      case rules::SubjectType::kDataSubjectRequest:
        if (auto f = requests_.find(it.subject.id); f != requests_.end())
          for (const auto& c : f->second->controllers) committee(c.str());
        break;
      case rules::SubjectType::kOrganization:
        for (const auto* a : index_.AdministrationsOf(it.subject.id)) out.insert(a->id.str());
        break;
      default:
        break;
    }
    return out;
  }

  [[nodiscard]] bool ConcernsAdministration(const rules::DueItem& it, const std::string& admin) const {
    return Administrations(it).contains(admin);
  }

  [[nodiscard]] bool ConcernsCommittee(const rules::DueItem& it, const std::string& committee) const {
    if (it.committee == committee) return true;
    if (it.subject.type == rules::SubjectType::kSystem)
      if (const auto* s = index_.FindSystem(it.subject.id))
        for (const auto* c : index_.Controllers(index_.IndexOf(*s)))
          if (c->id.str() == committee) return true;
    return false;
  }

  [[nodiscard]] bool ConcernsOrganization(const rules::DueItem& it, const std::string& org) const {
    if (it.subject.type == rules::SubjectType::kOrganization) return it.subject.id == org;
    for (const auto& a : Administrations(it))
      if (const auto* admin = index_.FindAdministration(a); admin && admin->organization.str() == org) return true;
    return false;
  }

 private:
  const rules::RegisterIndex& index_;
  std::unordered_map<std::string, std::set<std::string>> admins_of_committee_;
  std::unordered_map<std::string, const model::Incident*> incidents_;
  std::unordered_map<std::string, const model::DataSubjectRequest*> requests_;
};

}  // namespace ansvar::app
