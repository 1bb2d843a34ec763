// The annual cycle (årshjul) of a system: model.md §4.2 (K: Årshjul, Forum).
#include <algorithm>

#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {

using model::Date;
using model::DocumentKind;

namespace {

Date On(int year, MonthDay md) { return Date::FromYmd(year, md.month, md.day); }

// The annual document of `kind` for `year` approved on or before `deadline`; with `any_approval`, approved at all.
bool Approved(const model::System& s, DocumentKind kind, int year, std::optional<Date> deadline) {
  return std::any_of(s.documents.begin(), s.documents.end(), [&](const model::Document& d) {
    return d.kind == kind && d.year == year && d.approved_on && (!deadline || *d.approved_on <= *deadline);
  });
}

Detail YearDetail(int year, Date due) { return {{"year", int64_t(year)}, {"due", model::FormatDate(due)}}; }

}  // namespace

void EvaluateAnnualCycle(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s)) return;
  const auto& rb = ctx.rulebook;
  const int year = ctx.today.year();

  // R-PLAN-ANNUAL: the plan for the as-of year approved by the budget holder by 31 December of the year before;
  // from 1 August a reminder for next year's plan.
  if (Requires(rb, s.category, DocumentKind::kManagementPlan)) {
    const Date due = On(year - 1, rb.plan_deadline);
    if (!Approved(s, DocumentKind::kManagementPlan, year, due))
      out.System(RuleId::kPlanAnnual, Severity::kError, s, YearDetail(year, due));
    if (ctx.today >= On(year, rb.plan_reminder) && !Approved(s, DocumentKind::kManagementPlan, year + 1, std::nullopt))
      out.System(RuleId::kPlanAnnual, Severity::kInfo, s, YearDetail(year + 1, On(year, rb.plan_deadline)));
  }

  // R-REPORT-ANNUAL: from 1 April, the previous year's follow-up report approved by 31 March; not for systems
  // that became active this year. Before the deadline, a reminder.
  if (Requires(rb, s.category, DocumentKind::kFollowUpReport) &&
      (!s.active_since || *s.active_since < Date::FromYmd(year, 1, 1))) {
    const Date due = On(year, rb.report_deadline);
    if (ctx.today > due) {
      if (!Approved(s, DocumentKind::kFollowUpReport, year - 1, due))
        out.System(RuleId::kReportAnnual, Severity::kError, s, YearDetail(year - 1, due));
    } else if (!Approved(s, DocumentKind::kFollowUpReport, year - 1, std::nullopt)) {
      out.System(RuleId::kReportAnnual, Severity::kInfo, s, YearDetail(year - 1, due));
    }
  }

  // R-FORUM-CONTRACT-REVIEW: a contract review (or a documented internal dialogue) in the whole previous calendar
  // year, for systems active on 1 January of that year.
  if (rb.For(s.category).forums[static_cast<size_t>(model::ForumKind::kContractReview)] == ForumLevel::kMandatory) {
    const int prev = year - 1;
    if (!s.active_since || *s.active_since <= Date::FromYmd(prev, 1, 1)) {
      const bool held = std::any_of(s.forums.begin(), s.forums.end(), [&](const model::Forum& f) {
        return (f.kind == model::ForumKind::kContractReview || f.kind == model::ForumKind::kInternalDialogue) &&
               f.held_on && f.held_on->year() == prev;
      });
      if (!held) out.System(RuleId::kForumContractReview, Severity::kError, s, {{"year", int64_t(prev)}});
    }
  }
}

}  // namespace ansvar::rules::internal
