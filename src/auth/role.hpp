#pragma once
// The roles of an account (issue 6, docs/access-control.md "The policy"): what a signed-in person may change.
// Every role reads the whole register; the policy (auth/policy.hpp) decides the writes.
#include <array>
#include <string_view>

#include "model/enums.hpp"

namespace ansvar::auth {

enum class Role {
  kAdmin,                  // everything, including accounts, tokens and whole-register imports
  kDpo,                    // dataskyddsombud: the GDPR records of every administration
  kDataProtectionContact,  // dataskyddskontakt: the GDPR records of one administration
  kSteward,                // the systems where the account's person holds a role
  kReader,                 // reads only
};

}  // namespace ansvar::auth

// The wire names, so that model::ToString and model::ParseEnum work for roles as for the register's enums.
template <>
struct ansvar::model::EnumNames<ansvar::auth::Role> {
  static constexpr auto kNames =
      std::to_array<std::string_view>({"admin", "dpo", "data_protection_contact", "steward", "reader"});
  static constexpr std::string_view kWhat = "Role";
};
