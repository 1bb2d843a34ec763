// Data processing agreements (PUB-avtal) and the delegations behind them: model.md §5.3
// (K: tjänsteskrivelse, KF 2024-03-05 § 33, Riktlinjer för hantering av personuppgifter).
#include <algorithm>
#include <set>

#include "rules/derive.hpp"
#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {

void EvaluateDpa(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s)) return;
  const auto& index = ctx.index;
  std::vector<const model::Document*> dpas;
  for (const auto& d : s.documents)
    if (d.kind == model::DocumentKind::kDpa) dpas.push_back(&d);
  if (dpas.empty()) return;

  const DpaDecider decider = DpaDecidedBy(index, s);

  // R-DPA-SIGNER: where the deputy municipal director decides (by delegation, KF § 33), the deputy signs the
  // municipality's DPA; a company's or foundation's own DPA (R-COOP-SEPARATE-DPA) is signed on its side.
  const auto* home = index.OrganizationOf(s);
  if (decider.which == DpaDeciderCase::kDeputyDirector) {
    for (const auto* d : dpas) {
      if (d->organization && home != nullptr && *d->organization != home->id) continue;
      const auto* signer = d->signed_by ? index.FindPerson(d->signed_by->str()) : nullptr;
      if (signer == nullptr || signer->title != model::Title::kDeputyMunicipalDirector) {
        out.System(RuleId::kDpaSigner, Severity::kError, s, {{"document", d->id.str()}});
        break;
      }
    }
  }

  // R-DPA-FULLMAKT: the owner signing for an administration-specific system of several controller committees holds
  // a power of attorney, listed on the DPA, from every controller committee but the owner's own.
  const auto controllers = index.Controllers(index.IndexOf(s));
  const auto* owner = Owner(index, s);
  if (s.scope == model::Scope::kAdministrationSpecific && controllers.size() >= 2 && owner != nullptr) {
    const auto* own = index.CommitteeOfPerson(*owner);
    std::set<std::string> missing;
    for (const auto* d : dpas) {
      if (!d->signed_by || *d->signed_by != owner->id) continue;
      for (const auto* c : controllers) {
        if (c == own) continue;
        // A power of attorney never crosses from one legal person to another (cooperation-and-decisions.md §2).
        if (home != nullptr && c->organization != home->id) continue;
        const bool covered =
            std::any_of(d->powers_of_attorney.begin(), d->powers_of_attorney.end(), [&](const auto& id) {
              const auto* f = index.FindPowerOfAttorney(id.str());
              return f != nullptr && f->committee == c->id && f->system == s.id;
            });
        if (!covered) missing.insert(c->id.str());
      }
    }
    for (const auto& c : missing) out.System(RuleId::kDpaFullmakt, Severity::kError, s, {{"committee", c}});
  }

  // R-DPA-CLAUSES: art. 28.3 a–h, audit information, erasure or return, staff confidentiality.
  std::set<std::string> lacking;
  for (const auto* d : dpas)
    for (const auto& clause : ctx.rulebook.dpa_clauses)
      if (std::find(d->clauses.begin(), d->clauses.end(), clause) == d->clauses.end()) lacking.insert(clause);
  if (!lacking.empty())
    out.System(RuleId::kDpaClauses, Severity::kWarning, s,
               {{"missing", std::vector<std::string>(lacking.begin(), lacking.end())}});
}

// R-DELEG-KF33: every committee of a municipality has delegated "decide DPAs for municipality-wide digital services
// and systems" to the deputy municipal director, valid on the as-of date.
void EvaluateDelegations(const EvalContext& ctx, Sink& out) {
  const auto& index = ctx.index;
  for (const auto& c : ctx.reg().committees) {
    const auto& rb = ctx.ForOrganization(c.organization.str());
    if (!rb.require_dpa_delegation) continue;
    out.Judge(rb);
    const auto* org = index.FindOrganization(c.organization.str());
    if (org == nullptr || org->kind != model::OrganizationKind::kMunicipality) continue;
    const auto delegations = index.DelegationsOf(c.id.str());
    const bool delegated = std::any_of(delegations.begin(), delegations.end(), [&](const model::Delegation* d) {
      return d->matter == model::DelegationMatter::kDecideDpaMunicipalityWide &&
             (!d->delegate_title || *d->delegate_title == model::Title::kDeputyMunicipalDirector) &&
             ValidOn(*d, ctx.today);
    });
    if (!delegated) out.Add(RuleId::kDelegKf33, Severity::kError, SubjectType::kCommittee, c.id.str());
  }
}

}  // namespace ansvar::rules::internal
