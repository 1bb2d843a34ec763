// Decisions under delegation: cooperation-and-decisions.md §3–4 (K: tjänsteskrivelse — "Beslut om vilket
// personuppgiftsbiträde som ska anlitas ska alltjämt fattas av varje nämnd"; KF 2024-03-05 § 33; KL 6 kap. 37 §,
// 7 kap. 8 §; K: Förvaltningsplan).
#include <algorithm>
#include <set>

#include "rules/derive.hpp"
#include "rules/entitlement.hpp"
#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {
namespace {

bool AtMeeting(const model::DpaDecision& d) { return d.meeting && !d.meeting->empty(); }

}  // namespace

// R-DPA-DECISION (subject: the system): every committee that must decide decided, on or before the DPA's signing.
// R-PLAN-APPROVER (§4): plans and reports approved by a budget holder (the owner where the category has none).
void EvaluateDecisionsOf(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s)) return;
  const auto& index = ctx.index;
  const auto& rb = ctx.rulebook;

  if (rb.dpa_decisions_from) {
    const auto* home = index.OrganizationOf(s);
    std::set<std::string> undecided;
    std::vector<const model::Committee*> must;
    bool computed = false;
    for (const auto& d : s.documents) {
      if (d.kind != model::DocumentKind::kDpa || !d.signed_on || *d.signed_on < *rb.dpa_decisions_from) continue;
      if (home != nullptr && !DpaCovers(d, home->id.str(), home)) continue;
      if (!computed) must = CommitteesThatMustDecide(index, s), computed = true;
      const auto decisions = index.DpaDecisionsOf(index.IndexOf(s));
      for (const auto* c : must) {
        const bool decided = std::any_of(decisions.begin(), decisions.end(), [&](const model::DpaDecision* x) {
          return x->decided_on && *x->decided_on <= *d.signed_on &&
                 std::find(x->committees.begin(), x->committees.end(), c->id) != x->committees.end();
        });
        if (!decided) undecided.insert(c->id.str());
      }
    }
    for (const auto& c : undecided) out.System(RuleId::kDpaDecision, Severity::kError, s, {{"committee", c}});
  }

  // R-PLAN-APPROVER: the approver recorded on a management plan or follow-up report holds the approving role.
  const auto mandatory = MandatoryRoles(rb, s.category, s.fee);
  const auto approving =
      std::find(mandatory.begin(), mandatory.end(), model::RoleKind::kBudgetHolder) != mandatory.end()
          ? model::RoleKind::kBudgetHolder
          : model::RoleKind::kOwner;
  std::set<int64_t> wrong;
  for (const auto& d : s.documents) {
    if (d.kind != model::DocumentKind::kManagementPlan && d.kind != model::DocumentKind::kFollowUpReport) continue;
    if (!d.approved_by) continue;
    const bool holds = std::any_of(s.roles.begin(), s.roles.end(), [&](const model::RoleAssignment& r) {
      return r.role == approving && r.person == d.approved_by;
    });
    if (!holds) wrong.insert(d.year.value_or(0));
  }
  for (auto year : wrong) {
    Detail detail;
    if (year != 0) detail.emplace_back("year", year);
    out.System(RuleId::kPlanApprover, Severity::kError, s, std::move(detail));
  }
}

// R-DPA-DECISION-AUTHORITY and R-DELEG-REPORT (subject: the decision), judged by the system's organization.
void EvaluateDpaDecisions(const EvalContext& ctx, Sink& out) {
  const auto& index = ctx.index;
  for (const auto& d : ctx.reg().dpa_decisions) {
    const auto* system = index.FindSystem(d.system.str());
    const auto& rb = system != nullptr ? ctx.ForSystem(*system) : ctx.rulebook;
    out.Judge(rb);
    if (AtMeeting(d)) continue;  // the committee decided itself: no delegation, nothing to report

    // R-DPA-DECISION-AUTHORITY: a delegation of each committee for the matter, valid on the day, to the decider.
    const auto matter = system != nullptr ? DpaDecisionMatter(index, *system) : model::DelegationMatter::kDecideDpa;
    const auto* decider = d.decided_by ? index.FindPerson(d.decided_by->str()) : nullptr;
    std::set<std::string> without;
    for (const auto& c : d.committees) {
      const bool valid = decider != nullptr && d.decided_on &&
                         EntitlingDelegation(index, c, matter, *decider, *d.decided_on) != nullptr;
      if (!valid) without.insert(c.str());
    }
    for (const auto& c : without)
      out.Add(RuleId::kDpaDecisionAuthority, Severity::kError, SubjectType::kDpaDecision, d.id.str(),
              {{"committee", c}});

    // R-DELEG-REPORT (KL 7 kap. 8 §): reported to the committee within delegation_report_days.
    if (d.decided_on) {
      const auto due = d.decided_on->AddDays(rb.delegation_report_days);
      if (d.reported_on ? *d.reported_on > due : ctx.today > due)
        out.Add(RuleId::kDelegReport, Severity::kWarning, SubjectType::kDpaDecision, d.id.str(),
                {{"due", model::FormatDate(due)}});
    }
  }
}

// R-FULLMAKT-ISSUER (subject: the power of attorney), judged by the committee's organization: issued by a director
// of an administration serving the committee, under the committee's delegation while require_dpa_delegation holds.
void EvaluatePowersOfAttorney(const EvalContext& ctx, Sink& out) {
  const auto& index = ctx.index;
  for (const auto& f : ctx.reg().powers_of_attorney) {
    const auto& rb = ctx.ForCommittee(f.committee.str());
    out.Judge(rb);
    const auto* issuer = f.issued_by ? index.FindPerson(f.issued_by->str()) : nullptr;
    bool ok = false;
    if (issuer != nullptr && issuer->title == model::Title::kAdministrationDirector) {
      const auto* admin = index.AdministrationOf(*issuer);
      ok = admin != nullptr &&
           std::find(admin->committees.begin(), admin->committees.end(), f.committee) != admin->committees.end();
    }
    if (ok && rb.require_dpa_delegation) {
      const auto delegations = index.DelegationsOf(f.committee.str());
      ok = f.issued_on && std::any_of(delegations.begin(), delegations.end(), [&](const model::Delegation* x) {
             return x->matter == model::DelegationMatter::kIssuePowerOfAttorneyDpa && ValidOn(*x, *f.issued_on) &&
                    DelegatedTo(*x, *issuer);
           });
    }
    if (!ok) out.Add(RuleId::kFullmaktIssuer, Severity::kError, SubjectType::kPowerOfAttorney, f.id.str());
  }
}

}  // namespace ansvar::rules::internal
