#include "model/validate.hpp"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace ansvar::model {
namespace {

// Collects problems; stops adding once the limit is reached.
class Collector {
 public:
  explicit Collector(size_t limit) : limit_(limit) {}
  void Add(std::string path, std::string message) {
    if (problems_.size() < limit_) problems_.push_back({std::move(path), std::move(message)});
  }
  std::vector<Problem> Take() { return std::move(problems_); }

 private:
  size_t limit_;
  std::vector<Problem> problems_;
};

std::string At(std::string_view base, size_t i) { return std::string(base) + "[" + std::to_string(i) + "]"; }
std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The ids of one collection, with the index of their first occurrence.
template <class T>
std::unordered_map<std::string_view, size_t> IndexIds(const std::vector<T>& items, std::string_view collection,
                                                        Collector& out) {
  std::unordered_map<std::string_view, size_t> ids;
  ids.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& id = items[i].id.str();
    if (id.empty()) {
      out.Add(At(collection, i) + ".id", "missing id");
      continue;
    }
    auto [it, inserted] = ids.emplace(id, i);
    if (!inserted) out.Add(At(collection, i) + ".id", "duplicate id " + Quote(id) + " (first at " + At(collection, it->second) + ")");
  }
  return ids;
}

class Validator {
 public:
  Validator(const Register& reg, size_t limit) : reg_(reg), out_(limit) {}

  std::vector<Problem> Run() {
    orgs_ = IndexIds(reg_.organizations, "$.organizations", out_);
    committees_ = IndexIds(reg_.committees, "$.committees", out_);
    admins_ = IndexIds(reg_.administrations, "$.administrations", out_);
    people_ = IndexIds(reg_.people, "$.people", out_);
    systems_ = IndexIds(reg_.systems, "$.systems", out_);
    poas_ = IndexIds(reg_.powers_of_attorney, "$.powers_of_attorney", out_);
    IndexIds(reg_.processing_activities, "$.processing_activities", out_);
    IndexIds(reg_.incidents, "$.incidents", out_);
    IndexIds(reg_.data_subject_requests, "$.data_subject_requests", out_);
    IndexIds(reg_.agreements, "$.agreements", out_);

    CheckOrganizations();
    CheckCommittees();
    CheckAdministrations();
    CheckPeople();
    CheckSystems();
    CheckDelegations();
    CheckPowersOfAttorney();
    CheckActivities();
    CheckProcessorRecords();
    CheckIncidents();
    CheckRequests();
    CheckAgreements();
    return out_.Take();
  }

 private:
  using Ids = std::unordered_map<std::string_view, size_t>;

  void Ref(const Ids& ids, const std::string& id, std::string_view what, const std::string& path) {
    if (!ids.contains(id)) out_.Add(path, "unknown " + std::string(what) + " " + Quote(id));
  }
  template <class T>
  void Ref(const Ids& ids, const std::optional<T>& id, std::string_view what, const std::string& path) {
    if (id) Ref(ids, id->str(), what, path);
  }
  template <class T>
  void Refs(const Ids& ids, const std::vector<T>& list, std::string_view what, const std::string& path) {
    for (size_t i = 0; i < list.size(); ++i) Ref(ids, list[i].str(), what, At(path, i));
  }

  void CheckOrganizations() {
    for (size_t i = 0; i < reg_.organizations.size(); ++i)
      Ref(people_, reg_.organizations[i].dpo, "person", At("$.organizations", i) + ".dpo");
  }

  void CheckCommittees() {
    for (size_t i = 0; i < reg_.committees.size(); ++i)
      Ref(orgs_, reg_.committees[i].organization.str(), "organization", At("$.committees", i) + ".organization");
  }

  void CheckAdministrations() {
    for (size_t i = 0; i < reg_.administrations.size(); ++i) {
      const auto& a = reg_.administrations[i];
      const std::string p = At("$.administrations", i);
      Ref(orgs_, a.organization.str(), "organization", p + ".organization");
      Refs(committees_, a.committees, "committee", p + ".committees");
      Ref(committees_, a.employing_committee, "committee", p + ".employing_committee");
      std::unordered_set<std::string_view> units;
      for (size_t u = 0; u < a.units.size(); ++u) {
        if (a.units[u].id.empty()) out_.Add(At(p + ".units", u) + ".id", "missing id");
        else if (!units.insert(a.units[u].id.str()).second)
          out_.Add(At(p + ".units", u) + ".id", "duplicate unit id " + Quote(a.units[u].id.str()));
      }
    }
  }

  void CheckPeople() {
    for (size_t i = 0; i < reg_.people.size(); ++i) {
      const auto& person = reg_.people[i];
      const std::string p = At("$.people", i);
      Ref(admins_, person.administration, "administration", p + ".administration");
      if (!person.unit) continue;
      bool found = false;
      if (person.administration) {
        if (auto it = admins_.find(person.administration->str()); it != admins_.end())
          for (const auto& u : reg_.administrations[it->second].units) found = found || u.id == *person.unit;
        else
          found = true;  // already reported as an unknown administration
      }
      if (!found) out_.Add(p + ".unit", "unknown unit " + Quote(person.unit->str()) + " in the person's administration");
    }
  }

  void CheckSystems() {
    for (size_t i = 0; i < reg_.systems.size(); ++i) {
      const auto& s = reg_.systems[i];
      const std::string p = At("$.systems", i);
      Ref(admins_, s.owner_administration, "administration", p + ".owner_administration");
      Refs(admins_, s.used_by, "administration", p + ".used_by");
      for (size_t r = 0; r < s.roles.size(); ++r) {
        const auto& role = s.roles[r];
        const std::string rp = At(p + ".roles", r);
        if (!role.person && !role.committee) out_.Add(rp + ".person", "missing: a role is held by a person");
        Ref(people_, role.person, "person", rp + ".person");
        Ref(committees_, role.committee, "committee", rp + ".committee");
      }
      std::unordered_set<std::string_view> docs;
      for (size_t d = 0; d < s.documents.size(); ++d) {
        const auto& doc = s.documents[d];
        const std::string dp = At(p + ".documents", d);
        if (!doc.id.empty() && !docs.insert(doc.id.str()).second)
          out_.Add(dp + ".id", "duplicate document id " + Quote(doc.id.str()) + " on this system");
        Ref(people_, doc.signed_by, "person", dp + ".signed_by");
        Ref(people_, doc.approved_by, "person", dp + ".approved_by");
        Refs(committees_, doc.on_behalf_of, "committee", dp + ".on_behalf_of");
        Ref(orgs_, doc.organization, "organization", dp + ".organization");
        Refs(poas_, doc.powers_of_attorney, "power of attorney", dp + ".powers_of_attorney");
      }
      if (s.transfer) {
        for (const auto* ref : {&s.transfer->tia_document, &s.transfer->art9_document}) {
          if (*ref && !docs.contains((*ref)->str()))
            out_.Add(p + ".transfer." + (ref == &s.transfer->tia_document ? "tia_document" : "art9_document"),
                     "unknown document " + Quote((*ref)->str()) + " on this system");
        }
      }
      for (size_t n = 0; n < s.integrations.size(); ++n)
        Ref(systems_, s.integrations[n].to.str(), "system", At(p + ".integrations", n) + ".to");
    }
  }

  void CheckDelegations() {
    for (size_t i = 0; i < reg_.delegations.size(); ++i) {
      const std::string p = At("$.delegations", i);
      Ref(committees_, reg_.delegations[i].committee.str(), "committee", p + ".committee");
      Ref(people_, reg_.delegations[i].delegate_person, "person", p + ".delegate_person");
    }
  }

  void CheckPowersOfAttorney() {
    for (size_t i = 0; i < reg_.powers_of_attorney.size(); ++i) {
      const auto& f = reg_.powers_of_attorney[i];
      const std::string p = At("$.powers_of_attorney", i);
      Ref(committees_, f.committee.str(), "committee", p + ".committee");
      Ref(people_, f.issued_by, "person", p + ".issued_by");
      Ref(people_, f.holder, "person", p + ".holder");
      Ref(systems_, f.system, "system", p + ".system");
    }
  }

  void CheckActivities() {
    for (size_t i = 0; i < reg_.processing_activities.size(); ++i) {
      const auto& a = reg_.processing_activities[i];
      const std::string p = At("$.processing_activities", i);
      Ref(committees_, a.controller, "committee", p + ".controller");
      Refs(systems_, a.systems, "system", p + ".systems");
      Refs(committees_, a.joint_controllers, "committee", p + ".joint_controllers");
      Ref(committees_, a.processor_committee, "committee", p + ".processor_committee");
    }
  }

  void CheckProcessorRecords() {
    for (size_t i = 0; i < reg_.processor_records.size(); ++i) {
      const auto& r = reg_.processor_records[i];
      const std::string p = At("$.processor_records", i);
      Ref(committees_, r.committee.str(), "committee", p + ".committee");
      Ref(systems_, r.system.str(), "system", p + ".system");
      Refs(committees_, r.committees, "committee", p + ".committees");
    }
  }

  void CheckIncidents() {
    for (size_t i = 0; i < reg_.incidents.size(); ++i) {
      const auto& inc = reg_.incidents[i];
      const std::string p = At("$.incidents", i);
      Ref(systems_, inc.system, "system", p + ".system");
      Refs(committees_, inc.controllers, "committee", p + ".controllers");
      Ref(committees_, inc.handler, "committee", p + ".handler");
    }
  }

  void CheckRequests() {
    for (size_t i = 0; i < reg_.data_subject_requests.size(); ++i)
      Refs(committees_, reg_.data_subject_requests[i].controllers, "committee",
           At("$.data_subject_requests", i) + ".controllers");
  }

  void CheckAgreements() {
    for (size_t i = 0; i < reg_.agreements.size(); ++i) {
      const std::string p = At("$.agreements", i);
      Refs(systems_, reg_.agreements[i].systems, "system", p + ".systems");
      Refs(orgs_, reg_.agreements[i].parties, "organization", p + ".parties");
    }
  }

  const Register& reg_;
  Collector out_;
  Ids orgs_, committees_, admins_, people_, systems_, poas_;
};

}  // namespace

std::vector<Problem> Validate(const Register& reg, size_t limit) { return Validator(reg, limit).Run(); }

}  // namespace ansvar::model
