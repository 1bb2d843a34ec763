#include "model/validate.hpp"

#include <array>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "model/id_map.hpp"
#include "model/id_syntax.hpp"

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

// A path into the exchange format ("$.systems[3].roles[0].person"), formatted only when a problem is reported:
// checking a large register builds no strings. A Path refers to its parent, which must outlive it.
class Path {
 public:
  explicit Path(std::string_view root) : root_(root) {}
  Path(const Path& parent, std::string_view key) : parent_(&parent), key_(key) {}
  Path(const Path& parent, size_t index) : parent_(&parent), index_(index), is_index_(true) {}

  [[nodiscard]] std::string str() const {
    if (parent_ == nullptr) return std::string(root_);
    std::string out = parent_->str();
    if (is_index_) {
      out += '[';
      out += std::to_string(index_);
      out += ']';
    } else {
      out += '.';
      out += key_;
    }
    return out;
  }

 private:
  const Path* parent_ = nullptr;
  std::string_view root_;
  std::string_view key_;
  size_t index_ = 0;
  bool is_index_ = false;
};

constexpr std::string_view kWhat[] = {"organization",     "committee",   "administration",       "person",
                                      "system",           "delegation",  "power of attorney",    "processing activity",
                                      "processor record", "incident",    "data subject request", "agreement",
                                      "cooperation",      "DPA decision"};

// Checks the references of one entity at a time.
class References {
 public:
  References(const Lookup& lookup, Collector& out) : lookup_(lookup), out_(out) {}

  void Check(const Organization& o, const Path& p) { Ref(Collection::kPerson, o.dpo, Path(p, "dpo")); }

  void Check(const Committee& c, const Path& p) {
    Ref(Collection::kOrganization, c.organization.str(), Path(p, "organization"));
  }

  void Check(const Administration& a, const Path& p) {
    Ref(Collection::kOrganization, a.organization.str(), Path(p, "organization"));
    Refs(Collection::kCommittee, a.committees, Path(p, "committees"));
    Ref(Collection::kCommittee, a.employing_committee, Path(p, "employing_committee"));
    std::unordered_set<std::string_view> units;
    const Path units_path(p, "units");
    for (size_t u = 0; u < a.units.size(); ++u) {
      const Path up(units_path, u);
      if (a.units[u].id.empty())
        out_.Add(Path(up, "id").str(), "missing id");
      else if (!units.insert(a.units[u].id.str()).second)
        out_.Add(Path(up, "id").str(), "duplicate unit id " + Quote(a.units[u].id.str()));
    }
  }

  void Check(const Person& person, const Path& p) {
    Ref(Collection::kAdministration, person.administration, Path(p, "administration"));
    if (!person.unit) return;
    bool found = false;
    if (person.administration) {
      if (const auto* admin = lookup_.FindAdministration(person.administration->str()))
        for (const auto& u : admin->units) found = found || u.id == *person.unit;
      else
        found = true;  // already reported as an unknown administration
    }
    if (!found)
      out_.Add(Path(p, "unit").str(), "unknown unit " + Quote(person.unit->str()) + " in the person's administration");
  }

  void Check(const System& s, const Path& p) {
    Ref(Collection::kAdministration, s.owner_administration, Path(p, "owner_administration"));
    Refs(Collection::kAdministration, s.used_by, Path(p, "used_by"));
    const Path roles(p, "roles");
    for (size_t r = 0; r < s.roles.size(); ++r) {
      const auto& role = s.roles[r];
      const Path rp(roles, r);
      if (!role.person && !role.committee) out_.Add(Path(rp, "person").str(), "missing: a role is held by a person");
      Ref(Collection::kPerson, role.person, Path(rp, "person"));
      Ref(Collection::kCommittee, role.committee, Path(rp, "committee"));
    }
    std::unordered_set<std::string_view> docs;
    const Path documents(p, "documents");
    for (size_t d = 0; d < s.documents.size(); ++d) {
      const auto& doc = s.documents[d];
      const Path dp(documents, d);
      if (!doc.id.empty() && !docs.insert(doc.id.str()).second)
        out_.Add(Path(dp, "id").str(), "duplicate document id " + Quote(doc.id.str()) + " on this system");
      Ref(Collection::kPerson, doc.signed_by, Path(dp, "signed_by"));
      Ref(Collection::kPerson, doc.approved_by, Path(dp, "approved_by"));
      Refs(Collection::kCommittee, doc.on_behalf_of, Path(dp, "on_behalf_of"));
      Ref(Collection::kOrganization, doc.organization, Path(dp, "organization"));
      Refs(Collection::kOrganization, doc.organizations, Path(dp, "organizations"));
      Refs(Collection::kPowerOfAttorney, doc.powers_of_attorney, Path(dp, "powers_of_attorney"));
      Refs(Collection::kCommittee, doc.adopted_by, Path(dp, "adopted_by"));
      Refs(Collection::kCommittee, doc.supplemented_by, Path(dp, "supplemented_by"));
      if ((!doc.adopted_by.empty() || !doc.supplemented_by.empty()) && doc.kind != DocumentKind::kDpia)
        out_.Add(Path(dp, doc.adopted_by.empty() ? "supplemented_by" : "adopted_by").str(),
                 "only a DPIA (kind dpia) is adopted or supplemented by committees");
    }
    if (s.transfer) {
      if (s.transfer->tia_document && !docs.contains(s.transfer->tia_document->str()))
        out_.Add(Path(p, "transfer.tia_document").str(),
                 "unknown document " + Quote(s.transfer->tia_document->str()) + " on this system");
      if (s.transfer->art9_document && !docs.contains(s.transfer->art9_document->str()))
        out_.Add(Path(p, "transfer.art9_document").str(),
                 "unknown document " + Quote(s.transfer->art9_document->str()) + " on this system");
    }
    const Path integrations(p, "integrations");
    for (size_t n = 0; n < s.integrations.size(); ++n)
      Ref(Collection::kSystem, s.integrations[n].to.str(), Path(Path(integrations, n), "to"));
    if (s.classification) {
      const Path cp(p, "classification");
      Ref(Collection::kCommittee, s.classification->decided_by, Path(cp, "decided_by"));
      Ref(Collection::kPerson, s.classification->approved_by, Path(cp, "approved_by"));
      Measures(s.classification->measures, Path(cp, "measures"));
    }
    const Path forums(p, "forums");
    for (size_t n = 0; n < s.forums.size(); ++n) Measures(s.forums[n].measures, Path(Path(forums, n), "measures"));
  }

  // Measures (model::Measure): each owner is a person; an id, where given, is unique within its holder.
  void Measures(const std::vector<Measure>& measures, const Path& p) {
    std::unordered_set<std::string_view> ids;
    for (size_t n = 0; n < measures.size(); ++n) {
      const Path mp(p, n);
      if (!measures[n].id.empty() && !ids.insert(measures[n].id).second)
        out_.Add(Path(mp, "id").str(), "duplicate measure id " + Quote(measures[n].id));
      Ref(Collection::kPerson, measures[n].owner, Path(mp, "owner"));
    }
  }

  void Check(const Delegation& d, const Path& p) {
    Ref(Collection::kCommittee, d.committee.str(), Path(p, "committee"));
    Ref(Collection::kPerson, d.delegate_person, Path(p, "delegate_person"));
  }

  void Check(const PowerOfAttorney& f, const Path& p) {
    Ref(Collection::kCommittee, f.committee.str(), Path(p, "committee"));
    Ref(Collection::kPerson, f.issued_by, Path(p, "issued_by"));
    Ref(Collection::kPerson, f.holder, Path(p, "holder"));
    Ref(Collection::kSystem, f.system, Path(p, "system"));
  }

  void Check(const ProcessingActivity& a, const Path& p) {
    Ref(Collection::kCommittee, a.controller, Path(p, "controller"));
    Refs(Collection::kSystem, a.systems, Path(p, "systems"));
    Refs(Collection::kCommittee, a.joint_controllers, Path(p, "joint_controllers"));
    Ref(Collection::kCommittee, a.processor_committee, Path(p, "processor_committee"));
    if (a.dpia) {
      const Path dp(p, "dpia");
      Measures(a.dpia->measures, Path(dp, "measures"));
      Refs(Collection::kProcessingActivity, a.dpia->covers_activities, Path(dp, "covers_activities"));
    }
  }

  void Check(const ProcessorRecord& r, const Path& p) {
    Ref(Collection::kCommittee, r.committee.str(), Path(p, "committee"));
    Ref(Collection::kSystem, r.system.str(), Path(p, "system"));
    Refs(Collection::kCommittee, r.committees, Path(p, "committees"));
  }

  void Check(const Incident& i, const Path& p) {
    Ref(Collection::kSystem, i.system, Path(p, "system"));
    Refs(Collection::kCommittee, i.controllers, Path(p, "controllers"));
    Ref(Collection::kCommittee, i.handler, Path(p, "handler"));
    const Path assessments(p, "assessments");
    for (size_t a = 0; a < i.assessments.size(); ++a)
      Ref(Collection::kCommittee, i.assessments[a].committee.str(), Path(Path(assessments, a), "committee"));
    // The action plan: each measure's owner a known person, its ids unique, done_on only for a measure done.
    const Path plan(p, "action_plan");
    std::unordered_set<std::string_view> ids;
    for (size_t m = 0; m < i.action_plan.size(); ++m) {
      const Measure& measure = i.action_plan[m];
      const Path at(plan, m);
      Ref(Collection::kPerson, measure.owner, Path(at, "owner"));
      if (!measure.id.empty() && !ids.insert(measure.id).second)
        out_.Add(Path(at, "id").str(), "duplicate measure id " + Quote(measure.id) + " in this action plan");
      if (measure.description.empty()) out_.Add(Path(at, "description").str(), "missing: what the measure is");
    }
  }

  void Check(const DataSubjectRequest& r, const Path& p) {
    Refs(Collection::kCommittee, r.controllers, Path(p, "controllers"));
  }

  void Check(const Agreement& a, const Path& p) {
    Refs(Collection::kSystem, a.systems, Path(p, "systems"));
    Refs(Collection::kOrganization, a.parties, Path(p, "parties"));
  }

  void Check(const Cooperation& c, const Path& p) {
    Ref(Collection::kOrganization, c.lead, Path(p, "lead"));
    Ref(Collection::kPerson, c.coordinator, Path(p, "coordinator"));
    const Path parties(p, "parties");
    std::unordered_set<std::string_view> seen;
    for (size_t i = 0; i < c.parties.size(); ++i) {
      const auto& party = c.parties[i];
      const Path pp(parties, i);
      Ref(Collection::kOrganization, party.organization.str(), Path(pp, "organization"));
      if (!seen.insert(party.organization.str()).second)
        out_.Add(Path(pp, "organization").str(), "duplicate party " + Quote(party.organization.str()));
      Ref(Collection::kCommittee, party.committee, Path(pp, "committee"));
    }
    Refs(Collection::kSystem, c.systems, Path(p, "systems"));
    const Path groups(p, "groups");
    for (size_t i = 0; i < c.groups.size(); ++i)
      Refs(Collection::kPerson, c.groups[i].members, Path(Path(groups, i), "members"));
    const Path resp(p, "responsibilities");
    for (const auto& r : c.responsibilities)
      if (!r.party.empty() && r.party != kEachParty) Ref(Collection::kOrganization, r.party, Path(resp, r.duty));
  }

  void Check(const DpaDecision& d, const Path& p) {
    if (!d.system.empty()) Ref(Collection::kSystem, d.system.str(), Path(p, "system"));
    Refs(Collection::kCommittee, d.committees, Path(p, "committees"));
    Ref(Collection::kPerson, d.decided_by, Path(p, "decided_by"));
    Ref(Collection::kDelegation, d.delegation, Path(p, "delegation"));
  }

 private:
  void Ref(Collection c, const std::string& id, const Path& path) {
    if (!lookup_.Has(c, id))
      out_.Add(path.str(), "unknown " + std::string(kWhat[static_cast<size_t>(c)]) + " " + Quote(id));
  }
  template <class T>
  void Ref(Collection c, const std::optional<T>& id, const Path& path) {
    if (id) Ref(c, id->str(), path);
  }
  template <class T>
  void Refs(Collection c, const std::vector<T>& list, const Path& path) {
    for (size_t i = 0; i < list.size(); ++i) Ref(c, list[i].str(), Path(path, i));
  }

  const Lookup& lookup_;
  Collector& out_;
};

// The ids of one collection, with the index of their first occurrence.
template <class T>
IdMap<size_t> IndexIds(const std::vector<T>& items, std::string_view collection, Collector& out,
                       bool id_optional = false) {
  IdMap<size_t> ids;
  ids.Reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& id = items[i].id.str();
    if (id.empty()) {
      if (!id_optional) out.Add(At(collection, i) + ".id", "missing id");
      continue;
    }
    if (auto bad = IdSyntaxProblem(id)) out.Add(At(collection, i) + ".id", std::move(*bad));
    auto [first, inserted] = ids.Insert(id, i);
    if (!inserted)
      out.Add(At(collection, i) + ".id", "duplicate id " + Quote(id) + " (first at " + At(collection, *first) + ")");
  }
  return ids;
}

class Validator : public Lookup {
 public:
  Validator(const Register& reg, size_t limit) : reg_(reg), outs_(2 * kCollections, Collector(limit)), limit_(limit) {}

  // First the ids of every collection (duplicates, missing ids), then the references of every collection, each in
  // the order of Collection. Every step collects into a collector of its own; the problems are those of the steps in
  // that order, cut at the limit. A large register is checked on two threads, the systems on one and the rest on the
  // other, which gives the same problems.
  std::vector<Problem> Run() {
    const bool parallel = reg_.systems.size() + reg_.processing_activities.size() >= kParallelFrom &&
                          std::thread::hardware_concurrency() > 1;
    if (!parallel) {
      for (size_t c = 0; c < kCollections; ++c) IndexStep(c);
      for (size_t c = 0; c < kCollections; ++c) CheckStep(c);
    } else {
      constexpr std::array<Collection, 6> kHere = {Collection::kSystem,         Collection::kPerson,
                                                   Collection::kOrganization,   Collection::kCommittee,
                                                   Collection::kAdministration, Collection::kDelegation};
      constexpr std::array<Collection, 8> kThere = {Collection::kProcessingActivity, Collection::kPowerOfAttorney,
                                                    Collection::kProcessorRecord,    Collection::kIncident,
                                                    Collection::kDataSubjectRequest, Collection::kAgreement,
                                                    Collection::kCooperation,        Collection::kDpaDecision};
      {
        std::jthread other([this, &kThere] {
          for (auto c : kThere) IndexStep(static_cast<size_t>(c));
        });
        for (auto c : kHere) IndexStep(static_cast<size_t>(c));
      }
      {
        std::jthread other([this] {
          for (size_t c = 0; c < kCollections; ++c)
            if (c != static_cast<size_t>(Collection::kSystem)) CheckStep(c);
        });
        CheckStep(static_cast<size_t>(Collection::kSystem));
      }
    }
    std::vector<Problem> problems;
    for (auto& out : outs_)
      for (auto& p : out.Take())
        if (problems.size() < limit_) problems.push_back(std::move(p));
    return problems;
  }

  [[nodiscard]] bool Has(Collection c, std::string_view id) const override {
    return ids_[static_cast<size_t>(c)].Contains(id);
  }
  [[nodiscard]] const Administration* FindAdministration(std::string_view id) const override {
    const size_t* i = ids_[static_cast<size_t>(Collection::kAdministration)].Find(id);
    return i == nullptr ? nullptr : &reg_.administrations[*i];
  }

 private:
  static constexpr size_t kCollections = 14;
  static constexpr size_t kParallelFrom = 20000;

  // fn(items, path, id_optional) for collection c.
  template <class Fn>
  void With(size_t c, Fn&& fn) const {
    switch (static_cast<Collection>(c)) {
      case Collection::kOrganization:
        return fn(reg_.organizations, "$.organizations", false);
      case Collection::kCommittee:
        return fn(reg_.committees, "$.committees", false);
      case Collection::kAdministration:
        return fn(reg_.administrations, "$.administrations", false);
      case Collection::kPerson:
        return fn(reg_.people, "$.people", false);
      case Collection::kSystem:
        return fn(reg_.systems, "$.systems", false);
      case Collection::kDelegation:
        return fn(reg_.delegations, "$.delegations", true);
      case Collection::kPowerOfAttorney:
        return fn(reg_.powers_of_attorney, "$.powers_of_attorney", false);
      case Collection::kProcessingActivity:
        return fn(reg_.processing_activities, "$.processing_activities", false);
      case Collection::kProcessorRecord:
        return fn(reg_.processor_records, "$.processor_records", true);
      case Collection::kIncident:
        return fn(reg_.incidents, "$.incidents", false);
      case Collection::kDataSubjectRequest:
        return fn(reg_.data_subject_requests, "$.data_subject_requests", false);
      case Collection::kAgreement:
        return fn(reg_.agreements, "$.agreements", false);
      case Collection::kCooperation:
        return fn(reg_.cooperations, "$.cooperations", false);
      case Collection::kDpaDecision:
        return fn(reg_.dpa_decisions, "$.dpa_decisions", false);
    }
  }
  void IndexStep(size_t c) {
    With(c, [&](const auto& items, std::string_view path, bool optional) {
      ids_[c] = IndexIds(items, path, outs_[c], optional);
    });
  }
  void CheckStep(size_t c) {
    With(c, [&](const auto& items, std::string_view path, bool) {
      References refs(*this, outs_[kCollections + c]);
      const Path base(path);
      for (size_t i = 0; i < items.size(); ++i) refs.Check(items[i], Path(base, i));
    });
  }

  const Register& reg_;
  std::vector<Collector> outs_;  // the ids of each collection, then the references of each
  size_t limit_;
  IdMap<size_t> ids_[kCollections];
};

}  // namespace

std::vector<Problem> Validate(const Register& reg, size_t limit) { return Validator(reg, limit).Run(); }

template <class T>
std::vector<Problem> ValidateEntity(const T& entity, const Lookup& lookup, const std::string& path) {
  Collector out(100);
  const Path base(path);
  if (!entity.id.empty())
    if (auto bad = IdSyntaxProblem(entity.id.str())) out.Add(Path(base, "id").str(), std::move(*bad));
  References(lookup, out).Check(entity, base);
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
ANSVAR_ENTITY(Cooperation)
ANSVAR_ENTITY(DpaDecision)
#undef ANSVAR_ENTITY

}  // namespace ansvar::model
