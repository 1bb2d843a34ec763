#pragma once
// The access policy's questions (auth::RegisterFacts) answered from the register service: each entity read once and
// kept for the decision's lifetime (the policy borrows what it is given). Used by the HTTP middleware, the pages'
// "may" flags and the acts that decide inside a use case.
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "app/register_service.hpp"
#include "auth/policy.hpp"

namespace ansvar::app {

class ServiceFacts final : public auth::RegisterFacts {
 public:
  explicit ServiceFacts(const RegisterService& service) : service_(service) {}
  [[nodiscard]] const model::Administration* FindAdministration(std::string_view id) const override;
  [[nodiscard]] const model::System* FindSystem(std::string_view id) const override;

 private:
  template <class T>
  using Held = std::map<std::string, std::unique_ptr<T>, std::less<>>;
  template <class T>
  const T* Find(std::string_view id, Held<T>& held) const;

  const RegisterService& service_;
  mutable Held<model::Administration> administrations_;
  mutable Held<model::System> systems_;
};

}  // namespace ansvar::app
