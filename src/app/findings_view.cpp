// The derived views of the service: live findings with filters, and who is responsible for a system and why.
#include <algorithm>
#include <map>
#include <set>

#include "app/audit_replay.hpp"
#include "app/cycle_service.hpp"
#include "app/service_state.hpp"
#include "app/store_errors.hpp"
#include "io/json_writer.hpp"
#include "io/reports.hpp"
#include "io/rulebook_json.hpp"
#include "rules/check.hpp"
#include "rules/derive.hpp"
#include "rules/messages.hpp"
#include "rules/vocabulary.hpp"

namespace ansvar::app {
namespace {

// Deadlines move with the clock: a cached evaluation of "now" is used for at most this long.
constexpr auto kLiveFor = std::chrono::seconds(60);

// The administrations and committees a finding concerns, for the filters of GET /findings. Built once per
// evaluation: lookups by id, and the administrations that work for each committee. Ids are views into the register
// (which does not change while an evaluation is made: the shared lock is held) and into the findings.
class Scoper {
 public:
  using Ids = std::vector<std::string_view>;

  explicit Scoper(const rules::RegisterIndex& index) : index_(index) {
    const auto& reg = index.reg();
    for (const auto& a : reg.administrations)
      for (const auto& c : a.committees) admins_of_committee_[c.str()].push_back(a.id.str());
    for (const auto& i : reg.incidents) incidents_.emplace(i.id.str(), &i);
    for (const auto& r : reg.data_subject_requests) requests_.emplace(r.id.str(), &r);
    for (const auto& d : reg.dpa_decisions) decisions_.emplace(d.id.str(), &d);
    for (const auto& f : reg.powers_of_attorney) powers_.emplace(f.id.str(), &f);
    for (const auto& c : reg.cooperations) cooperations_.emplace(c.id.str(), &c);
  }

  // The finding's administrations and committees, each once, in `admins` and `committees` (cleared first).
  void Scope(const rules::Finding& f, Ids& admins, Ids& committees) const {
    admins.clear();
    committees.clear();
    auto system = [&](const model::System& s) {
      if (s.owner_administration) admins.emplace_back(s.owner_administration->str());
      for (const auto& a : s.used_by) admins.emplace_back(a.str());
      for (const auto* c : index_.Controllers(index_.IndexOf(s))) committees.emplace_back(c->id.str());
    };
    switch (f.subject.type) {
      case rules::SubjectType::kSystem:
        if (const auto* s = index_.FindSystem(f.subject.id)) system(*s);
        break;
      case rules::SubjectType::kCommittee:
        committees.emplace_back(f.subject.id);  // a view of the finding's own id, which lives as long
        break;
      case rules::SubjectType::kProcessingActivity:
        if (const auto* a = index_.FindActivity(f.subject.id)) {
          if (a->controller) committees.emplace_back(a->controller->str());
          for (const auto& c : a->joint_controllers) committees.emplace_back(c.str());
        }
        break;
      case rules::SubjectType::kIncident:
        if (auto it = incidents_.find(f.subject.id); it != incidents_.end()) {
          const auto& inc = *it->second;
          if (const auto* s = inc.system ? index_.FindSystem(inc.system->str()) : nullptr) system(*s);
          for (const auto& c : inc.controllers) committees.emplace_back(c.str());
        }
        break;
      case rules::SubjectType::kDataSubjectRequest:
        if (auto it = requests_.find(f.subject.id); it != requests_.end())
          for (const auto& c : it->second->controllers) committees.emplace_back(c.str());
        break;
      case rules::SubjectType::kDpaDecision:
        if (auto it = decisions_.find(f.subject.id); it != decisions_.end()) {
          if (const auto* s = index_.FindSystem(it->second->system.str())) system(*s);
          for (const auto& c : it->second->committees) committees.emplace_back(c.str());
        }
        break;
      case rules::SubjectType::kPowerOfAttorney:
        if (auto it = powers_.find(f.subject.id); it != powers_.end())
          committees.emplace_back(it->second->committee.str());
        break;
      case rules::SubjectType::kCooperation:  // concerns every party's responsible committee
        if (auto it = cooperations_.find(f.subject.id); it != cooperations_.end())
          for (const auto& p : it->second->parties)
            if (p.committee) committees.emplace_back(p.committee->str());
        break;
      default:
        break;
    }
    Distinct(committees);
    // A committee's findings concern the administrations that work for it.
    for (const auto c : committees)
      if (auto it = admins_of_committee_.find(c); it != admins_of_committee_.end())
        admins.insert(admins.end(), it->second.begin(), it->second.end());
    Distinct(admins);
  }

 private:
  static void Distinct(Ids& ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  const rules::RegisterIndex& index_;
  std::unordered_map<std::string_view, Ids> admins_of_committee_;
  std::unordered_map<std::string_view, const model::Incident*> incidents_;
  std::unordered_map<std::string_view, const model::DataSubjectRequest*> requests_;
  std::unordered_map<std::string_view, const model::DpaDecision*> decisions_;
  std::unordered_map<std::string_view, const model::PowerOfAttorney*> powers_;
  std::unordered_map<std::string_view, const model::Cooperation*> cooperations_;
};

}  // namespace

std::shared_ptr<const RegisterService::Derived> RegisterService::DerivedAt(
    const std::optional<model::Timestamp>& as_of) const {
  const auto now = clock_();
  std::unique_lock lock(derived_mu_);
  if (!as_of && derived_ && std::chrono::steady_clock::now() - derived_->built < kLiveFor) return derived_;
  if (as_of && derived_ && derived_->as_of == *as_of) return derived_;
  // A moment of the caller's choosing is evaluated for the caller alone: the live findings do not wait for it.
  if (as_of) lock.unlock();

  auto rulebook = io::EffectiveRulebook(base_rulebook_, state_->reg);
  auto d = std::make_shared<Derived>(state_->reg, std::move(rulebook), as_of.value_or(now));
  const rules::CheckOptions options{d->as_of};
  // The live evaluation takes up the last one where the writes since allow (rules::Reevaluate: the per-system
  // families only on the systems the writes touched, the register-wide ones in full), its findings moved out when
  // no reader holds it any more.
  std::shared_ptr<const Derived> base;
  if (!as_of && !touched_.everything()) base = derived_ ? std::move(derived_) : std::move(previous_);
  // Findings of another day are not taken up: the per-system families judge by the day (rules::Reevaluate).
  if (base && (!base->evaluation.keyed || base->evaluation.day != d->as_of.date())) base.reset();
  // What is taken up: the findings, and their grouping by administration and committee (positions in them).
  std::unordered_map<std::string, std::vector<uint32_t>> prior_admins, prior_committees;
  size_t prior_size = 0;
  if (base) {
    rules::Evaluation prior;
    prior_size = base->evaluation.findings.size();
    if (base.use_count() == 1) {  // made by make_shared as a Derived, not const: moving out of it is allowed
      auto& own = const_cast<Derived&>(*base);
      prior = std::move(own.evaluation);
      prior_admins = std::move(own.by_administration);
      prior_committees = std::move(own.by_committee);
    } else {
      prior = base->evaluation;
      prior_admins = base->by_administration;
      prior_committees = base->by_committee;
    }
    base.reset();
    d->evaluation = rules::Reevaluate(std::move(prior), touched_.Systems(state_->reg), d->index, d->rulebook, options);
  } else {
    d->evaluation = rules::Evaluate(d->index, d->rulebook, options);
  }
  if (!as_of) {
    ++(d->evaluation.taken_up ? evaluations_.taken_up : evaluations_.full);
    previous_.reset();
    touched_.Clear();
  }
  CycleService::AddMessageFindings(*store_, d->rulebook, d->as_of, d->evaluation);  // R-MSG-STALE (beside the register)
  // Grouped by views first, then keyed by strings once per administration and committee; the findings of one
  // subject (adjacent within a severity) are scoped once. The flat register's 1.4 million findings took 0.5 s of CPU
  // with a set of strings per finding, 0.37 s with views alone. Findings taken up from the last evaluation keep
  // their groups (below): only the others are scoped.
  const auto& ev = d->evaluation;
  const bool carried = ev.taken_up && ev.was.size() == ev.findings.size();
  const Scoper scoper(d->index);
  Scoper::Ids admins, committees;
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_admin, by_committee;
  std::vector<std::vector<uint32_t>*> admin_lists, committee_lists;  // the last subject's (nodes: stable)
  const rules::Subject* last = nullptr;
  for (uint32_t i = 0; i < ev.findings.size(); ++i) {
    if (carried && ev.was[i] != rules::Evaluation::kNew) continue;
    const auto& f = ev.findings[i];
    if (last == nullptr || f.subject != *last) {
      scoper.Scope(f, admins, committees);
      admin_lists.clear();
      committee_lists.clear();
      for (const auto a : admins) admin_lists.push_back(&by_admin[a]);
      for (const auto c : committees) committee_lists.push_back(&by_committee[c]);
      last = &f.subject;
    }
    for (auto* list : admin_lists) list->push_back(i);
    for (auto* list : committee_lists) list->push_back(i);
  }
  if (carried) {
    // A finding taken up is one of the per-system families' on a system the writes left alone, whose
    // administrations and committees (its owner, users and controllers) they left alone too (rules::Touched): its
    // groups stand, at its new position. Positions move in order, so each list stays sorted.
    std::vector<uint32_t> moved_to(prior_size, rules::Evaluation::kNew);
    for (uint32_t i = 0; i < ev.findings.size(); ++i)
      if (ev.was[i] != rules::Evaluation::kNew) moved_to[ev.was[i]] = i;
    auto carry = [&](std::unordered_map<std::string, std::vector<uint32_t>>& prior,
                     std::unordered_map<std::string_view, std::vector<uint32_t>>& fresh,
                     std::unordered_map<std::string, std::vector<uint32_t>>& out) {
      for (auto& [id, list] : prior) {
        std::vector<uint32_t> kept;
        kept.reserve(list.size());
        for (const auto p : list)
          if (moved_to[p] != rules::Evaluation::kNew) kept.push_back(moved_to[p]);
        if (const auto it = fresh.find(id); it != fresh.end()) {
          const auto middle = static_cast<std::ptrdiff_t>(kept.size());
          kept.insert(kept.end(), it->second.begin(), it->second.end());
          std::inplace_merge(kept.begin(), kept.begin() + middle, kept.end());
          fresh.erase(it);
        }
        if (!kept.empty()) out.emplace(id, std::move(kept));
      }
    };
    carry(prior_admins, by_admin, d->by_administration);
    carry(prior_committees, by_committee, d->by_committee);
  }
  for (auto& [id, list] : by_admin) d->by_administration.emplace(std::string(id), std::move(list));
  for (auto& [id, list] : by_committee) d->by_committee.emplace(std::string(id), std::move(list));
  if (!as_of) derived_ = d;
  return d;
}

RegisterService::EvaluationCounts RegisterService::Evaluations() const {
  std::lock_guard lock(derived_mu_);
  return evaluations_;
}

void RegisterService::PrepareFindings() const {
  std::shared_lock lock(mu_);
  (void)DerivedAt(std::nullopt);
}

Result<FindingsPage> RegisterService::Findings(const FindingsQuery& q) const {
  if (q.limit > kMaxPageSize) return BadRequest("limit: at most " + std::to_string(kMaxPageSize));
  std::optional<rules::RuleId> rule;
  if (!q.rule.empty() && !(rule = rules::ParseRuleCode(q.rule)))
    return BadRequest("rule: unknown rule \"" + q.rule + "\"");
  std::shared_lock lock(mu_);
  const auto d = DerivedAt(q.as_of);
  const auto selected = Select(*d, q, rule);
  FindingsPage out;
  out.as_of = d->as_of;
  out.total = selected.size();
  out.limit = q.limit;
  out.offset = q.offset;
  for (size_t i = 0; i < selected.size(); ++i) {
    const auto& f = *selected[i];
    (f.severity == rules::Severity::kError     ? out.summary.error
     : f.severity == rules::Severity::kWarning ? out.summary.warning
                                               : out.summary.info)++;
    if (i >= q.offset && i - q.offset < q.limit)
      out.items.push_back({f, rules::SubjectName(f.subject, d->index), rules::Message(f, d->index, q.lang)});
  }
  return out;
}

Result<RegisterService::FindingsReport> RegisterService::SelectFindings(const FindingsQuery& q) const {
  std::optional<rules::RuleId> rule;
  if (!q.rule.empty() && !(rule = rules::ParseRuleCode(q.rule)))
    return BadRequest("rule: unknown rule \"" + q.rule + "\"");
  std::shared_lock lock(mu_);
  const auto d = DerivedAt(q.as_of);
  FindingsReport out;
  out.as_of = d->as_of;
  for (const auto* f : Select(*d, q, rule))
    out.lines.push_back({*f, rules::SubjectName(f->subject, d->index), rules::Message(*f, d->index, q.lang)});
  return out;
}

std::vector<const rules::Finding*> RegisterService::Select(const Derived& derived, const FindingsQuery& q,
                                                           const std::optional<rules::RuleId>& rule) const {
  const auto* d = &derived;
  // Start from the narrowest index the query allows.
  static const std::vector<uint32_t> kNone;
  const std::vector<uint32_t>* candidates = nullptr;
  if (!q.administration.empty()) {
    auto it = d->by_administration.find(q.administration);
    candidates = it == d->by_administration.end() ? &kNone : &it->second;
  }
  if (!q.committee.empty()) {
    auto it = d->by_committee.find(q.committee);
    const auto* by_c = it == d->by_committee.end() ? &kNone : &it->second;
    if (candidates == nullptr || by_c->size() < candidates->size()) candidates = by_c;
  }
  auto keep = [&](uint32_t i) {
    const auto& f = d->evaluation.findings[i];
    if (q.severity && f.severity != *q.severity) return false;
    if (rule && f.rule != *rule) return false;
    if (!q.subject_type.empty() && rules::ToString(f.subject.type) != q.subject_type) return false;
    if (!q.subject_id.empty() && f.subject.id != q.subject_id) return false;
    if (!q.administration.empty() && candidates != nullptr) {
      const auto it = d->by_administration.find(q.administration);
      if (it == d->by_administration.end() || !std::binary_search(it->second.begin(), it->second.end(), i))
        return false;
    }
    if (!q.committee.empty()) {
      const auto it = d->by_committee.find(q.committee);
      if (it == d->by_committee.end() || !std::binary_search(it->second.begin(), it->second.end(), i)) return false;
    }
    return true;
  };
  std::vector<const rules::Finding*> selected;
  if (candidates != nullptr) {
    for (auto i : *candidates)
      if (keep(i)) selected.push_back(&d->evaluation.findings[i]);
  } else {
    for (uint32_t i = 0; i < d->evaluation.findings.size(); ++i)
      if (keep(i)) selected.push_back(&d->evaluation.findings[i]);
  }
  return selected;
}

}  // namespace ansvar::app

namespace ansvar::app {
namespace {

bool ValidOn(const model::Delegation& d, model::Date day) {
  return (!d.valid_from || *d.valid_from <= day) && (!d.valid_to || day < *d.valid_to);
}

std::optional<ResponsiblePerson> RefOf(const model::Person* p) {
  if (p == nullptr) return std::nullopt;
  return ResponsiblePerson{p->id.str(), p->name, p->title};
}

DelegationLink RefOf(const model::Delegation& d) {
  return {
      d.id.str(),
      d.committee.str(),
      d.matter == model::DelegationMatter::kOther ? "other:" + d.matter_text : std::string(model::ToString(d.matter)),
      d.decision,
      d.valid_from,
      d.valid_to};
}

// Which delegation of `committee` carries the decision on this system's DPA, if any.
const model::Delegation* Carrying(const rules::RegisterIndex& index, const std::string& committee,
                                  model::DelegationMatter matter, model::Date day) {
  for (const auto* d : index.DelegationsOf(committee))
    if (d->matter == matter && ValidOn(*d, day)) return d;
  return nullptr;
}

constexpr std::pair<std::string_view, std::string_view> kCaseText[] = {
    {"Inget PUB-avtal: systemet behandlar inte personuppgifter eller är en publik tjänst eller myndighetstjänst.",
     "No DPA: the system processes no personal data or is a public or authority service."},
    {"IT-infrastruktur: Nämnden för Service beslutar om biträden och dess delegat undertecknar.",
     "IT infrastructure: the Service committee decides on processors and its delegate signs."},
    {"Stödprocess som KS eller Service utför för alla nämnder: den nämnden beslutar enligt sitt reglemente.",
     "A support process KS or Service performs for every committee: that committee decides under its regulations."},
    {"Kommungemensamt system: biträdande kommundirektören beslutar och undertecknar på delegation från varje "
     "personuppgiftsansvarig nämnd (KF 2024-03-05 § 33).",
     "Municipality-wide system: the deputy municipal director decides and signs by delegation from every controller "
     "committee (KF 2024-03-05 § 33)."},
    {"System som används av en nämnd: nämnden (eller dess delegat) beslutar och delegaten undertecknar.",
     "System used by one committee: the committee (or its delegate) decides and its delegate signs."},
    {"Förvaltningsspecifikt system för flera nämnder: varje nämnd beslutar; ägaren undertecknar med fullmakt från "
     "de övriga nämnderna, utfärdad av deras förvaltningschefer på delegation.",
     "Administration-specific system of several committees: each committee decides; the owner signs with powers of "
     "attorney from the others, issued by their administration directors under delegation."},
};

}  // namespace

Result<SystemResponsibilities> RegisterService::Responsibilities(const std::string& system_id) const {
  std::shared_lock lock(mu_);
  const auto d = DerivedAt(std::nullopt);
  const auto& index = d->index;
  const auto* s = index.FindSystem(system_id);
  if (s == nullptr) return NotFound("system \"" + system_id + "\" finns inte / does not exist");
  const auto r = rules::Derive(index, d->rulebook, *s);
  const auto day = d->as_of.date();
  const auto* owner_committee = r.owner ? index.CommitteeOfPerson(*r.owner) : nullptr;

  SystemResponsibilities out;
  out.id = s->id.str();
  out.name = s->name;
  out.as_of = d->as_of;
  for (const auto* c : r.controllers) out.controllers.push_back(c->id.str());
  if (r.internal_processor) out.internal_processor = r.internal_processor->id.str();
  out.joint_controllers = r.controllers.size() >= 2;
  out.owner = RefOf(r.owner);
  if (owner_committee) out.owner_committee = owner_committee->id.str();

  // Roles held against the mandatory roles of the category.
  std::set<model::RoleKind> listed(r.mandatory_roles.begin(), r.mandatory_roles.end());
  for (const auto& role : s->roles) listed.insert(role.role);
  for (auto role : listed) {
    RoleHolding h;
    h.role = role;
    h.mandatory = std::find(r.mandatory_roles.begin(), r.mandatory_roles.end(), role) != r.mandatory_roles.end();
    for (const auto* p : index.Holders(*s, role)) h.holders.push_back({RefOf(p), {}});
    for (const auto& a : s->roles)
      if (a.role == role && a.committee) h.holders.push_back({std::nullopt, a.committee->str()});
    out.roles.push_back(std::move(h));
  }
  out.mandatory_roles = r.mandatory_roles;

  // Documents against the mandatory documents.
  std::set<model::DocumentKind> kinds(r.mandatory_documents.begin(), r.mandatory_documents.end());
  for (const auto& doc : s->documents) kinds.insert(doc.kind);
  for (auto kind : kinds) {
    DocumentPresence p;
    p.kind = kind;
    p.mandatory =
        std::find(r.mandatory_documents.begin(), r.mandatory_documents.end(), kind) != r.mandatory_documents.end();
    for (const auto& doc : s->documents)
      if (doc.kind == kind) p.present.push_back(doc.id.str());
    out.documents.push_back(std::move(p));
  }
  out.mandatory_documents = r.mandatory_documents;

  // Who decides and signs the DPA, and the chain that gives them the right.
  const auto which = static_cast<size_t>(r.dpa_decided_by.which);
  out.dpa_case = r.dpa_decided_by.which;
  for (const auto* c : r.dpa_decided_by.committees) out.dpa_committees.push_back(c->id.str());
  out.dpa_explanation = {"R-DPA-DECIDER", kCaseText[which].first, kCaseText[which].second};
  if (r.dpa_decided_by.which == rules::DpaDeciderCase::kDeputyDirector) {
    for (const auto* c : r.controllers) {
      if (const auto* del = Carrying(index, c->id.str(), model::DelegationMatter::kDecideDpaMunicipalityWide, day))
        out.dpa_delegations.push_back(RefOf(*del));
      else
        out.missing_delegations.push_back(c->id.str());
    }
  } else {
    for (const auto* c : r.dpa_decided_by.committees)
      if (const auto* del = Carrying(index, c->id.str(), model::DelegationMatter::kDecideDpa, day))
        out.dpa_delegations.push_back(RefOf(*del));
  }
  if (r.dpa_decided_by.which == rules::DpaDeciderCase::kDeputyDirector) {
    for (const auto& p : index.reg().people)
      if (p.title == model::Title::kDeputyMunicipalDirector) out.signers.push_back(*RefOf(&p));
  } else if (r.dpa_decided_by.which == rules::DpaDeciderCase::kEachController && r.owner) {
    out.signers.push_back(*RefOf(r.owner));
  }
  if (r.dpa_decided_by.which == rules::DpaDeciderCase::kEachController) {
    for (const auto* c : r.controllers) {
      if (c == owner_committee) continue;
      bool found = false;
      for (const auto& f : index.reg().powers_of_attorney) {
        if (f.committee != c->id || f.system != s->id) continue;
        found = true;
        PowerOfAttorneyLink a;
        a.id = f.id.str();
        a.committee = f.committee.str();
        a.holder = RefOf(f.holder ? index.FindPerson(f.holder->str()) : nullptr);
        a.issued_by = RefOf(f.issued_by ? index.FindPerson(f.issued_by->str()) : nullptr);
        a.issued_on = f.issued_on;
        if (const auto* del = Carrying(index, c->id.str(), model::DelegationMatter::kIssuePowerOfAttorneyDpa, day))
          a.delegation = RefOf(*del);
        out.powers_of_attorney.push_back(std::move(a));
      }
      if (!found) out.missing_powers_of_attorney.push_back(c->id.str());
    }
  }

  if (r.incident_handler) out.incident_handler = r.incident_handler->id.str();
  const bool by_owner = s->scope == model::Scope::kMunicipalityWide || r.controllers.size() >= 2;
  out.incident_explanation = {
      "R-INC-HANDLER",
      by_owner ? "Ägarens nämnd utreder, dokumenterar och anmäler; den informerar alla berörda "
                 "personuppgiftsansvariga."
               : "Den personuppgiftsansvariga nämnden utreder, dokumenterar och anmäler.",
      by_owner ? "The owner's committee investigates, documents and notifies; it informs every affected controller."
               : "The controller committee investigates, documents and notifies."};
  return out;
}

}  // namespace ansvar::app

namespace ansvar::app {

Result<std::vector<TrendPoint>> RegisterService::Trend(int weeks) const {
  if (weeks < 1 || weeks > 104) return BadRequest("weeks: from 1 to 104");
  int64_t head = 0;
  {
    std::shared_lock lock(mu_);
    head = state_->last_seq;
  }
  // The same question at the same head of the trail within a minute gets the same answer (deadlines move with the
  // clock, as the live findings' do), computed once.
  {
    std::lock_guard lock(trend_mu_);
    if (const auto it = trend_cache_.find(weeks); it != trend_cache_.end() && it->second.head == head &&
                                                  std::chrono::steady_clock::now() - it->second.built < kLiveFor)
      return it->second.points;
  }
  const auto now = clock_();
  std::string overrides;
  {
    std::shared_lock lock(mu_);
    overrides = state_->reg.rulebook_overrides;
  }
  // One walk of the trail, oldest first: each week's register is the replay up to that moment (app/audit_replay.hpp).
  std::vector<model::Timestamp> at_points;
  for (int k = weeks; k >= 0; --k)
    at_points.push_back(model::Timestamp::FromSeconds(now.seconds() - int64_t(k) * 7 * 86400));
  std::vector<TrendPoint> points;
  internal::AuditReplay replay;
  auto emit = [&] {
    const auto at = at_points[points.size()];
    const auto reg = replay.Build(at, overrides);
    const auto rulebook = io::EffectiveRulebook(base_rulebook_, reg);
    points.push_back({at, reg.systems.size(), rules::Summarize(rules::Check(reg, rulebook, {at}))});
  };
  try {
    internal::ForEachAuditEntry(*store_, now, [&](const store::AuditEntry& e) {
      while (points.size() < at_points.size() && at_points[points.size()] < e.at) emit();
      replay.Apply(e);
    });
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
  while (points.size() < at_points.size()) emit();
  std::lock_guard lock(trend_mu_);
  trend_cache_[weeks] = {head, std::chrono::steady_clock::now(), points};
  return points;
}

}  // namespace ansvar::app

namespace ansvar::app {

Result<GroupedSummary> RegisterService::FindingsSummary(const std::string& group_by,
                                                        std::optional<model::Timestamp> as_of) const {
  if (group_by != "severity" && group_by != "rule" && group_by != "subject" && group_by != "administration" &&
      group_by != "committee")
    return BadRequest("group_by: severity, rule, subject, administration or committee");
  std::shared_lock lock(mu_);
  const auto d = DerivedAt(as_of);
  struct Counts {
    std::string name;
    std::string type;
    size_t n[3] = {0, 0, 0};
  };
  std::map<std::string, Counts> groups;
  auto count = [&](const std::string& key, const rules::Finding& f) {
    groups[key].n[static_cast<size_t>(f.severity)]++;
  };
  if (group_by == "administration" || group_by == "committee") {
    const auto& by = group_by == "administration" ? d->by_administration : d->by_committee;
    for (const auto& [key, indices] : by)
      for (auto i : indices) count(key, d->evaluation.findings[i]);
    for (auto& [key, c] : groups) {
      if (group_by == "committee") {
        const auto* x = d->index.FindCommittee(key);
        c.name = x ? x->name : key;
      } else {
        const auto* x = d->index.FindAdministration(key);
        c.name = x ? x->name : key;
      }
    }
  } else {
    for (const auto& f : d->evaluation.findings) {
      if (group_by == "severity")
        count(std::string(rules::ToString(f.severity)), f);
      else if (group_by == "rule")
        count(std::string(rules::Code(f.rule)), f);
      else {
        const std::string key = std::string(rules::ToString(f.subject.type)) + ":" + f.subject.id;
        count(key, f);
        auto& c = groups[key];
        if (c.name.empty())
          c.name = rules::SubjectName(f.subject, d->index), c.type = std::string(rules::ToString(f.subject.type));
      }
    }
    if (group_by == "rule")
      for (auto& [key, c] : groups) c.name = std::string(rules::Info(*rules::ParseRuleCode(key)).title_sv);
  }
  // Most errors first, then most warnings.
  std::vector<std::pair<std::string, Counts>> sorted(groups.begin(), groups.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.second.n[0] != b.second.n[0]) return a.second.n[0] > b.second.n[0];
    return a.second.n[1] > b.second.n[1];
  });
  GroupedSummary out{d->as_of, group_by, {}};
  out.groups.reserve(sorted.size());
  for (const auto& [key, c] : sorted) {
    SummaryGroup g{{}, key, c.name, {c.n[0], c.n[1], c.n[2]}};
    if (group_by == "subject") {
      const auto colon = key.find(':');
      g.type = key.substr(0, colon);
      g.key = key.substr(colon + 1);
    }
    out.groups.push_back(std::move(g));
  }
  return out;
}

Result<rules::Rulebook> RegisterService::EffectiveRulebook(const std::string& organization) const {
  std::shared_lock lock(mu_);
  auto rulebook = io::EffectiveRulebook(base_rulebook_, state_->reg);
  if (organization.empty()) return rulebook;
  if (state_->Find<model::Organization>(organization) == nullptr)
    return NotFound("okänd organisation / unknown organization \"" + organization + "\"");
  return rulebook.ForOrganization(organization);
}

}  // namespace ansvar::app
