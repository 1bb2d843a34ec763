#pragma once
// Which breaches an account may read (issue 15): the incident register is for the DPO and admins (all of it) and the
// data protection contacts (the breaches concerning their administration); everyone else reports breaches and
// follows their own reports, and reads no breach's content anywhere else either — not in the register export, the
// audit trail or the measures register (auth::MayReadIncidentRegister decides the role).
#include <string>

#include "auth/account.hpp"
#include "auth/policy.hpp"

namespace ansvar::app {

struct BreachAccess {
  enum class Level { kAll, kAdministration, kNone };
  Level level = Level::kNone;
  std::string administration;  // with kAdministration
};

inline BreachAccess BreachAccessOf(auth::Role role, const std::string& administration) {
  if (!auth::MayReadIncidentRegister(role)) return {};
  if (role != auth::Role::kDataProtectionContact) return {BreachAccess::Level::kAll, {}};
  if (administration.empty()) return {};
  return {BreachAccess::Level::kAdministration, administration};
}

}  // namespace ansvar::app
