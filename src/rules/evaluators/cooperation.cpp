// Cooperation between organizations: model.md §6 (D: Bibliotek Dalarna; K on companies and foundations).
#include <algorithm>

#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {

using model::OrganizationKind;

void EvaluateCooperation(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s) || !s.personal_data) return;
  const auto& index = ctx.index;
  // A system of a cooperation: R-COOP-PARTIES, R-COOP-DOCUMENTS and R-COOP-DPA say what these would
  // (cooperation-and-decisions.md §2).
  if (index.CooperationOf(s) != nullptr) return;
  const auto orgs = index.UserOrganizations(s);

  // R-COOP-ART26: two or more municipalities or regions sharing a system have an art. 26 arrangement that lists the
  // system and all of them as parties.
  std::vector<const model::Organization*> public_bodies;
  for (const auto* o : orgs)
    if (o->kind == OrganizationKind::kMunicipality || o->kind == OrganizationKind::kRegion) public_bodies.push_back(o);
  if (public_bodies.size() >= 2) {
    const auto agreements = index.AgreementsOf(index.IndexOf(s));
    const bool arranged = std::any_of(agreements.begin(), agreements.end(), [&](const model::Agreement* a) {
      return a->kind == model::AgreementKind::kJointControllerArrangement &&
             std::all_of(public_bodies.begin(), public_bodies.end(), [&](const model::Organization* o) {
               return std::find(a->parties.begin(), a->parties.end(), o->id) != a->parties.end();
             });
    });
    if (!arranged) out.System(RuleId::kCoopArt26, Severity::kError, s);
  }

  // R-COOP-SEPARATE-DPA: a company or foundation using a system that needs a DPA has its own.
  if (!Requires(ctx.rulebook, s.category, model::DocumentKind::kDpa)) return;
  const auto* home = index.OrganizationOf(s);
  for (const auto* o : orgs) {
    if (o->kind != OrganizationKind::kCompany && o->kind != OrganizationKind::kFoundation) continue;
    const bool own = std::any_of(s.documents.begin(), s.documents.end(), [&](const model::Document& d) {
      if (d.kind != model::DocumentKind::kDpa) return false;
      return d.organization ? *d.organization == o->id : home == o;
    });
    if (!own) out.System(RuleId::kCoopSeparateDpa, Severity::kError, s, {{"organization", o->id.str()}});
  }
}

// R-LIS-REVIEW: the management system's measures (art. 24.1) reviewed within the cycle.
void EvaluateManagementReviews(const EvalContext& ctx, Sink& out) {
  for (const auto& o : ctx.reg().organizations) {
    const auto& rb = ctx.ForOrganization(o.id.str());
    out.Judge(rb);
    if (!o.management_review_on || *o.management_review_on < ctx.today.AddMonths(-rb.lis_review_months))
      out.Add(RuleId::kLisReview, Severity::kWarning, SubjectType::kOrganization, o.id.str());
  }
  // D: the cooperation's own management system runs the same PDCA cycle (cooperation-and-decisions.md §2).
  for (const auto& c : ctx.reg().cooperations) {
    const auto& rb = ctx.ForCooperation(c);
    out.Judge(rb);
    if (!c.management_review_on || *c.management_review_on < ctx.today.AddMonths(-rb.lis_review_months))
      out.Add(RuleId::kLisReview, Severity::kWarning, SubjectType::kCooperation, c.id.str());
  }
}

}  // namespace ansvar::rules::internal
