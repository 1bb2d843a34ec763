#pragma once
// Acts a person performs in Ansvar (deciding under delegation, approving a plan, a classification's measures): the
// register person the signed-in account is linked to (auth::Account::person) does them, never a typed-in name.
#include <string>

#include "app/register_service.hpp"
#include "auth/account.hpp"
#include "model/register.hpp"

namespace ansvar::app {

// The register person the account is. kForbidden naming why not: the account is linked to no person, or to one the
// register no longer holds.
Result<model::Person> ActingPerson(const RegisterService& service, const auth::Account& account);

// The problem for an act the acting person is not entitled to: "Inte behörig / Not entitled", naming why.
Error NotEntitled(std::string why);

}  // namespace ansvar::app
