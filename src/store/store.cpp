#include "store/store.hpp"

#include <array>

namespace ansvar::store {
namespace {
constexpr std::array<std::string_view, kKindCount> kNames = {
    "organization",         "committee",         "administration",      "person",           "system",
    "delegation",           "power_of_attorney", "processing_activity", "processor_record", "incident",
    "data_subject_request", "agreement",         "cooperation",         "dpa_decision"};
static_assert(std::variant_size_v<Entity> == kKindCount);
}  // namespace

std::string_view ToString(Kind kind) { return kNames[static_cast<size_t>(kind)]; }

std::optional<Kind> ParseKind(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Kind>(i);
  return std::nullopt;
}

Kind KindOf(const Entity& e) { return static_cast<Kind>(e.index()); }

std::string IdOf(const Entity& e) {
  return std::visit([](const auto& x) { return x.id.str(); }, e);
}

namespace {
// Calls fn with the collection of `kind` in the register.
template <class Fn>
auto WithCollection(const model::Register& r, Kind kind, Fn&& fn) {
  switch (kind) {
    case Kind::kOrganization:
      return fn(r.organizations);
    case Kind::kCommittee:
      return fn(r.committees);
    case Kind::kAdministration:
      return fn(r.administrations);
    case Kind::kPerson:
      return fn(r.people);
    case Kind::kSystem:
      return fn(r.systems);
    case Kind::kDelegation:
      return fn(r.delegations);
    case Kind::kPowerOfAttorney:
      return fn(r.powers_of_attorney);
    case Kind::kProcessingActivity:
      return fn(r.processing_activities);
    case Kind::kProcessorRecord:
      return fn(r.processor_records);
    case Kind::kIncident:
      return fn(r.incidents);
    case Kind::kDataSubjectRequest:
      return fn(r.data_subject_requests);
    case Kind::kAgreement:
      return fn(r.agreements);
    case Kind::kCooperation:
      return fn(r.cooperations);
    case Kind::kDpaDecision:
      return fn(r.dpa_decisions);
  }
  return fn(r.organizations);  // unreachable: every kind is listed
}
}  // namespace

int64_t Snapshot::VersionOf(Kind kind, std::string_view id) const {
  const auto& own = versions[static_cast<size_t>(kind)];
  return WithCollection(reg, kind, [&](const auto& items) -> int64_t {
    for (size_t i = 0; i < items.size() && i < own.size(); ++i)
      if (items[i].id.str() == id) return own[i];
    return 0;
  });
}

size_t Snapshot::VersionCount() const {
  size_t n = 0;
  for (const auto& own : versions) n += own.size();
  return n;
}

// What a backend keeps beside the register: unsupported unless the backend says otherwise.
namespace {
[[noreturn]] void Unsupported() { throw NotSupportedError(); }
}  // namespace

std::optional<Record> Beside::GetRecord(const std::string&) { Unsupported(); }
std::vector<Record> Beside::ListRecords(const std::string&) { Unsupported(); }
void Beside::PutRecord(const Record&) { Unsupported(); }
bool Beside::RecordOnce(const Record&) { Unsupported(); }
bool Beside::SwapRecord(const Record&, const Record&) { Unsupported(); }
bool Beside::DeleteRecord(const std::string&) { Unsupported(); }
std::vector<StoredDocument> Beside::ListDocuments(const std::string&) { Unsupported(); }
std::optional<StoredDocument> Beside::GetDocument(const std::string&, const std::string&) { Unsupported(); }
int64_t Beside::PutDocument(const std::string&, const std::string&, const std::string&, std::optional<int64_t>,
                            const Actor&, model::Timestamp) {
  Unsupported();
}
void Beside::DeleteDocument(const std::string&, const std::string&, std::optional<int64_t>, const Actor&,
                            model::Timestamp) {
  Unsupported();
}
std::vector<DocumentAuditEntry> Beside::ReadDocumentAudit(const std::string&, const std::string&, size_t) {
  Unsupported();
}

}  // namespace ansvar::store
