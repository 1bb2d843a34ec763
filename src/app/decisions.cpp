#include "app/decisions.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "app/accounts.hpp"
#include "app/acting_person.hpp"
#include "app/cycle_service.hpp"
#include "app/incident_reports.hpp"
#include "app/subject_path.hpp"
#include "io/cycle_json.hpp"
#include "io/entity_json.hpp"
#include "rules/catalog.hpp"
#include "rules/derive.hpp"
#include "rules/entitlement.hpp"
#include "rules/measures.hpp"
#include "rules/messages.hpp"

namespace ansvar::app {
namespace {

bool AtMeeting(const model::DpaDecision& d) { return d.meeting && !d.meeting->empty(); }
bool Covers(const model::DpaDecision& d, const model::CommitteeId& c) {
  return std::find(d.committees.begin(), d.committees.end(), c) != d.committees.end();
}
bool Approvable(model::DocumentKind k) {
  return k == model::DocumentKind::kManagementPlan || k == model::DocumentKind::kFollowUpReport;
}

// The role that approves plans and reports of the system (R-PLAN-APPROVER): budget holder, else owner.
model::RoleKind ApprovingRole(const rules::Rulebook& rb, const model::System& s) {
  const auto mandatory = rules::MandatoryRoles(rb, s.category, s.fee);
  return std::find(mandatory.begin(), mandatory.end(), model::RoleKind::kBudgetHolder) != mandatory.end()
             ? model::RoleKind::kBudgetHolder
             : model::RoleKind::kOwner;
}
bool Holds(const model::System& s, model::RoleKind role, const model::PersonId& person) {
  return std::any_of(s.roles.begin(), s.roles.end(),
                     [&](const model::RoleAssignment& r) { return r.role == role && r.person == person; });
}

// What falls due within this many days is on the task list (the due items and the measures alike).
constexpr int kSoonDays = 30;

std::string Sv(rules::Lang lang, std::string sv, std::string en) {
  return lang == rules::Lang::kEn ? std::move(en) : std::move(sv);
}

}  // namespace

Result<DecisionView> Decisions::View(const std::string& system_id, const auth::Account& account) const {
  std::optional<model::Person> person;
  std::string why_not;
  if (auto p = ActingPerson(s_, account); p.ok())
    person = p.value();
  else
    why_not = p.error().detail;
  const RegisterService::Reader r(s_);
  return ViewLocked(r, system_id, person, why_not);
}

Result<model::Person> Decisions::ActingPersonLocked(const RegisterService::Locked& r,
                                                    const auth::Account& account) const {
  if (account.person.empty()) return ActingPerson(s_, account);  // the same refusal, read without the register
  const auto* p = r.Find<model::Person>(account.person);
  if (p == nullptr)
    return NotEntitled("kontots person " + account.person +
                       " finns inte i registret / the account's person is not in the register");
  return *p;
}

Result<DecisionView> Decisions::ViewLocked(const RegisterService::Locked& r, const std::string& system_id,
                                           const std::optional<model::Person>& person, std::string why_not) const {
  const auto& index = r.index();
  const auto* s = index.FindSystem(system_id);
  if (s == nullptr) return NotFound("system \"" + system_id + "\" finns inte / does not exist");
  DecisionView v;
  v.system = *s;
  v.today = rules::StockholmDate(s_.Now());
  v.person = person;
  v.matter = rules::DpaDecisionMatter(index, *s);
  const auto decider = rules::DpaDecidedBy(index, *s);
  v.power_of_attorney = decider.which == rules::DpaDeciderCase::kEachController;
  if (const auto* o = rules::Owner(index, *s)) v.owner = *o;
  for (const auto* x : index.DpaDecisionsOf(index.IndexOf(*s))) v.decisions.push_back(*x);
  std::sort(v.decisions.begin(), v.decisions.end(),
            [](const auto& a, const auto& b) { return std::tie(a.decided_on, a.id) < std::tie(b.decided_on, b.id); });
  bool open = false;
  for (const auto* c : rules::CommitteesThatMustDecide(index, *s)) {
    CommitteeEntitlement e;
    e.committee = *c;
    e.decided = std::any_of(v.decisions.begin(), v.decisions.end(),
                            [&](const model::DpaDecision& x) { return Covers(x, c->id); });
    if (person)
      if (const auto* x = rules::EntitlingDelegation(index, c->id, v.matter, *person, v.today)) e.delegation = *x;
    if (!e.decided) open = true;
    if (!e.decided && e.delegation) v.entitled = true;
    v.committees.push_back(std::move(e));
  }
  if (!v.entitled && why_not.empty()) {
    if (v.committees.empty())
      why_not =
          "inget beslut om personuppgiftsbiträde behövs för systemet / no decision on a processor is needed for the "
          "system";
    else if (!open)
      why_not = "alla nämnder som ska besluta har beslutat / every committee that must decide has decided";
    else
      why_not = person->name + " har ingen delegation att besluta om personuppgiftsbiträde (" +
                std::string(model::ToString(v.matter)) + ") från nämnden, giltig " + model::FormatDate(v.today) +
                " / " + person->name + " holds no delegation of the committee for the matter " +
                std::string(model::ToString(v.matter)) + " valid on " + model::FormatDate(v.today);
  }
  v.why_not = why_not;
  return v;
}

Result<Versioned> Decisions::Decide(const std::string& system_id, const DecideInput& input,
                                    const auth::Account& account, const Actor& actor) {
  // The entitlement (a delegation valid today, a committee that has not decided) is judged under the same lock as the
  // write, on the register as it is then: a change between a check and the write cannot let someone decide who is
  // no longer entitled.
  RegisterService::Writer w(s_);
  if (w.error()) return *w.error();
  std::optional<model::Person> person;
  std::string why_not;
  if (auto p = ActingPersonLocked(w, account); p.ok())
    person = p.value();
  else
    why_not = p.error().detail;
  auto view = ViewLocked(w, system_id, person, why_not);
  if (!view.ok()) return view.error();
  const auto& v = view.value();
  if (!v.person) return NotEntitled(v.why_not);
  if (!v.entitled) {
    if (v.committees.empty() ||
        std::all_of(v.committees.begin(), v.committees.end(), [](const CommitteeEntitlement& e) { return e.decided; }))
      return Error{ErrorCode::kConflict, "Inget att besluta / Nothing to decide", v.why_not, {}};
    return NotEntitled(v.why_not);
  }
  std::vector<model::Problem> problems;
  std::string processor = input.processor.value_or(v.system.supplier.value_or(""));
  while (!processor.empty() && processor.back() == ' ') processor.pop_back();
  if (processor.empty())
    problems.push_back({"$.processor",
                        "ange personuppgiftsbiträdet (systemet har ingen leverantör) / name the processor (the system "
                        "has no supplier)"});
  if (processor.size() > 200) problems.push_back({"$.processor", "at most 200 characters"});
  if (input.diary_number && input.diary_number->size() > 100)
    problems.push_back({"$.diary_number", "at most 100 characters"});
  if (!problems.empty()) return Invalid("the decision is not valid", problems);

  model::DpaDecision d;
  d.system = v.system.id;
  d.decided_on = v.today;
  d.decided_by = v.person->id;
  for (const auto& e : v.committees)
    if (!e.decided && e.delegation) {
      d.committees.push_back(e.committee.id);
      if (!d.delegation) d.delegation = e.delegation->id;
    }
  d.processor = processor;
  if (input.diary_number && !input.diary_number->empty()) d.diary_number = input.diary_number;
  const std::string stem = "dpa-decision-" + v.system.id.str() + "-" + model::FormatDate(v.today);
  for (int n = 1; n < 100; ++n) {
    d.id = model::DpaDecisionId(n == 1 ? stem : stem + "-" + std::to_string(n));
    if (d.id.str().size() > 100) d.id = model::DpaDecisionId("dpa-decision-" + std::to_string(n));
    auto created = w.Create(Kind::kDpaDecision, io::WriteEntity(d), actor);
    if (created.ok() || created.error().code != ErrorCode::kConflict ||
        created.error().title.find("Already exists") == std::string::npos)
      return created;
  }
  return Error{ErrorCode::kConflict, "Konflikt / Conflict", "too many decisions on the system today", {}};
}

bool Decisions::MayReport(const RegisterService::Locked& r, const auth::Account& account,
                          const model::Committee& committee) const {
  if (account.role == auth::Role::kAdmin || account.role == auth::Role::kDpo) return true;
  // The committee's secretary (or anyone of an administration that serves the committee) records the report.
  if (account.person.empty()) return false;
  const auto* p = r.Find<model::Person>(account.person);
  if (p == nullptr || !p->administration) return false;
  const auto* a = r.Find<model::Administration>(p->administration->str());
  return a != nullptr && std::find(a->committees.begin(), a->committees.end(), committee.id) != a->committees.end();
}

Result<UnreportedList> Decisions::Unreported(const std::string& committee, const auth::Account& account) const {
  const RegisterService::Reader r(s_);
  const auto& index = r.index();
  const auto* c = index.FindCommittee(committee);
  if (c == nullptr) return NotFound("committee \"" + committee + "\" finns inte / does not exist");
  UnreportedList out;
  out.committee = *c;
  out.today = rules::StockholmDate(s_.Now());
  out.may_report = MayReport(r, account, *c);
  for (const auto& x : r.reg().dpa_decisions) {
    if (AtMeeting(x) || x.reported_on || !Covers(x, c->id)) continue;
    const auto* system = index.FindSystem(x.system.str());
    const auto& rb = system != nullptr ? r.rulebook().ForOrganization(index.OrganizationOf(*system) != nullptr
                                                                          ? index.OrganizationOf(*system)->id.str()
                                                                          : std::string())
                                       : r.rulebook();
    out.report_days = rb.delegation_report_days;
    DelegatedDecisionLine line;
    line.decision = x;
    line.system_name = system != nullptr ? system->name : x.system.str();
    if (x.decided_by)
      if (const auto* p = index.FindPerson(x.decided_by->str())) line.decided_by_name = p->name;
    if (x.delegation)
      for (const auto* g : index.DelegationsOf(c->id.str()))
        if (g->id == *x.delegation) line.delegation_text = g->decision;
    line.report_due = x.decided_on.value_or(out.today).AddDays(rb.delegation_report_days);
    line.overdue = out.today > line.report_due;
    out.lines.push_back(std::move(line));
  }
  if (out.report_days == 0)
    out.report_days = r.rulebook().ForOrganization(c->organization.str()).delegation_report_days;
  std::sort(out.lines.begin(), out.lines.end(), [](const auto& a, const auto& b) {
    return std::tie(a.decision.decided_on, a.decision.id) < std::tie(b.decision.decided_on, b.decision.id);
  });
  return out;
}

Result<std::vector<model::DpaDecision>> Decisions::Report(const std::string& committee, const ReportInput& input,
                                                          const auth::Account& account, const Actor& actor) {
  std::vector<model::Problem> problems;
  if (input.decisions.empty()) problems.push_back({"$.decisions", "välj minst ett beslut / choose at least one"});
  if (!input.reported_on) problems.push_back({"$.reported_on", "ange sammanträdets datum / the meeting's date"});
  std::string at = input.reported_at;
  while (!at.empty() && at.back() == ' ') at.pop_back();
  if (at.empty())
    problems.push_back(
        {"$.reported_at", "ange sammanträde och paragraf / the meeting and paragraph (BN 2025-02-11 § 7)"});
  if (at.size() > 200) problems.push_back({"$.reported_at", "at most 200 characters"});

  RegisterService::Writer w(s_);
  if (w.error()) return *w.error();
  const auto* c = w.Find<model::Committee>(committee);
  if (c == nullptr) return NotFound("committee \"" + committee + "\" finns inte / does not exist");
  if (!MayReport(w, account, *c))
    return NotEntitled("bara nämndens sekreterare (en person i en förvaltning som arbetar för " + c->name +
                       "), dataskyddsombudet eller en administratör anmäler delegationsbeslut / only the committee's "
                       "secretary (a person of an administration serving the committee), the DPO or an admin reports "
                       "delegated decisions");
  std::vector<store::Change> changes;
  std::vector<model::DpaDecision> updated;
  std::set<std::string> seen;
  for (size_t i = 0; i < input.decisions.size(); ++i) {
    const auto& id = input.decisions[i];
    const std::string path = "$.decisions[" + std::to_string(i) + "]";
    const auto* x = w.Find<model::DpaDecision>(id);
    if (x == nullptr || !seen.insert(id).second) {
      problems.push_back({path, "okänt eller upprepat beslut / unknown or repeated decision \"" + id + "\""});
      continue;
    }
    if (AtMeeting(*x) || !Covers(*x, c->id)) {
      problems.push_back({path, "inte ett delegationsbeslut för nämnden / not a delegated decision of the committee"});
      continue;
    }
    if (x->reported_on) {
      problems.push_back({path, "redan anmält " + model::FormatDate(*x->reported_on) + " / already reported"});
      continue;
    }
    if (x->decided_on && input.reported_on && *input.reported_on < *x->decided_on) {
      problems.push_back({"$.reported_on", "före beslutet " + x->id.str() + " / before the decision"});
      continue;
    }
    model::DpaDecision next = *x;
    next.reported_on = input.reported_on;
    next.reported_at = at;
    changes.push_back(store::Change{{Kind::kDpaDecision, id},
                                    store::Entity(next),
                                    w.version(Kind::kDpaDecision, id),
                                    io::WriteEntity(*x),
                                    io::WriteEntity(next)});
    updated.push_back(std::move(next));
  }
  if (!problems.empty()) return Invalid("the report is not valid", problems);
  if (auto written = w.Update(changes, actor); !written.ok()) return written.error();
  return updated;
}

Result<Versioned> Decisions::Approve(const std::string& system_id, const std::string& document, int64_t if_match,
                                     const auth::Account& account, const Actor& actor) {
  // Who approves and whether they hold the approving role are judged under the write's lock (see Decide).
  RegisterService::Writer w(s_);
  if (w.error()) return *w.error();
  auto person = ActingPersonLocked(w, account);
  if (!person.ok()) return person.error();
  const auto* s = w.Find<model::System>(system_id);
  if (s == nullptr) return NotFound("system \"" + system_id + "\" finns inte / does not exist");
  const int64_t version = w.version(Kind::kSystem, system_id);
  if (version != if_match)
    return Error{ErrorCode::kPreconditionFailed,
                 "Ändrad av någon annan / Changed by someone else",
                 "system \"" + system_id + "\" is at version " + std::to_string(version) + ", not " +
                     std::to_string(if_match) + ": reload it and approve again",
                 {}};
  model::System next = *s;
  auto it = std::find_if(next.documents.begin(), next.documents.end(),
                         [&](const model::Document& d) { return d.id.str() == document; });
  if (it == next.documents.end())
    return NotFound("document \"" + document + "\" of system \"" + system_id + "\" finns inte / does not exist");
  if (!Approvable(it->kind))
    return Error{ErrorCode::kConflict,
                 "Godkänns inte här / Not approved here",
                 "bara förvaltningsplaner och uppföljningsrapporter godkänns här / only management plans and follow-up "
                 "reports are approved here",
                 {}};
  if (it->approved_by)
    return Error{ErrorCode::kConflict,
                 "Redan godkänd / Already approved",
                 "dokumentet godkändes " + (it->approved_on ? model::FormatDate(*it->approved_on) : std::string("?")) +
                     " av " + it->approved_by->str() + " / the document was already approved",
                 {}};
  const auto* org = w.index().OrganizationOf(*s);
  const auto& judged = org != nullptr ? w.rulebook().ForOrganization(org->id.str()) : w.rulebook();
  const auto role = ApprovingRole(judged, *s);
  if (!Holds(*s, role, person.value().id))
    return NotEntitled(person.value().name + " är inte " +
                       (role == model::RoleKind::kBudgetHolder ? "budgetansvarig" : "systemägare") + " för " + s->name +
                       " och får inte godkänna dokumentet / " + person.value().name + " is not the " +
                       std::string(model::ToString(role)) + " of " + s->name + " and may not approve the document");
  it->approved_by = person.value().id;
  it->approved_on = rules::StockholmDate(s_.Now());
  it->approved_by_account = account.id;
  const std::string before = io::WriteEntity(*s);
  const std::string after = io::WriteEntity(next);
  auto written = w.Update(
      {store::Change{{Kind::kSystem, system_id}, store::Entity(std::move(next)), if_match, before, after}}, actor);
  if (!written.ok()) return written.error();
  return Versioned{after, written.value().at(0), system_id};
}

bool CarriedBesideDueItems(const Task& t) {
  return t.kind == "breach" || t.kind == "decide" || t.kind == "approve" || t.kind == "report" || t.kind == "measure";
}

Result<TaskList> Decisions::PersonTasks(const std::string& person, rules::Lang lang) const {
  auth::Account as;
  as.id = "person:" + person;
  as.person = person;
  CycleService cycle(s_);
  if (const auto accounts = Accounts(cycle.Store(), [&cycle] { return cycle.Now(); }).List(); accounts.ok()) {
    int linked = 0;
    for (const auto& a : accounts.value())
      if (!a.disabled && a.person == person && ++linked == 1) as = a;
    if (linked > 1) {  // two accounts for one person: neither's role decides what the person is sent
      as = auth::Account{};
      as.id = "person:" + person;
      as.person = person;
    }
  }
  return Tasks(as, lang);
}

Result<TaskList> Decisions::Tasks(const auth::Account& account, rules::Lang lang) const {
  TaskList out;
  out.account = account.id;
  if (auto p = ActingPerson(s_, account); p.ok()) out.person = p.value();
  out.scope = account.role == auth::Role::kDpo                     ? "dpo"
              : account.role == auth::Role::kDataProtectionContact ? "administration"
                                                                   : "person";
  // The breaches whose authority notice clock runs, for those who must act on them or be informed: the data protection
  // contacts of the handling administration and the DPO (IncidentReports::Tasks, the start page's breach_tasks).
  // Read before the shared lock: it takes its own.
  std::vector<BreachTask> breaches;
  if (out.scope != "person") {
    const auth::Principal who{account.id, account.role, account.administration, account.person};
    if (auto b = IncidentReports(s_).Tasks(who); b.ok()) breaches = std::move(b.value());
  }
  const RegisterService::Reader rd(s_);
  const auto& index = rd.index();
  const auto now = s_.Now();
  out.today = rules::StockholmDate(now);
  const std::string me = out.person ? out.person->id.str() : std::string();
  std::map<std::pair<std::string, int>, size_t> approvals;  // (system, year) → its approval task

  // What waits for the person's approval: plans and reports of systems where they hold the approving role.
  if (out.person)
    for (const auto& s : rd.reg().systems) {
      if (!(s.lifecycle == model::Lifecycle::kActive || s.lifecycle == model::Lifecycle::kRetiring)) continue;
      const auto* org = index.OrganizationOf(s);
      const auto& rb = org != nullptr ? rd.rulebook().ForOrganization(org->id.str()) : rd.rulebook();
      if (!Holds(s, ApprovingRole(rb, s), out.person->id)) continue;
      for (const auto& doc : s.documents) {
        if (!Approvable(doc.kind) || doc.approved_by || doc.id.empty()) continue;
        Task t;
        t.kind = "approve";
        t.rule = "R-PLAN-APPROVER";
        const bool plan = doc.kind == model::DocumentKind::kManagementPlan;
        const std::string year = doc.year ? " " + std::to_string(*doc.year) : std::string();
        t.title = plan ? Sv(lang, "Godkänn förvaltningsplanen" + year, "Approve the management plan" + year)
                       : Sv(lang, "Godkänn uppföljningsrapporten" + year, "Approve the follow-up report" + year);
        t.subject_type = "system", t.subject_id = s.id.str(), t.subject_name = s.name;
        t.state = "due";
        t.action = "approve";
        t.link = "/systems/" + s.id.str() + "/acts";
        t.act = "POST /api/v1/systems/" + s.id.str() + "/documents/" + doc.id.str() + "/approve";
        t.key = "approve/" + s.id.str() + "/" + doc.id.str();
        approvals.emplace(std::pair(s.id.str(), doc.year.value_or(0)), out.items.size());
        out.items.push_back(std::move(t));
      }
    }

  // What waits for the person's decision: a committee whose delegation they hold today has not decided on the
  // system's processor — where R-DPA-DECISION found a DPA signed without its decision, or a DPA is being negotiated
  // (not yet signed). Once a decision covers the committee the task is done (a decision dated after the DPA's
  // signing stays a finding of R-DPA-DECISION: the record shows it came late).
  if (out.person) {
    std::set<std::string> asked;
    auto ask = [&](const model::System& s, const model::CommitteeId& c, rules::Severity severity) {
      if (asked.contains(s.id.str())) return;
      const auto decisions = index.DpaDecisionsOf(index.IndexOf(s));
      if (std::any_of(decisions.begin(), decisions.end(), [&](const model::DpaDecision* x) { return Covers(*x, c); }))
        return;
      if (rules::EntitlingDelegation(index, c, rules::DpaDecisionMatter(index, s), *out.person, out.today) == nullptr)
        return;
      asked.insert(s.id.str());
      Task t;
      t.kind = "decide";
      t.rule = "R-DPA-DECISION";
      t.title = Sv(lang, "Besluta om personuppgiftsbiträde för " + s.name, "Decide on the processor of " + s.name);
      t.subject_type = "system", t.subject_id = s.id.str(), t.subject_name = s.name;
      t.state = std::string(rules::ToString(severity));
      t.action = "decide";
      t.link = "/systems/" + s.id.str() + "/acts";
      t.act = "POST /api/v1/systems/" + s.id.str() + "/dpa_decision";
      t.key = "decide/" + s.id.str();
      out.items.push_back(std::move(t));
    };
    for (const auto& f : rd.findings()) {
      if (f.rule != rules::RuleId::kDpaDecision) continue;
      const auto* s = index.FindSystem(f.subject.id);
      const auto* c = rules::DetailString(f, "committee");
      if (s != nullptr && c != nullptr) ask(*s, model::CommitteeId(*c), f.severity);
    }
    for (const auto& s : rd.reg().systems) {
      if (std::none_of(s.documents.begin(), s.documents.end(),
                       [](const model::Document& x) { return x.kind == model::DocumentKind::kDpa && !x.signed_on; }))
        continue;
      for (const auto* c : rules::CommitteesThatMustDecide(index, s)) ask(s, c->id, rules::Severity::kWarning);
    }
  }

  // Delegated decisions to report, for the secretary of a committee (or the DPO, an admin).
  for (const auto& c : rd.reg().committees) {
    if (account.role == auth::Role::kAdmin || !MayReport(rd, account, c)) continue;
    size_t n = 0;
    std::optional<model::Date> oldest;
    for (const auto& x : rd.reg().dpa_decisions)
      if (!AtMeeting(x) && !x.reported_on && Covers(x, c.id)) {
        ++n;
        if (x.decided_on && (!oldest || *x.decided_on < *oldest)) oldest = x.decided_on;
      }
    if (n == 0) continue;
    Task t;
    t.kind = "report";
    t.rule = "R-DELEG-REPORT";
    t.title = Sv(lang, "Anmäl " + std::to_string(n) + " delegationsbeslut till " + c.name,
                 "Report " + std::to_string(n) + " delegated decisions to " + c.name);
    t.subject_type = "committee", t.subject_id = c.id.str(), t.subject_name = c.name;
    if (oldest) t.due = oldest->AddDays(rd.rulebook().ForOrganization(c.organization.str()).delegation_report_days);
    t.state = t.due && out.today > *t.due ? "overdue" : "due";
    t.action = "report";
    t.link = "/committees/" + c.id.str() + "/delegated-decisions";
    t.act = "POST /api/v1/committees/" + c.id.str() + "/delegated_decisions/report";
    t.key = "report/" + c.id.str();
    out.items.push_back(std::move(t));
  }

  // The breach clocks (above): each breach once, with its authority notice deadline; done when notified, closed or
  // assessed without risk (IncidentReports::Tasks leaves those out).
  std::map<std::string, size_t> clocked;  // incident → its breach task
  for (const auto& b : breaches) {
    Task t;
    t.kind = "breach";
    t.rule = std::string(rules::Code(rules::RuleId::kInc72h));
    const std::string what = b.system_name.empty() ? b.incident.id.str() : b.system_name;
    t.title = Sv(lang, "Anmäl personuppgiftsincidenten till IMY (" + what + ")",
                 "Notify the authority of the breach (" + what + ")");
    if (b.status == BreachStatus::kReceived) t.title += Sv(lang, " – inte bedömd än", " – not assessed yet");
    t.subject_type = "incident", t.subject_id = b.incident.id.str(), t.subject_name = what;
    if (b.deadline) {
      t.due_at = b.deadline;
      t.due = rules::StockholmDate(*b.deadline);
    }
    t.state = b.deadline && now > *b.deadline ? "overdue" : "due";
    t.action = out.scope == "dpo" ? "inform" : "notify";
    t.link = internal::SubjectPath({rules::SubjectType::kIncident, t.subject_id});
    t.key = "breach/" + t.subject_id;
    clocked.emplace(t.subject_id, out.items.size());
    out.items.push_back(std::move(t));
  }

  // Measures (R-MEASURE-OVERDUE's measures register, rules/measures.hpp): the open measures the person owns that are
  // overdue or due within the window of what falls due; for the DPO every overdue measure, for a data protection
  // contact the administration's, for a person also the overdue measures of the systems where they hold a role.
  // Overdue is the rule's finding; soon due is the register's own date.
  std::set<std::string> measured;  // holder/measure with a task
  auto measure_task = [&](const rules::MeasureRef& ref, const std::string& state) {
    const auto& m = *ref.measure;
    const std::string mid = m.id.empty() ? std::to_string(ref.index + 1) : m.id;
    const std::string key =
        "measure/" + std::string(rules::ToString(ref.holder_type)) + "/" + ref.holder_id + "/" + mid;
    if (!measured.insert(key).second) return;
    Task t;
    t.kind = "measure";
    t.rule = std::string(rules::Code(rules::RuleId::kMeasureOverdue));
    t.title = Sv(lang, "Genomför åtgärden: ", "Carry out the measure: ") + m.description;
    t.subject_type = std::string(rules::ToString(ref.holder_type));
    t.subject_id = ref.holder_id;
    t.subject_name = rules::SubjectName({ref.holder_type, ref.holder_id}, index);
    t.due = m.due;
    t.state = state;
    t.action = "measure";
    t.link = internal::SubjectPath({ref.holder_type, ref.holder_id});
    t.key = key;
    out.items.push_back(std::move(t));
  };
  std::set<std::string> role_systems;
  if (out.person)
    for (const auto& s : rd.reg().systems)
      if (std::any_of(s.roles.begin(), s.roles.end(), [&](const auto& r) { return r.person == out.person->id; }))
        role_systems.insert(s.id.str());
  std::set<std::pair<std::string, std::string>> overdue_findings;  // (holder, measure) R-MEASURE-OVERDUE judged late
  for (const auto& f : rd.findings()) {
    if (f.rule != rules::RuleId::kMeasureOverdue) continue;
    const auto* owner = rules::DetailString(f, "owner");
    const auto* measure = rules::DetailString(f, "measure");
    bool asked = owner != nullptr && !me.empty() && *owner == me;
    if (out.scope == "dpo") asked = true;
    if (out.scope == "person" && f.subject.type == rules::SubjectType::kSystem && role_systems.contains(f.subject.id))
      asked = true;
    if (asked && measure != nullptr) overdue_findings.insert({f.subject.id, *measure});
  }
  if (out.scope == "administration" && !account.administration.empty())
    for (const auto i : rd.FindingsOfAdministration(account.administration))
      if (const auto& f = rd.findings()[i]; f.rule == rules::RuleId::kMeasureOverdue)
        if (const auto* measure = rules::DetailString(f, "measure")) overdue_findings.insert({f.subject.id, *measure});
  for (const auto& ref : rules::CollectMeasures(rd.reg())) {
    const auto& m = *ref.measure;
    const std::string mid = m.id.empty() ? std::to_string(ref.index + 1) : m.id;
    if (overdue_findings.contains({ref.holder_id, mid}))
      measure_task(ref, "overdue");
    else if (!me.empty() && m.owner && m.owner->str() == me && rules::Open(m) && m.due && *m.due >= out.today &&
             *m.due <= out.today.AddDays(kSoonDays))
      measure_task(ref, "due");
  }

  // What falls due (the annual cycle, §4's assignments): the person's items, the DPO's, the administration's.
  DueQuery q;
  q.lang = lang;
  if (out.scope == "administration")
    q.administration = account.administration;
  else
    q.person = me;
  if (!q.person.empty() || !q.administration.empty()) {
    auto items = rules::DueItems(index, rd.rulebook(), now, {out.today.AddDays(-366), out.today.AddDays(kSoonDays)});
    FilterDue(items, index, q);
    std::erase_if(items, [&](const rules::DueItem& it) {
      if (it.state == rules::DueState::kDone) return true;
      // A breach clock already asked for above, once per breach; an approval already asked for above, as its act.
      std::optional<size_t> asked;
      if (it.rule == rules::RuleId::kInc72h)
        if (const auto c = clocked.find(it.subject.id); c != clocked.end()) asked = c->second;
      if (it.action == rules::DueAction::kApprove && it.subject.type == rules::SubjectType::kSystem) {
        if (const auto a = approvals.find({it.subject.id, it.year}); a != approvals.end()) asked = a->second;
        if (const auto a = approvals.find({it.subject.id, 0}); !asked && a != approvals.end()) asked = a->second;
      }
      if (!asked) return false;
      out.replaced.push_back(it.Key());
      if (out.items[*asked].due_key.empty()) out.items[*asked].due_key = it.Key();
      return true;
    });
    for (const auto& line : io::DueLines(items, index, lang)) {
      const auto& it = line.item;
      Task t;
      t.kind = "due";
      t.rule = std::string(rules::Code(it.rule));
      t.title = line.title;
      t.subject_type = std::string(rules::ToString(it.subject.type));
      t.subject_id = it.subject.id, t.subject_name = line.subject_name;
      t.due = it.due;
      t.state = std::string(rules::ToString(it.state));
      t.action = std::string(rules::ToString(it.action));
      t.due_at = it.due_at;
      t.link = it.subject.type == rules::SubjectType::kSystem               ? "/systems/" + it.subject.id
               : it.subject.type == rules::SubjectType::kIncident           ? "/incidents/" + it.subject.id
               : it.subject.type == rules::SubjectType::kDataSubjectRequest ? "/requests/" + it.subject.id
                                                                            : "/cycle";
      t.key = "due/" + it.Key();
      out.items.push_back(std::move(t));
    }
  }

  // What the person is asked to fix: errors and warnings on the systems where they hold a role (the
  // administration's for a data protection contact); what is asked above as an act or a measure is not repeated.
  const auto& mine = role_systems;
  std::vector<const rules::Finding*> fix;
  if (out.scope == "administration" && !account.administration.empty()) {
    for (const auto i : rd.FindingsOfAdministration(account.administration)) fix.push_back(&rd.findings()[i]);
  } else {
    for (const auto& f : rd.findings())
      if (f.subject.type == rules::SubjectType::kSystem && mine.contains(f.subject.id)) fix.push_back(&f);
  }
  for (const auto* f : fix) {
    if (f->severity == rules::Severity::kInfo || f->rule == rules::RuleId::kDpaDecision ||
        f->rule == rules::RuleId::kMeasureOverdue)
      continue;
    Task t;
    t.kind = "fix";
    t.rule = std::string(rules::Code(f->rule));
    t.title = rules::Message(*f, index, lang);
    t.subject_type = std::string(rules::ToString(f->subject.type));
    t.subject_id = f->subject.id;
    t.subject_name = rules::SubjectName(f->subject, index);
    t.state = std::string(rules::ToString(f->severity));
    t.action = "fix";
    t.link = f->subject.type == rules::SubjectType::kSystem ? "/systems/" + f->subject.id
                                                            : "/findings?subject=" + f->subject.id;
    t.key = "fix/" + t.rule + "/" + t.subject_type + "/" + t.subject_id;
    out.items.push_back(std::move(t));
  }
  return out;
}

}  // namespace ansvar::app
