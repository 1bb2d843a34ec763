#include "auth/policy.hpp"

#include <algorithm>

namespace ansvar::auth {

RegisterIndexFacts::RegisterIndexFacts(const model::Register& reg) {
  for (const auto& a : reg.administrations) administrations_.emplace(a.id.str(), &a);
  for (const auto& s : reg.systems) systems_.emplace(s.id.str(), &s);
}

const model::Administration* RegisterIndexFacts::FindAdministration(std::string_view id) const {
  const auto it = administrations_.find(std::string(id));
  return it == administrations_.end() ? nullptr : it->second;
}

const model::System* RegisterIndexFacts::FindSystem(std::string_view id) const {
  const auto it = systems_.find(std::string(id));
  return it == systems_.end() ? nullptr : it->second;
}

namespace {

using model::Collection;

Decision Allow() { return {true, {}}; }
Decision Deny(std::string reason) { return {false, std::move(reason)}; }

std::string RoleName(Role r) { return std::string(model::ToString(r)); }

// The administration's committees: whom a data protection contact of it acts for.
class AdministrationScope {
 public:
  AdministrationScope(const Principal& who, const RegisterFacts& facts) : id_(who.administration) {
    if (const auto* a = id_.empty() ? nullptr : facts.FindAdministration(id_)) committees_ = &a->committees;
  }
  [[nodiscard]] bool Committee(const std::optional<model::CommitteeId>& c) const {
    return c && committees_ != nullptr && std::find(committees_->begin(), committees_->end(), *c) != committees_->end();
  }
  [[nodiscard]] bool AnyCommittee(const std::vector<model::CommitteeId>& cs) const {
    return std::any_of(cs.begin(), cs.end(), [&](const auto& c) { return Committee(c); });
  }
  [[nodiscard]] bool OwnsSystem(const std::optional<model::SystemId>& id, const RegisterFacts& facts) const {
    if (!id || id_.empty()) return false;
    const auto* s = facts.FindSystem(id->str());
    return s != nullptr && s->owner_administration && s->owner_administration->str() == id_;
  }

 private:
  std::string id_;
  const std::vector<model::CommitteeId>* committees_ = nullptr;
};

// Is `e` within the administration of a data protection contact? Only activities, incidents and requests can be.
bool InAdministration(const EntityRef& e, const AdministrationScope& scope, const RegisterFacts& facts) {
  if (const auto* const* a = std::get_if<const model::ProcessingActivity*>(&e))
    return scope.Committee((*a)->controller);
  if (const auto* const* i = std::get_if<const model::Incident*>(&e))
    return scope.OwnsSystem((*i)->system, facts) || scope.AnyCommittee((*i)->controllers) ||
           scope.Committee((*i)->handler);
  if (const auto* const* r = std::get_if<const model::DataSubjectRequest*>(&e))
    return scope.AnyCommittee((*r)->controllers);
  return false;
}

bool HoldsRole(const model::System& s, const std::string& person) {
  if (person.empty()) return false;
  return std::any_of(s.roles.begin(), s.roles.end(),
                     [&](const model::RoleAssignment& r) { return r.person && r.person->str() == person; });
}

bool StewardOf(const EntityRef& e, const std::string& person) {
  if (const auto* const* s = std::get_if<const model::System*>(&e)) return HoldsRole(**s, person);
  return false;
}

bool StewardOfSystem(const std::string& system_id, const std::string& person, const RegisterFacts& facts) {
  const auto* s = facts.FindSystem(system_id);
  return s != nullptr && HoldsRole(*s, person);
}

// Both versions the write touches: the stored one (update, delete) and the written one (create, update).
template <class InScope>
Decision BothInScope(const Request& what, InScope&& in_scope, const std::string& scope_name) {
  const bool needs_stored = what.op == Operation::kUpdate || what.op == Operation::kDelete;
  const bool needs_written = what.op == Operation::kCreate || what.op == Operation::kUpdate;
  if (needs_stored && !in_scope(what.stored))
    return Deny("the " + scope_name + " does not include this record as it is stored");
  if (needs_written && !in_scope(what.written))
    return Deny("the " + scope_name + " would not include this record as written: it cannot be moved out of it");
  return Allow();
}

Decision Entity(const Principal& who, const Request& what, const RegisterFacts& facts) {
  if (!what.kind) return Deny("no kind of record");
  const Collection kind = *what.kind;
  if (!MayWriteKind(who.role, kind))
    return Deny("the role " + RoleName(who.role) + " may not change this kind of record");
  switch (who.role) {
    case Role::kAdmin:
    case Role::kDpo:
      return Allow();
    case Role::kDataProtectionContact: {
      if (who.administration.empty()) return Deny("the account has no administration");
      const AdministrationScope scope(who, facts);
      return BothInScope(
          what, [&](const EntityRef& e) { return InAdministration(e, scope, facts); },
          "administration " + who.administration);
    }
    case Role::kSteward:
      if (who.person.empty()) return Deny("the account is not linked to a person of the register");
      return BothInScope(
          what, [&](const EntityRef& e) { return StewardOf(e, who.person); },
          "systems where the account's person has a role");
    case Role::kReader:
      break;
  }
  return Deny("the role " + RoleName(who.role) + " may not change the register");
}

Decision Message(const Principal& who, const Request& what, const RegisterFacts& facts) {
  if (who.role == Role::kAdmin) return Allow();
  if (who.role != Role::kSteward) return Deny("only an admin or the system's steward may change operational messages");
  if (who.person.empty()) return Deny("the account is not linked to a person of the register");
  if (what.systems.empty()) return Deny("the message names no system");
  for (const auto& s : what.systems)
    if (!StewardOfSystem(s, who.person, facts)) return Deny("the account's person has no role on system " + s);
  return Allow();
}

Decision Feed(const Principal& who, const Request& what) {
  if (who.role == Role::kAdmin) return Allow();
  if (what.feed_scope == FeedScope::kPerson && !who.person.empty() && what.feed_id == who.person) return Allow();
  return Deny("a calendar feed of one's own person only; others are an admin's");
}

}  // namespace

bool MayWriteKind(Role role, Collection kind) {
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kDpo:
      return kind == Collection::kProcessingActivity || kind == Collection::kProcessorRecord ||
             kind == Collection::kIncident || kind == Collection::kDataSubjectRequest || kind == Collection::kAgreement;
    case Role::kDataProtectionContact:
      return kind == Collection::kProcessingActivity || kind == Collection::kIncident ||
             kind == Collection::kDataSubjectRequest;
    case Role::kSteward:
      return kind == Collection::kSystem;
    case Role::kReader:
      return false;
  }
  return false;
}

bool MayReadIncidentRegister(Role role) {
  return role == Role::kAdmin || role == Role::kDpo || role == Role::kDataProtectionContact;
}

Decision Decide(const Principal& who, const Request& what, const RegisterFacts& facts) {
  if (what.op == Operation::kRead && what.resource == Resource::kEntity && what.kind == Collection::kIncident) {
    // The incident register (issue 15): the DPO, admins, and the data protection contacts of the administrations
    // a breach concerns. Everyone else reports breaches and follows their own reports (/incident_reports).
    if (!MayReadIncidentRegister(who.role))
      return Deny(
          "the incident register is for the DPO and the data protection contacts: report a breach with POST "
          "/api/v1/incident_reports and follow your own reports at GET /api/v1/incident_reports");
    if (who.role != Role::kDataProtectionContact) return Allow();
    if (who.administration.empty()) return Deny("the account has no administration");
    if (std::holds_alternative<std::monostate>(what.stored))
      return Allow();  // a list (or no such breach): the handler keeps the contact's administration only
    const AdministrationScope scope(who, facts);
    if (!InAdministration(what.stored, scope, facts))
      return Deny("the breach does not concern administration " + who.administration);
    return Allow();
  }
  if (what.op == Operation::kRead) {
    // Reading is open to every signed-in role, except the accounts and tokens (who may sign in, and how).
    if ((what.resource == Resource::kAccount || what.resource == Resource::kApiToken) && who.role != Role::kAdmin)
      return Deny("only an admin may see accounts and API tokens");
    // Who signed in when, from where, with which token: for those who answer for it (issue 17).
    if (what.resource == Resource::kCredentialTrail && who.role != Role::kAdmin && who.role != Role::kDpo)
      return Deny("only an admin or the DPO may read the trails of accounts and API tokens");
    return Allow();
  }
  switch (what.resource) {
    case Resource::kEntity:
      return Entity(who, what, facts);
    case Resource::kOperationalMessage:
      return Message(who, what, facts);
    case Resource::kCalendarFeed:
      return Feed(who, what);
    case Resource::kOwnSession:
    case Resource::kOwnBreachReport:
    case Resource::kPersonalAct:
      return Allow();
    case Resource::kRegister:
    case Resource::kSpreadsheetImport:
    case Resource::kAccount:
    case Resource::kCredentialTrail:
    case Resource::kApiToken:
    case Resource::kOther:
      break;
  }
  if (who.role == Role::kAdmin) return Allow();
  return Deny("only an admin may do this");
}

}  // namespace ansvar::auth
