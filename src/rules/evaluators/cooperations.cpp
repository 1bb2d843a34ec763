// Cooperations between organizations: cooperation-and-decisions.md §2 (D: Bibliotek Dalarna — 15 municipalities and
// Region Dalarna under one cooperation agreement with four appendices; GDPR art. 26, 28, 30, 35).
// Cooperation-level findings are judged by the lead party's rulebook and consider every system the cooperation
// lists, whatever its lifecycle; R-COOP-DPA, on a system, follows the usual boundary of systems in operation.
#include <algorithm>
#include <set>

#include "rules/derive.hpp"
#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {
namespace {

using model::CooperationDocumentKind;

void Add(Sink& out, RuleId rule, Severity severity, const model::Cooperation& c, Detail detail = {}) {
  out.Add(rule, severity, SubjectType::kCooperation, c.id.str(), std::move(detail));
}

bool IsParty(const model::Cooperation& c, std::string_view organization) { return PartyOf(c, organization) != nullptr; }

// A governing document counts when signed or done on or before as-of.
bool InForce(const model::CooperationDocument& d, model::Date today) {
  return (d.signed_on && *d.signed_on <= today) || (d.done_on && *d.done_on <= today);
}

// R-COOP-PARTIES: every organization whose administration uses a system of the cooperation is a party.
void Parties(const EvalContext& ctx, const model::Cooperation& c, Sink& out) {
  std::set<std::string> users;
  for (const auto& sid : c.systems)
    if (const auto* s = ctx.index.FindSystem(sid.str()))
      for (const auto* o : ctx.index.UserOrganizations(*s)) users.insert(o->id.str());
  for (const auto& o : users)
    if (!IsParty(c, o)) Add(out, RuleId::kCoopParties, Severity::kError, c, {{"organization", o}});
}

// R-COOP-DECISION: every party joined by a decision of its own, dated on or before as-of (KL 9 kap. 37 §).
void Decisions(const EvalContext& ctx, const model::Cooperation& c, Sink& out) {
  for (const auto& p : c.parties)
    if (p.decision.empty() || !p.joined_on || *p.joined_on > ctx.today)
      Add(out, RuleId::kCoopDecision, Severity::kError, c, {{"organization", p.organization.str()}});
}

// R-COOP-DOCUMENTS: the agreement and its appendices (configurable: cooperation_documents).
void Documents(const EvalContext& ctx, const Rulebook& rb, const model::Cooperation& c, Sink& out) {
  for (auto kind : rb.cooperation_documents) {
    const bool present = std::any_of(c.documents.begin(), c.documents.end(), [&](const model::CooperationDocument& d) {
      return d.kind == kind && InForce(d, ctx.today);
    });
    if (!present) Add(out, RuleId::kCoopDocuments, Severity::kError, c, {{"kind", std::string(model::ToString(kind))}});
  }
}

// R-COOP-RESPONSIBILITY: every duty of the arrangement (configurable: cooperation_duties) borne by a party or by
// each party; the contact point is one party (art. 26.1: "may designate a contact point").
void Responsibilities(const Rulebook& rb, const model::Cooperation& c, Sink& out) {
  for (const auto& duty : rb.cooperation_duties) {
    const auto holder = DutyHolder(c, duty);
    const bool each = holder == model::kEachParty;
    const bool ok = !holder.empty() && (each ? duty != "contact_point" : IsParty(c, holder));
    if (!ok) Add(out, RuleId::kCoopResponsibility, Severity::kError, c, {{"duty", duty}});
  }
}

// R-COOP-ESSENCE (art. 26.2): the essence of the arrangement published.
void Essence(const EvalContext& ctx, const model::Cooperation& c, Sink& out) {
  const bool published = std::any_of(c.documents.begin(), c.documents.end(), [&](const model::CooperationDocument& d) {
    return d.kind == CooperationDocumentKind::kJointControllerArrangement && d.published_on &&
           *d.published_on <= ctx.today;
  });
  if (!published) Add(out, RuleId::kCoopEssence, Severity::kWarning, c);
}

// R-COOP-ROPA (art. 30.1): every party records a processing in a system of the cooperation.
void Records(const EvalContext& ctx, const model::Cooperation& c, Sink& out) {
  std::set<std::string_view> recorded;
  for (const auto& sid : c.systems) {
    const auto* s = ctx.index.FindSystem(sid.str());
    if (s == nullptr) continue;
    for (const auto* a : ctx.index.ActivitiesOf(ctx.index.IndexOf(*s)))
      if (const auto* controller = a->controller ? ctx.index.FindCommittee(a->controller->str()) : nullptr)
        recorded.insert(controller->organization.str());
  }
  for (const auto& p : c.parties)
    if (!recorded.contains(p.organization.str()))
      Add(out, RuleId::kCoopRopa, Severity::kError, c, {{"organization", p.organization.str()}});
}

// R-COOP-RISK (art. 35): a risk and vulnerability analysis with a DPIA, made with the DPO, for personal data.
void Risk(const EvalContext& ctx, const model::Cooperation& c, Sink& out) {
  const bool personal = std::any_of(c.systems.begin(), c.systems.end(), [&](const model::SystemId& sid) {
    const auto* s = ctx.index.FindSystem(sid.str());
    return s != nullptr && s->personal_data;
  });
  if (!personal) return;
  const bool done = std::any_of(c.documents.begin(), c.documents.end(), [&](const model::CooperationDocument& d) {
    return d.kind == CooperationDocumentKind::kRiskAnalysis && d.dpia && d.dpo_consulted && d.done_on &&
           *d.done_on <= ctx.today;
  });
  if (!done) Add(out, RuleId::kCoopRisk, Severity::kError, c);
}

// R-COOP-CONSULTED (info; D's lessons): the stakeholders involved early (configurable: cooperation_stakeholders).
void Consulted(const Rulebook& rb, const model::Cooperation& c, Sink& out) {
  for (const auto& who : rb.cooperation_stakeholders)
    if (std::find(c.consulted.begin(), c.consulted.end(), who) == c.consulted.end())
      Add(out, RuleId::kCoopConsulted, Severity::kInfo, c, {{"stakeholder", who}});
}

}  // namespace

void EvaluateCooperations(const EvalContext& ctx, Sink& out) {
  for (const auto& c : ctx.reg().cooperations) {
    const auto& rb = ctx.ForCooperation(c);
    out.Judge(rb);
    Parties(ctx, c, out);
    Decisions(ctx, c, out);
    Documents(ctx, rb, c, out);
    Responsibilities(rb, c, out);
    Essence(ctx, c, out);
    Records(ctx, c, out);
    Risk(ctx, c, out);
    Consulted(rb, c, out);
  }
}

// R-COOP-DPA (art. 28.3): an externally hosted system of a cooperation that needs a DPA has one covering every party
// organization (a DPA covers its `organizations`, else its `organization`, else the owner's organization).
void EvaluateCooperationDpa(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s) || !s.personal_data || s.hosting != model::Hosting::kExternal) return;
  const auto cooperations = ctx.index.CooperationsOf(ctx.index.IndexOf(s));
  if (cooperations.empty() || !Requires(ctx.rulebook, s.category, model::DocumentKind::kDpa)) return;
  const auto* home = ctx.index.OrganizationOf(s);
  std::set<std::string> missing;
  for (const auto* c : cooperations)
    for (const auto& p : c->parties) {
      const bool covered = std::any_of(s.documents.begin(), s.documents.end(), [&](const model::Document& d) {
        return d.kind == model::DocumentKind::kDpa && DpaCovers(d, p.organization.str(), home);
      });
      if (!covered) missing.insert(p.organization.str());
    }
  for (const auto& o : missing) out.System(RuleId::kCoopDpa, Severity::kError, s, {{"organization", o}});
}

}  // namespace ansvar::rules::internal
