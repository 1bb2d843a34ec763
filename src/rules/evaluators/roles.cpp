// Roles and scope of a system: model.md §3 (K: Modell för digitala tjänster och system, Roller) and §2.2
// (K: Kommungemensamma och förvaltningsspecifika system).
#include <algorithm>
#include <unordered_set>

#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {
namespace {

using model::RoleKind;

template <class T>
bool Contains(const std::vector<T>& list, const T& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

bool HasTitle(const model::Person* p, const std::vector<model::Title>& titles) {
  return p != nullptr && p->title && Contains(titles, *p->title);
}

Detail RoleDetail(RoleKind role) { return {{"role", std::string(model::ToString(role))}}; }

}  // namespace

void EvaluateRoles(const EvalContext& ctx, const model::System& s, Sink& out) {
  const auto& rb = ctx.rulebook;
  const auto& index = ctx.index;
  const auto mandatory = MandatoryRoles(rb, s.category, s.fee);

  // R-ROLE-PROCUREMENT: owner, budget holder and technical steward are appointed before procurement starts.
  if (s.lifecycle == model::Lifecycle::kProcurement) {
    for (auto role : mandatory)
      if (!index.HasRole(s, role))
        out.System(RuleId::kRoleProcurement,
                   Contains(rb.procurement_roles, role) ? Severity::kError : Severity::kWarning, s, RoleDetail(role));
    return;
  }
  if (!EvalContext::InOperation(s)) return;

  // R-ROLE-MANDATORY: every mandatory role of the category (a budget holder for a commercial service only with a fee).
  for (auto role : mandatory)
    if (!index.HasRole(s, role)) out.System(RuleId::kRoleMandatory, Severity::kError, s, RoleDetail(role));

  const auto owners = index.Holders(s, RoleKind::kOwner);
  // R-ROLE-SINGLE-OWNER: one owner per system.
  std::unordered_set<const model::Person*> distinct(owners.begin(), owners.end());
  if (distinct.size() > 1)
    out.System(RuleId::kRoleSingleOwner, Severity::kError, s, {{"count", int64_t(distinct.size())}});

  // R-ROLE-OWNER-TITLE: an administration director or the deputy municipal director; for IT infrastructure the
  // head of the Digital center.
  const auto& titles =
      s.category == model::Category::kItInfrastructure ? rb.infrastructure_owner_titles : rb.owner_titles;
  for (const auto* owner : owners) {
    if (!HasTitle(owner, titles)) {
      out.System(RuleId::kRoleOwnerTitle, Severity::kError, s, {{"person", owner->id.str()}});
      break;
    }
  }

  // R-ROLE-NO-OWNER: categories whose mandatory roles include neither owner nor budget holder (public and authority
  // services) have none; their process owner is ultimately responsible.
  const auto& cat_roles = rb.For(s.category).mandatory_roles;
  if (!Contains(cat_roles, RoleKind::kOwner) && !Contains(cat_roles, RoleKind::kBudgetHolder) &&
      (index.HasRole(s, RoleKind::kOwner) || index.HasRole(s, RoleKind::kBudgetHolder)))
    out.System(RuleId::kRoleNoOwner, Severity::kWarning, s);

  // R-ROLE-DIGITAL-CENTER: technical stewards and product owners work at the Digital center.
  for (auto role : {RoleKind::kTechnicalSteward, RoleKind::kProductOwner}) {
    bool reported = false;
    for (const auto* p : index.Holders(s, role)) {
      const auto* unit = index.UnitOf(*p);
      if (unit == nullptr || unit->kind != model::UnitKind::kDigitalCenter) {
        out.System(RuleId::kRoleDigitalCenter, Severity::kError, s, {{"person", p->id.str()}});
        reported = true;
        break;
      }
    }
    if (reported) break;
  }

  // R-ROLE-BUDGET-MANAGER: the budget holder is a manager or above.
  for (const auto* p : index.Holders(s, RoleKind::kBudgetHolder)) {
    if (!HasTitle(p, rb.manager_titles)) {
      out.System(RuleId::kRoleBudgetManager, Severity::kWarning, s, {{"person", p->id.str()}});
      break;
    }
  }
}

void EvaluateScope(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s)) return;
  const auto& index = ctx.index;
  const auto* owner_admin = s.owner_administration ? index.FindAdministration(s.owner_administration->str()) : nullptr;

  if (s.scope == model::Scope::kMunicipalityWide) {
    // R-SCOPE-OWNER: owned by KS's or Service's administration, where budget holders and process owners sit too.
    std::vector<std::string> outside;
    if (owner_admin == nullptr || !index.IsKsOrServiceAdministration(*owner_admin))
      outside.push_back("owner_administration");
    for (auto role : {RoleKind::kBudgetHolder, RoleKind::kProcessOwner}) {
      for (const auto* p : index.Holders(s, role)) {
        const auto* admin = index.AdministrationOf(*p);
        if (admin == nullptr || !index.IsKsOrServiceAdministration(*admin)) {
          outside.emplace_back(model::ToString(role));
          break;
        }
      }
    }
    if (!outside.empty()) out.System(RuleId::kScopeOwner, Severity::kError, s, {{"roles", outside}});
    return;
  }

  // R-SCOPE-USERS: an administration-specific system used by every administration of its organization should be
  // municipality-wide; its owner administration is among its users.
  if (owner_admin == nullptr) return;
  const auto admins = index.AdministrationsOf(owner_admin->organization.str());
  const bool owner_uses =
      std::any_of(s.used_by.begin(), s.used_by.end(), [&](const auto& a) { return a == owner_admin->id; });
  bool used_by_all = admins.size() >= (ctx.rulebook.scope_users_needs_two_administrations ? 2u : 1u);
  for (const auto* a : admins)
    used_by_all =
        used_by_all && std::any_of(s.used_by.begin(), s.used_by.end(), [&](const auto& u) { return u == a->id; });
  if (used_by_all)
    out.System(RuleId::kScopeUsers, Severity::kWarning, s, {{"reason", std::string("used_by_all")}});
  else if (!owner_uses)
    out.System(RuleId::kScopeUsers, Severity::kWarning, s, {{"reason", std::string("owner_not_user")}});
}

}  // namespace ansvar::rules::internal
