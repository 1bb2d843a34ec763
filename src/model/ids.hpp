#pragma once
// Strong identifiers: an id of one kind of entity cannot be passed where another kind is expected.
#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace ansvar::model {

template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  explicit Id(std::string_view value) : value_(value) {}
  explicit Id(const char* value) : value_(value) {}

  [[nodiscard]] const std::string& str() const { return value_; }
  [[nodiscard]] bool empty() const { return value_.empty(); }

  friend bool operator==(const Id&, const Id&) = default;
  friend auto operator<=>(const Id&, const Id&) = default;

 private:
  std::string value_;
};

using OrganizationId = Id<struct OrganizationTag>;
using CommitteeId = Id<struct CommitteeTag>;
using AdministrationId = Id<struct AdministrationTag>;
using UnitId = Id<struct UnitTag>;
using PersonId = Id<struct PersonTag>;
using SystemId = Id<struct SystemTag>;
using DocumentId = Id<struct DocumentTag>;
using PowerOfAttorneyId = Id<struct PowerOfAttorneyTag>;
using ProcessingActivityId = Id<struct ProcessingActivityTag>;
using IncidentId = Id<struct IncidentTag>;
using RequestId = Id<struct RequestTag>;
using AgreementId = Id<struct AgreementTag>;
using DelegationId = Id<struct DelegationTag>;
using ProcessorRecordId = Id<struct ProcessorRecordTag>;
using CooperationId = Id<struct CooperationTag>;
using DpaDecisionId = Id<struct DpaDecisionTag>;

}  // namespace ansvar::model

template <class Tag>
struct std::hash<ansvar::model::Id<Tag>> {
  size_t operator()(const ansvar::model::Id<Tag>& id) const noexcept { return std::hash<std::string>{}(id.str()); }
};
