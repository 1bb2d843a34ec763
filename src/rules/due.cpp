// The annual cycle as due items (see due.hpp): the deadlines of model.md §4.2 (K: Årshjul, Forum, Dokumentation),
// §5.4 (K: Incidentrapportering; GDPR art. 33–34), §5.6 (GDPR art. 12.3; access and log reviews) and §6 (R-LIS-REVIEW).
// The readings are those of the rule evaluators in evaluators/, so that an item is "overdue" exactly when `check`
// reports the rule as missed, with two deliberate differences noted where they occur.
#include "rules/due.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "rules/derive.hpp"
#include "rules/vocabulary.hpp"

namespace ansvar::rules {
namespace {

using model::Date;
using model::DocumentKind;
using model::RoleKind;
using model::Timestamp;

Date On(int year, MonthDay md) { return Date::FromYmd(year, md.month, md.day); }

bool InOperation(const model::System& s) {
  return s.lifecycle == model::Lifecycle::kActive || s.lifecycle == model::Lifecycle::kRetiring;
}

// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
int Weekday(Date d) { return ((d.days() % 7) + 7 + 4) % 7; }

Date LastSunday(int year, unsigned month, unsigned last_day) {
  const Date end = Date::FromYmd(year, month, last_day);
  return end.AddDays(-Weekday(end));
}

struct Responsible {
  std::optional<std::string> person;
  std::string role;
};

class Builder {
 public:
  Builder(const RegisterIndex& index, const Rulebook& rb, Timestamp now, DueWindow window)
      : index_(index), base_(rb), cur_(&rb), now_(now), today_(StockholmDate(now)), window_(window) {}

  std::vector<DueItem> Take() {
    std::sort(items_.begin(), items_.end(), [](const DueItem& a, const DueItem& b) {
      return std::tie(a.due, a.subject, a.rule, a.action, a.person) <
             std::tie(b.due, b.subject, b.rule, b.action, b.person);
    });
    items_.erase(std::unique(items_.begin(), items_.end()), items_.end());
    return std::move(items_);
  }

  void Systems() {
    for (const auto& s : index_.reg().systems) {
      if (!InOperation(s)) continue;
      const auto* org = index_.OrganizationOf(s);
      cur_ = org != nullptr ? &base_.ForOrganization(org->id.str()) : &base_;
      Plans(s);
      Reports(s);
      ContractReviews(s);
      ContractExpiry(s);
      if (s.personal_data) Reviews(s);
    }
  }

  // R-INC-72H and R-INC-SUBJECTS: clocks from awareness, in hours; the DPO follows them, the handler acts.
  void Incidents() {
    for (const auto& inc : index_.reg().incidents) {
      cur_ = inc.controllers.empty() ? &base_ : &ForCommittee(inc.controllers.front().str());
      const model::System* system = inc.system ? index_.FindSystem(inc.system->str()) : nullptr;
      const model::Committee* handler = inc.handler ? index_.FindCommittee(inc.handler->str()) : nullptr;
      if (handler == nullptr && system != nullptr) handler = IncidentHandler(index_, *system);
      const model::Organization* org = system ? index_.OrganizationOf(*system) : nullptr;
      if (org == nullptr && handler != nullptr) org = index_.FindOrganization(handler->organization.str());
      for (size_t i = 0; org == nullptr && i < inc.controllers.size(); ++i)
        if (const auto* c = index_.FindCommittee(inc.controllers[i].str()))
          org = index_.FindOrganization(c->organization.str());
      const Responsible dpo{org && org->dpo ? std::optional(org->dpo->str()) : std::nullopt, "dpo"};
      auto clock = [&](RuleId rule, DueAction action, int hours, const std::optional<Timestamp>& done) {
        DueItem it = Base(rule, SubjectType::kIncident, inc.id.str(), action);
        it.due_at = inc.aware_at.AddHours(hours);
        it.due = StockholmDate(*it.due_at);
        it.year = it.due.year();
        it.opens = StockholmDate(inc.aware_at);
        if (done) it.done_on = StockholmDate(*done);
        if (handler) it.committee = handler->id.str();
        // cooperation-and-decisions.md §4: the data protection contact of the handler's administration investigates
        // and notifies; the DPO is informed (it monitors and advises: art. 38.6, 39).
        Emit(std::move(it), {{std::nullopt, "data_protection_contact"}, dpo}, done.has_value());
      };
      if (inc.assessment != model::Assessment::kNoRisk)
        clock(RuleId::kInc72h, DueAction::kNotify, rb().authority_notice_hours, inc.notified_authority_at);
      if (inc.assessment == model::Assessment::kHighRisk)
        clock(RuleId::kIncSubjects, DueAction::kInform, rb().subjects_notice_hours, inc.subjects_informed_at);
    }
  }

  // R-DSAR-DEADLINE: decided within dsar_months of receipt (+ the extension with a recorded reason), by each
  // controller committee.
  void Requests() {
    for (const auto& r : index_.reg().data_subject_requests) {
      cur_ = r.controllers.empty() ? &base_ : &ForCommittee(r.controllers.front().str());
      const bool extended = r.extended_reason && !r.extended_reason->empty();
      DueItem it = Base(RuleId::kDsarDeadline, SubjectType::kDataSubjectRequest, r.id.str(), DueAction::kDecide);
      it.due = r.received_on.AddMonths(rb().dsar_months + (extended ? rb().dsar_extension_months : 0));
      it.year = it.due.year();
      it.opens = r.received_on;
      it.done_on = r.decided_on;
      std::vector<std::string> committees;
      for (const auto& c : r.controllers) committees.push_back(c.str());
      if (committees.empty()) committees.emplace_back();
      for (const auto& c : committees) {
        DueItem x = it;
        if (!c.empty()) x.committee = c;
        Emit(std::move(x), {{std::nullopt, "controller"}}, r.decided_on.has_value());
      }
    }
  }

  // R-LIS-REVIEW: the management system reviewed within lis_review_months of the last review; the DPO follows it.
  // Only the next review is known (the register keeps the last date only); never reviewed: due today.
  void ManagementReviews() {
    for (const auto& o : index_.reg().organizations) {
      cur_ = &base_.ForOrganization(o.id.str());
      DueItem it = Base(RuleId::kLisReview, SubjectType::kOrganization, o.id.str(), DueAction::kReview);
      it.due = o.management_review_on ? o.management_review_on->AddMonths(rb().lis_review_months) : today_;
      it.year = it.due.year();
      it.opens = it.due.AddDays(-rb().reminder_days);
      Emit(std::move(it), {{o.dpo ? std::optional(o.dpo->str()) : std::nullopt, "dpo"}}, false);
    }
  }

 private:
  [[nodiscard]] const Rulebook& rb() const { return *cur_; }

  DueItem Base(RuleId rule, SubjectType type, const std::string& id, DueAction action) const {
    DueItem it;
    it.rule = rule;
    it.severity = rb().Setting(rule).severity.value_or(Info(rule).severity);
    it.subject = {type, id};
    it.action = action;
    return it;
  }

  // People holding `role` (deduplicated, in order); none: one responsible without a person.
  std::vector<Responsible> Holders(const model::System& s, std::initializer_list<RoleKind> roles) const {
    std::vector<Responsible> out;
    std::set<std::string> seen;
    for (auto role : roles)
      for (const auto* p : index_.Holders(s, role))
        if (seen.insert(p->id.str() + "/" + std::string(model::ToString(role))).second)
          out.push_back({p->id.str(), std::string(model::ToString(role))});
    return out;
  }
  std::vector<Responsible> HoldersOr(const model::System& s, std::initializer_list<RoleKind> roles,
                                     RoleKind fallback) const {
    auto out = Holders(s, roles);
    if (out.empty()) out.push_back({std::nullopt, std::string(model::ToString(fallback))});
    return out;
  }
  [[nodiscard]] const Rulebook& ForCommittee(std::string_view committee) const {
    const auto* c = index_.FindCommittee(committee);
    return c == nullptr ? base_ : base_.ForOrganization(c->organization.str());
  }

  // The stewards of the category, who write the plan and the report and call the contract review
  // (cooperation-and-decisions.md §4): system_steward, service_steward, lead_superuser, area_manager — whichever the
  // system has; none appointed: the mandatory one(s) without a person.
  std::vector<Responsible> Stewards(const model::System& s) const {
    static constexpr std::initializer_list<RoleKind> kStewards = {RoleKind::kSystemSteward, RoleKind::kServiceSteward,
                                                                  RoleKind::kLeadSuperuser, RoleKind::kAreaManager};
    auto out = Holders(s, kStewards);
    if (out.empty()) {
      for (auto r : MandatoryRoles(rb(), s.category, s.fee))
        if (std::find(kStewards.begin(), kStewards.end(), r) != kStewards.end())
          out.push_back({std::nullopt, std::string(model::ToString(r))});
    }
    return out;
  }
  // Who approves the plan and the report: the budget holders; where the category has none, the owner (R-PLAN-APPROVER).
  std::vector<Responsible> Approvers(const model::System& s) const {
    const auto roles = MandatoryRoles(rb(), s.category, s.fee);
    const bool budget = std::find(roles.begin(), roles.end(), RoleKind::kBudgetHolder) != roles.end();
    const auto role = budget ? RoleKind::kBudgetHolder : RoleKind::kOwner;
    return HoldersOr(s, {role}, role);
  }

  // A system's obligation falls due only while the system existed: not before its active_since.
  [[nodiscard]] bool Existed(const model::System& s, Date due) const {
    return !s.active_since || *s.active_since <= due;
  }

  void Emit(DueItem it, const std::vector<Responsible>& who, bool done) {
    if (!rb().Setting(it.rule).enabled) return;
    if (it.due < window_.from || it.due > window_.to) return;
    if (done)
      it.state = DueState::kDone;
    else if (it.due_at)
      it.state = now_ > *it.due_at ? DueState::kOverdue : today_ >= it.opens ? DueState::kDue : DueState::kUpcoming;
    else
      it.state = today_ > it.due ? DueState::kOverdue : today_ >= it.opens ? DueState::kDue : DueState::kUpcoming;
    for (const auto& r : who) {
      DueItem x = it;
      x.person = r.person;
      x.role = r.role;
      items_.push_back(std::move(x));
    }
  }

  // Years whose annual deadlines can fall in the window.
  [[nodiscard]] std::pair<int, int> Years() const { return {window_.from.year() - 1, window_.to.year() + 1}; }

  static const model::Document* AnnualDocument(const model::System& s, DocumentKind kind, int year, bool approved) {
    const model::Document* best = nullptr;
    for (const auto& d : s.documents) {
      if (d.kind != kind || d.year != year) continue;
      if (approved && !d.approved_on) continue;
      if (best == nullptr || (d.approved_on && (!best->approved_on || *d.approved_on < *best->approved_on))) best = &d;
    }
    return best;
  }

  // R-PLAN-ANNUAL: the plan for year Y approved by the budget holder by plan_deadline of Y-1; the steward starts
  // writing it on plan_reminder (1 August). The items are "due" from 1 August, not reminder_days before.
  void Plans(const model::System& s) {
    if (!Requires(rb(), s.category, DocumentKind::kManagementPlan)) return;
    const auto [first, last] = Years();
    for (int y = first; y <= last + 1; ++y) {
      const Date deadline = On(y - 1, rb().plan_deadline);
      const Date start = On(y - 1, rb().plan_reminder);
      const auto* draft = AnnualDocument(s, DocumentKind::kManagementPlan, y, false);
      const auto* approved = AnnualDocument(s, DocumentKind::kManagementPlan, y, true);
      const auto stewards = Stewards(s);
      if (Existed(s, start) && !stewards.empty()) {
        DueItem it = Base(RuleId::kPlanAnnual, SubjectType::kSystem, s.id.str(), DueAction::kStart);
        it.year = y, it.due = start, it.opens = start.AddDays(-rb().reminder_days);
        if (approved) it.done_on = approved->approved_on;
        Emit(it, stewards, draft != nullptr);
      }
      if (!Existed(s, deadline)) continue;
      DueItem it = Base(RuleId::kPlanAnnual, SubjectType::kSystem, s.id.str(), DueAction::kWrite);
      it.year = y, it.due = deadline, it.opens = std::min(start, deadline);
      if (approved) it.done_on = approved->approved_on;
      if (!stewards.empty()) Emit(it, stewards, draft != nullptr);
      it.action = DueAction::kApprove;
      Emit(it, Approvers(s), approved != nullptr);
    }
  }

  // R-REPORT-ANNUAL: the follow-up report for Y-1 approved by the budget holder by report_deadline of Y; not for a
  // system that became active in Y or later (register-format.md). A report approved late still counts as done
  // here; `check` keeps reporting the missed deadline.
  void Reports(const model::System& s) {
    if (!Requires(rb(), s.category, DocumentKind::kFollowUpReport)) return;
    const auto [first, last] = Years();
    for (int y = first; y <= last; ++y) {
      if (s.active_since && *s.active_since >= Date::FromYmd(y, 1, 1)) continue;
      DueItem it = Base(RuleId::kReportAnnual, SubjectType::kSystem, s.id.str(), DueAction::kApprove);
      it.year = y - 1, it.due = On(y, rb().report_deadline), it.opens = it.due.AddDays(-rb().reminder_days);
      const auto* approved = AnnualDocument(s, DocumentKind::kFollowUpReport, y - 1, true);
      if (approved) it.done_on = approved->approved_on;
      const auto stewards = Stewards(s);  // the stewards write it, the budget holders approve it
      if (!stewards.empty()) {
        DueItem write = it;
        write.action = DueAction::kWrite;
        Emit(std::move(write), stewards, approved != nullptr);
      }
      Emit(std::move(it), Approvers(s), approved != nullptr);
    }
  }

  // R-FORUM-CONTRACT-REVIEW: a contract review (or a documented internal dialogue) in each calendar year, for
  // systems active on 1 January of that year; the owner answers for it.
  void ContractReviews(const model::System& s) {
    if (rb().For(s.category).forums[static_cast<size_t>(model::ForumKind::kContractReview)] != ForumLevel::kMandatory)
      return;
    const auto [first, last] = Years();
    for (int y = first; y <= last; ++y) {
      if (s.active_since && *s.active_since > Date::FromYmd(y, 1, 1)) continue;
      DueItem it = Base(RuleId::kForumContractReview, SubjectType::kSystem, s.id.str(), DueAction::kHold);
      it.year = y, it.due = Date::FromYmd(y, 12, 31), it.opens = it.due.AddDays(-rb().reminder_days);
      for (const auto& f : s.forums)
        if ((f.kind == model::ForumKind::kContractReview || f.kind == model::ForumKind::kInternalDialogue) &&
            f.held_on && f.held_on->year() == y && (!it.done_on || *f.held_on < *it.done_on))
          it.done_on = f.held_on;
      const bool done = it.done_on.has_value();
      // The stewards call the contract review (K: Forum); without one, the owner answers for it.
      auto who = Stewards(s);
      if (who.empty()) who = HoldersOr(s, {RoleKind::kOwner}, RoleKind::kOwner);
      Emit(std::move(it), who, done);
    }
  }

  // R-CONTRACT-EXPIRY: the base contract with the latest valid_to (none when one is open-ended); the owner decides
  // to extend or terminate it, from contract_notice_days before its last day.
  void ContractExpiry(const model::System& s) {
    const model::Document* latest = nullptr;
    for (const auto& d : s.documents) {
      if (d.kind != DocumentKind::kBaseContract) continue;
      if (!d.valid_to) return;
      if (latest == nullptr || *d.valid_to > *latest->valid_to) latest = &d;
    }
    if (latest == nullptr) return;
    DueItem it = Base(RuleId::kContractExpiry, SubjectType::kSystem, s.id.str(), DueAction::kDecide);
    it.due = *latest->valid_to, it.year = it.due.year(), it.opens = it.due.AddDays(-rb().contract_notice_days);
    it.detail = latest->id.str();
    Emit(std::move(it), HoldersOr(s, {RoleKind::kOwner}, RoleKind::kOwner), false);
  }

  // R-ACCESS-REVIEW and R-LOG-REVIEW: each review makes the next one due an interval later; a review done is the
  // one before it "done". Never reviewed: due an interval after active_since (unknown: today). `check` warns at once
  // about a system never reviewed; the due list gives a new system its first interval.
  void Reviews(const model::System& s) {
    std::vector<Date> access, logs;
    for (const auto& r : s.reviews)
      if (r.done_on) (r.kind == model::ReviewKind::kAccessReview ? access : logs).push_back(*r.done_on);
    for (const auto& d : s.documents)
      if (d.kind == DocumentKind::kLogReviewReport && d.done_on) logs.push_back(*d.done_on);
    auto who = Holders(
        s, {RoleKind::kSystemSteward, RoleKind::kServiceSteward, RoleKind::kLeadSuperuser, RoleKind::kAreaManager});
    if (who.empty()) who = HoldersOr(s, {RoleKind::kOwner}, RoleKind::kOwner);
    auto series = [&](RuleId rule, std::vector<Date> done, int months) {
      std::sort(done.begin(), done.end());
      done.erase(std::unique(done.begin(), done.end()), done.end());
      auto item = [&](Date due, std::optional<Date> done_on) {
        DueItem it = Base(rule, SubjectType::kSystem, s.id.str(), DueAction::kReview);
        it.due = due, it.year = due.year(), it.opens = due.AddDays(-rb().reminder_days), it.done_on = done_on;
        Emit(std::move(it), who, done_on.has_value());
      };
      if (done.empty()) item(s.active_since ? s.active_since->AddMonths(months) : today_, std::nullopt);
      for (size_t i = 0; i < done.size(); ++i)
        item(done[i].AddMonths(months), i + 1 < done.size() ? std::optional(done[i + 1]) : std::nullopt);
    };
    series(RuleId::kAccessReview, access, rb().access_review_months);
    series(RuleId::kLogReview, logs, rb().log_review_months);
  }

  const RegisterIndex& index_;
  const Rulebook& base_;
  const Rulebook* cur_;  // the effective rulebook of the subject's organization (cooperation-and-decisions.md §1)
  Timestamp now_;
  Date today_;
  DueWindow window_;
  std::vector<DueItem> items_;
};

std::string Year(int y) { return std::to_string(y); }

}  // namespace

std::string_view ToString(DueState s) {
  switch (s) {
    case DueState::kUpcoming:
      return "upcoming";
    case DueState::kDue:
      return "due";
    case DueState::kOverdue:
      return "overdue";
    case DueState::kDone:
      return "done";
  }
  return "upcoming";
}

std::optional<DueState> ParseDueState(std::string_view s) {
  for (auto v : {DueState::kUpcoming, DueState::kDue, DueState::kOverdue, DueState::kDone})
    if (ToString(v) == s) return v;
  return std::nullopt;
}

std::string_view ToString(DueAction a) {
  switch (a) {
    case DueAction::kStart:
      return "start";
    case DueAction::kWrite:
      return "write";
    case DueAction::kApprove:
      return "approve";
    case DueAction::kHold:
      return "hold";
    case DueAction::kDecide:
      return "decide";
    case DueAction::kReview:
      return "review";
    case DueAction::kNotify:
      return "notify";
    case DueAction::kInform:
      return "inform";
  }
  return "approve";
}

std::string DueItem::Key() const {
  std::string k(Code(rule));
  k += '/';
  k += ToString(subject.type);
  k += '/';
  k += subject.id;
  k += '/';
  k += std::to_string(year);
  k += '/';
  k += ToString(action);
  if (!detail.empty()) k += "/" + detail;
  return k;
}

std::vector<DueItem> DueItems(const RegisterIndex& index, const Rulebook& rulebook, model::Timestamp now,
                              DueWindow window) {
  Builder b(index, rulebook, now, window);
  b.Systems();
  b.Incidents();
  b.Requests();
  b.ManagementReviews();
  return b.Take();
}

std::vector<DueItem> DueItems(const RegisterIndex& index, const Rulebook& rulebook, model::Date today, model::Date from,
                              model::Date to) {
  return DueItems(index, rulebook, StockholmMidnight(today), {from, to});
}

std::string DueTitle(const DueItem& item, const RegisterIndex& index, Lang lang) {
  (void)index;
  const bool sv = lang == Lang::kSv;
  const std::string y = Year(item.year);
  switch (item.rule) {
    case RuleId::kPlanAnnual:
      switch (item.action) {
        case DueAction::kStart:
          return sv ? "Börja arbetet med förvaltningsplanen för " + y : "Start work on the management plan for " + y;
        case DueAction::kWrite:
          return sv ? "Skriv förvaltningsplanen för " + y : "Write the management plan for " + y;
        default:
          return sv ? "Godkänn förvaltningsplanen för " + y : "Approve the management plan for " + y;
      }
    case RuleId::kReportAnnual:
      return sv ? "Godkänn uppföljningsrapporten för " + y : "Approve the follow-up report for " + y;
    case RuleId::kForumContractReview:
      return sv ? "Håll avtalsuppföljning " + y : "Hold the contract review for " + y;
    case RuleId::kContractExpiry:
      return sv ? "Besluta om förlängning eller uppsägning av avtalet (gäller t.o.m. " + model::FormatDate(item.due) +
                      ")"
                : "Decide to extend or terminate the contract (valid to " + model::FormatDate(item.due) + ")";
    case RuleId::kAccessReview:
      return sv ? "Gå igenom behörigheterna" : "Review the access rights";
    case RuleId::kLogReview:
      return sv ? "Gå igenom loggarna" : "Review the logs";
    case RuleId::kInc72h:
      return sv ? "Anmäl personuppgiftsincidenten till IMY (inom 72 timmar)"
                : "Notify the personal data breach to IMY (within 72 hours)";
    case RuleId::kIncSubjects:
      return sv ? "Informera de registrerade om personuppgiftsincidenten" : "Inform the data subjects of the breach";
    case RuleId::kDsarDeadline:
      return sv ? "Besluta om den registrerades begäran" : "Decide the data subject request";
    case RuleId::kLisReview:
      return sv ? "Följ upp ledningssystemet för dataskydd (PDCA)"
                : "Review the data protection management system (PDCA)";
    default:
      return std::string(sv ? Info(item.rule).title_sv : Info(item.rule).title_en);
  }
}

int StockholmOffsetSeconds(model::Timestamp t) {
  const int year = t.date().year();
  const auto begin = Timestamp::StartOf(LastSunday(year, 3, 31)).AddHours(1);
  const auto end = Timestamp::StartOf(LastSunday(year, 10, 31)).AddHours(1);
  return (t >= begin && t < end) ? 7200 : 3600;
}

model::Date StockholmDate(model::Timestamp t) {
  return Timestamp::FromSeconds(t.seconds() + StockholmOffsetSeconds(t)).date();
}

model::Timestamp StockholmMidnight(model::Date d) {
  // Summer time starts and ends at 01:00 UTC, never between 22:00 and 00:00 UTC: the offset at 00:00 UTC of the
  // date is the offset at local midnight.
  const auto utc = Timestamp::StartOf(d);
  return Timestamp::FromSeconds(utc.seconds() - StockholmOffsetSeconds(utc));
}

}  // namespace ansvar::rules
