#include "model/validate.hpp"

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
std::string Quote(std::string_view s) {
  std::string q;
  q.reserve(s.size() + 2);
  q += '"';
  q += s;
  q += '"';
  return q;
}

constexpr std::string_view kWhat[] = {"organization",        "committee",         "administration", "person",
                                      "system",              "delegation",        "power of attorney",
                                      "processing activity", "processor record",  "incident",
                                      "data subject request", "agreement"};

// Checks the references of one entity at a time.
class References {
 public:
  References(const Lookup& lookup, Collector& out) : lookup_(lookup), out_(out) {}

  void Check(const Organization& o, const std::string& p) { Ref(Collection::kPerson, o.dpo, p + ".dpo"); }

  void Check(const Committee& c, const std::string& p) {
    Ref(Collection::kOrganization, c.organization.str(), p + ".organization");
  }

  void Check(const Administration& a, const std::string& p) {
    Ref(Collection::kOrganization, a.organization.str(), p + ".organization");
    Refs(Collection::kCommittee, a.committees, p + ".committees");
    Ref(Collection::kCommittee, a.employing_committee, p + ".employing_committee");
    std::unordered_set<std::string_view> units;
    for (size_t u = 0; u < a.units.size(); ++u) {
      if (a.units[u].id.empty()) out_.Add(At(p + ".units", u) + ".id", "missing id");
      else if (!units.insert(a.units[u].id.str()).second)
        out_.Add(At(p + ".units", u) + ".id", "duplicate unit id " + Quote(a.units[u].id.str()));
    }
  }

  void Check(const Person& person, const std::string& p) {
    Ref(Collection::kAdministration, person.administration, p + ".administration");
    if (!person.unit) return;
    bool found = false;
    if (person.administration) {
      if (const auto* admin = lookup_.FindAdministration(person.administration->str()))
        for (const auto& u : admin->units) found = found || u.id == *person.unit;
      else
        found = true;  // already reported as an unknown administration
    }
    if (!found) out_.Add(p + ".unit", "unknown unit " + Quote(person.unit->str()) + " in the person's administration");
  }

  void Check(const System& s, const std::string& p) {
    Ref(Collection::kAdministration, s.owner_administration, p + ".owner_administration");
    Refs(Collection::kAdministration, s.used_by, p + ".used_by");
    for (size_t r = 0; r < s.roles.size(); ++r) {
      const auto& role = s.roles[r];
      const std::string rp = At(p + ".roles", r);
      if (!role.person && !role.committee) out_.Add(rp + ".person", "missing: a role is held by a person");
      Ref(Collection::kPerson, role.person, rp + ".person");
      Ref(Collection::kCommittee, role.committee, rp + ".committee");
    }
    std::unordered_set<std::string_view> docs;
    for (size_t d = 0; d < s.documents.size(); ++d) {
      const auto& doc = s.documents[d];
      const std::string dp = At(p + ".documents", d);
      if (!doc.id.empty() && !docs.insert(doc.id.str()).second)
        out_.Add(dp + ".id", "duplicate document id " + Quote(doc.id.str()) + " on this system");
      Ref(Collection::kPerson, doc.signed_by, dp + ".signed_by");
      Ref(Collection::kPerson, doc.approved_by, dp + ".approved_by");
      Refs(Collection::kCommittee, doc.on_behalf_of, dp + ".on_behalf_of");
      Ref(Collection::kOrganization, doc.organization, dp + ".organization");
      Refs(Collection::kPowerOfAttorney, doc.powers_of_attorney, dp + ".powers_of_attorney");
    }
    if (s.transfer) {
      if (s.transfer->tia_document && !docs.contains(s.transfer->tia_document->str()))
        out_.Add(p + ".transfer.tia_document", "unknown document " + Quote(s.transfer->tia_document->str()) + " on this system");
      if (s.transfer->art9_document && !docs.contains(s.transfer->art9_document->str()))
        out_.Add(p + ".transfer.art9_document", "unknown document " + Quote(s.transfer->art9_document->str()) + " on this system");
    }
    for (size_t n = 0; n < s.integrations.size(); ++n)
      Ref(Collection::kSystem, s.integrations[n].to.str(), At(p + ".integrations", n) + ".to");
  }

  void Check(const Delegation& d, const std::string& p) {
    Ref(Collection::kCommittee, d.committee.str(), p + ".committee");
    Ref(Collection::kPerson, d.delegate_person, p + ".delegate_person");
  }

  void Check(const PowerOfAttorney& f, const std::string& p) {
    Ref(Collection::kCommittee, f.committee.str(), p + ".committee");
    Ref(Collection::kPerson, f.issued_by, p + ".issued_by");
    Ref(Collection::kPerson, f.holder, p + ".holder");
    Ref(Collection::kSystem, f.system, p + ".system");
  }

  void Check(const ProcessingActivity& a, const std::string& p) {
    Ref(Collection::kCommittee, a.controller, p + ".controller");
    Refs(Collection::kSystem, a.systems, p + ".systems");
    Refs(Collection::kCommittee, a.joint_controllers, p + ".joint_controllers");
    Ref(Collection::kCommittee, a.processor_committee, p + ".processor_committee");
  }

  void Check(const ProcessorRecord& r, const std::string& p) {
    Ref(Collection::kCommittee, r.committee.str(), p + ".committee");
    Ref(Collection::kSystem, r.system.str(), p + ".system");
    Refs(Collection::kCommittee, r.committees, p + ".committees");
  }

  void Check(const Incident& i, const std::string& p) {
    Ref(Collection::kSystem, i.system, p + ".system");
    Refs(Collection::kCommittee, i.controllers, p + ".controllers");
    Ref(Collection::kCommittee, i.handler, p + ".handler");
  }

  void Check(const DataSubjectRequest& r, const std::string& p) {
    Refs(Collection::kCommittee, r.controllers, p + ".controllers");
  }

  void Check(const Agreement& a, const std::string& p) {
    Refs(Collection::kSystem, a.systems, p + ".systems");
    Refs(Collection::kOrganization, a.parties, p + ".parties");
  }

 private:
  void Ref(Collection c, const std::string& id, const std::string& path) {
    if (!lookup_.Has(c, id)) out_.Add(path, "unknown " + std::string(kWhat[static_cast<size_t>(c)]) + " " + Quote(id));
  }
  template <class T>
  void Ref(Collection c, const std::optional<T>& id, const std::string& path) {
    if (id) Ref(c, id->str(), path);
  }
  template <class T>
  void Refs(Collection c, const std::vector<T>& list, const std::string& path) {
    for (size_t i = 0; i < list.size(); ++i) Ref(c, list[i].str(), At(path, i));
  }

  const Lookup& lookup_;
  Collector& out_;
};

// The ids of one collection, with the index of their first occurrence.
template <class T>
std::unordered_map<std::string_view, size_t> IndexIds(const std::vector<T>& items, std::string_view collection,
                                                        Collector& out, bool id_optional = false) {
  std::unordered_map<std::string_view, size_t> ids;
  ids.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& id = items[i].id.str();
    if (id.empty()) {
      if (!id_optional) out.Add(At(collection, i) + ".id", "missing id");
      continue;
    }
    auto [it, inserted] = ids.emplace(id, i);
    if (!inserted) out.Add(At(collection, i) + ".id", "duplicate id " + Quote(id) + " (first at " + At(collection, it->second) + ")");
  }
  return ids;
}

class Validator : public Lookup {
 public:
  Validator(const Register& reg, size_t limit) : reg_(reg), out_(limit) {}

  std::vector<Problem> Run() {
    Index(Collection::kOrganization, reg_.organizations, "$.organizations");
    Index(Collection::kCommittee, reg_.committees, "$.committees");
    Index(Collection::kAdministration, reg_.administrations, "$.administrations");
    Index(Collection::kPerson, reg_.people, "$.people");
    Index(Collection::kSystem, reg_.systems, "$.systems");
    Index(Collection::kDelegation, reg_.delegations, "$.delegations", true);
    Index(Collection::kPowerOfAttorney, reg_.powers_of_attorney, "$.powers_of_attorney");
    Index(Collection::kProcessingActivity, reg_.processing_activities, "$.processing_activities");
    Index(Collection::kProcessorRecord, reg_.processor_records, "$.processor_records", true);
    Index(Collection::kIncident, reg_.incidents, "$.incidents");
    Index(Collection::kDataSubjectRequest, reg_.data_subject_requests, "$.data_subject_requests");
    Index(Collection::kAgreement, reg_.agreements, "$.agreements");

    References refs(*this, out_);
    CheckAll(refs, reg_.organizations, "$.organizations");
    CheckAll(refs, reg_.committees, "$.committees");
    CheckAll(refs, reg_.administrations, "$.administrations");
    CheckAll(refs, reg_.people, "$.people");
    CheckAll(refs, reg_.systems, "$.systems");
    CheckAll(refs, reg_.delegations, "$.delegations");
    CheckAll(refs, reg_.powers_of_attorney, "$.powers_of_attorney");
    CheckAll(refs, reg_.processing_activities, "$.processing_activities");
    CheckAll(refs, reg_.processor_records, "$.processor_records");
    CheckAll(refs, reg_.incidents, "$.incidents");
    CheckAll(refs, reg_.data_subject_requests, "$.data_subject_requests");
    CheckAll(refs, reg_.agreements, "$.agreements");
    return out_.Take();
  }

  [[nodiscard]] bool Has(Collection c, std::string_view id) const override {
    return ids_[static_cast<size_t>(c)].contains(id);
  }
  [[nodiscard]] const Administration* FindAdministration(std::string_view id) const override {
    const auto& m = ids_[static_cast<size_t>(Collection::kAdministration)];
    const auto it = m.find(id);
    return it == m.end() ? nullptr : &reg_.administrations[it->second];
  }

 private:
  template <class T>
  void Index(Collection c, const std::vector<T>& items, std::string_view path, bool optional = false) {
    ids_[static_cast<size_t>(c)] = IndexIds(items, path, out_, optional);
  }
  template <class T>
  void CheckAll(References& refs, const std::vector<T>& items, std::string_view path) {
    for (size_t i = 0; i < items.size(); ++i) refs.Check(items[i], At(path, i));
  }

  const Register& reg_;
  Collector out_;
  std::unordered_map<std::string_view, size_t> ids_[12];
};

}  // namespace

std::vector<Problem> Validate(const Register& reg, size_t limit) { return Validator(reg, limit).Run(); }

template <class T>
std::vector<Problem> ValidateEntity(const T& entity, const Lookup& lookup, const std::string& path) {
  Collector out(100);
  References(lookup, out).Check(entity, path);
  return out.Take();
}

#define ANSVAR_ENTITY(T) template std::vector<Problem> ValidateEntity<T>(const T&, const Lookup&, const std::string&);
ANSVAR_ENTITY(Organization)
ANSVAR_ENTITY(Committee)
ANSVAR_ENTITY(Administration)
ANSVAR_ENTITY(Person)
ANSVAR_ENTITY(System)
ANSVAR_ENTITY(Delegation)
ANSVAR_ENTITY(PowerOfAttorney)
ANSVAR_ENTITY(ProcessingActivity)
ANSVAR_ENTITY(ProcessorRecord)
ANSVAR_ENTITY(Incident)
ANSVAR_ENTITY(DataSubjectRequest)
ANSVAR_ENTITY(Agreement)
#undef ANSVAR_ENTITY

}  // namespace ansvar::model
