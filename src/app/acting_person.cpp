#include "app/acting_person.hpp"

#include "io/entity_json.hpp"

namespace ansvar::app {

Error NotEntitled(std::string why) {
  return {ErrorCode::kForbidden, "Inte behörig / Not entitled", std::move(why), {}};
}

Result<model::Person> ActingPerson(const RegisterService& service, const auth::Account& account) {
  if (account.person.empty())
    return NotEntitled("kontot " + account.id +
                       " är inte kopplat till en person i registret / the account is not linked to a person of the "
                       "register");
  const auto got = service.Get(Kind::kPerson, account.person);
  if (!got.ok())
    return NotEntitled("kontots person " + account.person +
                       " finns inte i registret / the account's person is not in the register");
  auto read = io::ReadEntity<model::Person>(got.value().json);
  if (!read.value) return NotEntitled("the account's person cannot be read");
  return std::move(*read.value);
}

}  // namespace ansvar::app
